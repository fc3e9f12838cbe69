#!/usr/bin/python3
"""Golden trajectories of torch.optim in float64, for the engine's reference tests.

Run from the repository root with Debian's torch (offline):

    /usr/bin/python3 tools/reference/torch_reference.py

It writes src/test/resources/reference/torch/<optimizer>.json (one file per optimizer) and gradients.json. The
Java tests read those files; they never run Python.

Each case is a complete experiment spec (one run, id "torch", constant learning rate) plus what torch.optim did
with it: the parameters after every update, and at some updates (1..10, then every 10th) torch's own optimizer
state under torch's names. Gradients come from torch autograd on the problem formulas of issue 2, written here
from scratch, so the cases also check the engine's analytic gradients. Hyperparameters a case leaves out of its
spec are filled in with the notes' defaults of spec_defaults.py, so the cases also check the engine's defaults.

Conventions the Java test maps (engine name = torch name):
  momentum, nesterov   v         = -lr * momentum_buffer
  adagrad              cache     = sum
  rmsprop              cache     = square_avg
  adam, amsgrad        v         = exp_avg,  cache = exp_avg_sq
  amsgrad              cache_max = max_exp_avg_sq

Every case is checked for being well conditioned: the trajectory from a start moved by one part in 1e10 must stay
within AMPLIFICATION_LIMIT * 1e-10 of the original (measured like the Java test, see relative_difference), so
round-off differences between two correct implementations cannot grow anywhere near the tests' 1e-9.
"""

import json
import math
import os
import sys

import torch

from spec_defaults import OPTIMIZER_DEFAULTS, PROBLEM_DEFAULTS, with_defaults

torch.set_default_dtype(torch.float64)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "src", "test", "resources", "reference", "torch")

STEPS = 300
REDDI_STEPS = 505                      # five periods of 101
PERTURBATION = 1e-10
AMPLIFICATION_LIMIT = 1e4
FLOOR = 1e-6                           # see relative_difference

STATE_NAMES = {
    "sgd": [],
    "momentum": ["momentum_buffer"],
    "nesterov": ["momentum_buffer"],
    "adagrad": ["sum"],
    "rmsprop": ["square_avg"],
    "adam": ["exp_avg", "exp_avg_sq"],
    "amsgrad": ["exp_avg", "exp_avg_sq", "max_exp_avg_sq"],
}


# ---- problems: loss of update t (1-based) at p, as torch expressions ------------------------------------------

