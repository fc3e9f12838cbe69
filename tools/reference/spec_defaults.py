"""The defaults of the experiment spec (issue 2, the notes' values), written down independently of the Java code.

Shared by torch_reference.py and notes_reference.py: a case that leaves a hyperparameter out of its spec is computed
here with these values, so the golden files also check the engine's defaults.
"""

OPTIMIZER_DEFAULTS = {
    "sgd": {},
    "momentum": {"mu": 0.9},
    "nesterov": {"mu": 0.9},
    "adagrad": {"eps": 1e-8},
    "rmsprop": {"decay_rate": 0.9, "eps": 1e-8},
    "adam": {"mu": 0.9, "decay_rate": 0.999, "eps": 1e-8},
    "amsgrad": {"mu": 0.9, "decay_rate": 0.999, "eps": 1e-8, "variant": "paper"},
}

PROBLEM_DEFAULTS = {
    "quadratic": {"a": 1.0, "b": 20.0},
    "reddi": {"big": 1010.0, "small": -10.0, "period": 101},
}


def with_defaults(kind, given, defaults):
    """The given fields (without "type") over the defaults of that kind."""
    values = dict(defaults.get(kind, {}))
    values.update({k: v for k, v in given.items() if k != "type"})
    return values