def loss_function(problem):
    kind = problem["type"]
    params = with_defaults(kind, problem, PROBLEM_DEFAULTS)
    if kind == "quadratic":
        a, b = params["a"], params["b"]
        return lambda p, t: 0.5 * (a * p[0] ** 2 + b * p[1] ** 2)
    if kind == "rosenbrock":
        return lambda p, t: (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2
    if kind == "beale":
        return lambda p, t: ((1.5 - p[0] + p[0] * p[1]) ** 2 + (2.25 - p[0] + p[0] * p[1] ** 2) ** 2
                             + (2.625 - p[0] + p[0] * p[1] ** 3) ** 2)
    if kind == "himmelblau":
        return lambda p, t: (p[0] ** 2 + p[1] - 11) ** 2 + (p[0] + p[1] ** 2 - 7) ** 2
    if kind == "saddle":
        return lambda p, t: p[0] ** 2 + p[1] ** 4 / 4 - p[1] ** 2
    if kind == "reddi":
        big, small, period = params["big"], params["small"], params["period"]
        return lambda p, t: (big if t % period == 1 else small) * p[0]
    raise ValueError(kind)


def projection(problem):
    """Reddi's x is kept in [-1, 1] by clamping after each update; the other problems are unconstrained."""
    if problem["type"] == "reddi":
        return lambda p: p.clamp_(-1.0, 1.0)
    return None


# ---- optimizers ----------------------------------------------------------------------------------------------

def torch_optimizer(spec, params):
    kind = spec["type"]
    h = with_defaults(kind, spec, OPTIMIZER_DEFAULTS)
    lr = h["lr"]
    if kind == "sgd":
        return torch.optim.SGD(params, lr=lr)
    if kind == "momentum":
        return torch.optim.SGD(params, lr=lr, momentum=h["mu"])
    if kind == "nesterov":
        return torch.optim.SGD(params, lr=lr, momentum=h["mu"], nesterov=True)
    if kind == "adagrad":
        return torch.optim.Adagrad(params, lr=lr, lr_decay=0, initial_accumulator_value=0, eps=h["eps"])
    if kind == "rmsprop":
        return torch.optim.RMSprop(params, lr=lr, alpha=h["decay_rate"], eps=h["eps"])
    if kind == "adam":
        return torch.optim.Adam(params, lr=lr, betas=(h["mu"], h["decay_rate"]), eps=h["eps"])
    if kind == "amsgrad":
        return torch.optim.Adam(params, lr=lr, betas=(h["mu"], h["decay_rate"]), eps=h["eps"], amsgrad=True)
    raise ValueError(kind)


def state_recorded(step):
    return step <= 10 or step % 10 == 0


def trajectory(spec, start, steps, record_state):
    """Runs torch.optim on the spec's problem; returns parameters after every update and the recorded state."""
    kind = spec["runs"][0]["optimizer"]["type"]
    loss = loss_function(spec["problem"])
    project = projection(spec["problem"])
    p = torch.tensor(start, requires_grad=True)
    optimizer = torch_optimizer(spec["runs"][0]["optimizer"], [p])
    params, state_steps, state = [], [], {name: [] for name in STATE_NAMES[kind]}
    for t in range(1, steps + 1):
        optimizer.zero_grad()
        loss(p, t).backward()
        optimizer.step()
        if project is not None:
            with torch.no_grad():
                project(p)
        params.append(p.detach().tolist())
        if record_state and state_recorded(t):
            state_steps.append(t)
            s = optimizer.state[p]
            for name in STATE_NAMES[kind]:
                state[name].append(s[name].tolist())
    return params, state_steps, state


def relative_difference(a, b, floor):
    """|a - b| / max(|a|, |b|, floor): relative, except for values much smaller than the quantity's scale."""
    return abs(a - b) / max(abs(a), abs(b), floor)


def amplification(spec, params):
    """How much a relative change of 1e-10 in the start grows along the trajectory (max over steps, coordinates)."""
    moved = [x * (1 + PERTURBATION) if x != 0 else PERTURBATION for x in spec["start"]]
    other, _, _ = trajectory(spec, moved, len(params), False)
    worst = 0.0
    for i in range(len(spec["start"])):
        scale = max(abs(row[i]) for row in params)
        for row, row2 in zip(params, other):
            worst = max(worst, relative_difference(row[i], row2[i], FLOOR * scale))
    return worst / PERTURBATION


def case(name, optimizer, problem, start, steps=STEPS):
    return name, {"problem": problem, "start": start, "steps": steps,
                  "runs": [{"id": "torch", "optimizer": optimizer}]}


# Default hyperparameters: only type and lr given. Starts and learning rates keep each trajectory finite, bounded
# and well conditioned (checked below).
CASES = {
    "sgd": [
        case("quadratic-default", {"type": "sgd", "lr": 0.04}, {"type": "quadratic"}, [-2.5, 1.5]),
        case("quadratic-a3-b0.5", {"type": "sgd", "lr": 0.1}, {"type": "quadratic", "a": 3, "b": 0.5}, [1.2, -2.0]),
        case("rosenbrock", {"type": "sgd", "lr": 0.0005}, {"type": "rosenbrock"}, [-1.5, 2.0]),
        case("beale", {"type": "sgd", "lr": 0.001}, {"type": "beale"}, [1.0, 1.5]),
        case("himmelblau", {"type": "sgd", "lr": 0.01}, {"type": "himmelblau"}, [0.0, 0.0]),
        case("saddle", {"type": "sgd", "lr": 0.05}, {"type": "saddle"}, [-1.5, 0.001]),
    ],
    "momentum": [
        case("quadratic-default", {"type": "momentum", "lr": 0.01}, {"type": "quadratic"}, [-2.5, 1.5]),
        case("rosenbrock-mu0.5", {"type": "momentum", "lr": 0.0005, "mu": 0.5}, {"type": "rosenbrock"}, [-1.5, 2.0]),
        case("himmelblau-mu0.7", {"type": "momentum", "lr": 0.005, "mu": 0.7}, {"type": "himmelblau"}, [1.0, -1.0]),
        case("saddle-default", {"type": "momentum", "lr": 0.01}, {"type": "saddle"}, [-1.5, 0.001]),
        case("beale-mu0.8", {"type": "momentum", "lr": 0.0005, "mu": 0.8}, {"type": "beale"}, [1.0, 1.5]),
    ],
    "nesterov": [
        case("quadratic-default", {"type": "nesterov", "lr": 0.01}, {"type": "quadratic"}, [-2.5, 1.5]),
        case("rosenbrock-mu0.5", {"type": "nesterov", "lr": 0.0005, "mu": 0.5}, {"type": "rosenbrock"}, [-1.5, 2.0]),
        case("himmelblau-default", {"type": "nesterov", "lr": 0.001}, {"type": "himmelblau"}, [0.0, 0.0]),
        case("saddle-mu0.6", {"type": "nesterov", "lr": 0.02, "mu": 0.6}, {"type": "saddle"}, [-1.5, 0.001]),
        case("beale-mu0.8", {"type": "nesterov", "lr": 0.0005, "mu": 0.8}, {"type": "beale"}, [1.0, 1.5]),
    ],
    "adagrad": [
        case("quadratic-default", {"type": "adagrad", "lr": 0.5}, {"type": "quadratic"}, [-2.5, 1.5]),
        case("rosenbrock-default", {"type": "adagrad", "lr": 0.1}, {"type": "rosenbrock"}, [-1.5, 2.0]),
        case("beale-eps1e-3", {"type": "adagrad", "lr": 0.2, "eps": 1e-3}, {"type": "beale"}, [1.0, 1.5]),
        case("himmelblau-eps0.5", {"type": "adagrad", "lr": 0.3, "eps": 0.5}, {"type": "himmelblau"}, [0.0, 0.0]),
        case("reddi", {"type": "adagrad", "lr": 0.05}, {"type": "reddi"}, [1.0], REDDI_STEPS),
    ],
    "rmsprop": [
        case("quadratic-default", {"type": "rmsprop", "lr": 0.01}, {"type": "quadratic"}, [-2.5, 1.5]),
        case("rosenbrock-decay0.99", {"type": "rmsprop", "lr": 0.002, "decay_rate": 0.99},
             {"type": "rosenbrock"}, [-1.5, 2.0]),
        case("himmelblau-eps1e-2", {"type": "rmsprop", "lr": 0.01, "decay_rate": 0.95, "eps": 1e-2},
             {"type": "himmelblau"}, [0.0, 0.0]),
        case("saddle-default", {"type": "rmsprop", "lr": 0.005}, {"type": "saddle"}, [-1.5, 0.001]),
        case("reddi-decay0.99", {"type": "rmsprop", "lr": 0.01, "decay_rate": 0.99}, {"type": "reddi"},
             [0.5], REDDI_STEPS),
    ],
    "adam": [
        case("quadratic-default", {"type": "adam", "lr": 0.01}, {"type": "quadratic"}, [-2.5, 1.5]),
        case("rosenbrock-default", {"type": "adam", "lr": 0.005}, {"type": "rosenbrock"}, [-1.5, 2.0]),
        case("beale-mu0.8-decay0.99", {"type": "adam", "lr": 0.01, "mu": 0.8, "decay_rate": 0.99, "eps": 1e-6},
             {"type": "beale"}, [1.0, 1.5]),
        case("himmelblau-mu0-eps1e-3", {"type": "adam", "lr": 0.02, "mu": 0.0, "eps": 1e-3},
             {"type": "himmelblau"}, [0.0, 0.0]),
        case("reddi-decay0.99", {"type": "adam", "lr": 0.01, "decay_rate": 0.99}, {"type": "reddi"},
             [1.0], REDDI_STEPS),
    ],
    "amsgrad": [
        case("quadratic-default", {"type": "amsgrad", "lr": 0.01}, {"type": "quadratic"}, [-2.5, 1.5]),
        case("rosenbrock-default", {"type": "amsgrad", "lr": 0.005}, {"type": "rosenbrock"}, [-1.5, 2.0]),
        case("saddle-mu0.5-decay0.9", {"type": "amsgrad", "lr": 0.01, "mu": 0.5, "decay_rate": 0.9, "eps": 1e-4},
             {"type": "saddle"}, [-1.5, 0.001]),
        case("himmelblau-decay0.99", {"type": "amsgrad", "lr": 0.02, "decay_rate": 0.99},
             {"type": "himmelblau"}, [0.0, 0.0]),
        case("reddi-decay0.99", {"type": "amsgrad", "lr": 0.01, "decay_rate": 0.99}, {"type": "reddi"},
             [1.0], REDDI_STEPS),
    ],
}

# Points where the gradients of the engine's problems are compared with autograd.
GRADIENT_POINTS = [[-1.5, 2.0], [1.0, 1.5], [0.0, 0.0], [3.0, 0.5], [-2.7, -3.1], [0.3, -0.7], [1.25, 1.0e-3],
                   [4.0, -4.25], [-0.001, 2.5]]
GRADIENT_PROBLEMS = [{"type": "quadratic"}, {"type": "quadratic", "a": 3, "b": 0.5}, {"type": "rosenbrock"},
                     {"type": "beale"}, {"type": "himmelblau"}, {"type": "saddle"}]


def check_finite(values, where):
    for row in values:
        for x in row:
            if not math.isfinite(x) or abs(x) > 1e6:
                sys.exit(f"{where}: value {x} is not finite or not bounded; pick another start or lr")


def write(name, document):
    path = os.path.join(OUT, name)
    with open(path, "w") as f:
        json.dump(document, f, allow_nan=False, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {os.path.relpath(path, ROOT)} ({os.path.getsize(path)} bytes)")


def main():
    os.makedirs(OUT, exist_ok=True)
    header = {"generator": "tools/reference/torch_reference.py", "torch": torch.__version__, "dtype": "float64"}
    for kind, cases in CASES.items():
        out = []
        for name, spec in cases:
            params, state_steps, state = trajectory(spec, spec["start"], spec["steps"], True)
            check_finite(params, f"{kind}/{name}")
            growth = amplification(spec, params)
            print(f"{kind:9s} {name:28s} amplification {growth:9.3g}")
            if growth > AMPLIFICATION_LIMIT:
                sys.exit(f"{kind}/{name}: ill conditioned (amplification {growth:.3g}); pick another case")
            entry = {"name": name, "amplification": float(f"{growth:.3g}"), "spec": spec, "params": params}
            if STATE_NAMES[kind]:
                entry["state_steps"] = state_steps
                entry["state"] = state
            out.append(entry)
        write(f"{kind}.json", dict(header, optimizer=kind, cases=out))

    gradients = []
    for problem in GRADIENT_PROBLEMS:
        loss = loss_function(problem)
        for point in GRADIENT_POINTS:
            p = torch.tensor(point, requires_grad=True)
            value = loss(p, 1)
            value.backward()
            gradients.append({"problem": problem, "x": point, "value": value.item(), "gradient": p.grad.tolist()})
    write("gradients.json", dict(header, points=gradients))


if __name__ == "__main__":
    main()
