#!/usr/bin/python3
"""Golden trajectories of a plain numpy transcription of the course notes, run with every learning-rate schedule.

Run from the repository root (numpy only, offline):

    /usr/bin/python3 tools/reference/notes_reference.py

It writes src/test/resources/reference/notes/<schedule>.json. Under a schedule the engine keeps the notes' form of
each optimizer with that update's lr (torch's momentum, for one, does not: its buffer is independent of lr), so
this is the reference for schedules; torch_reference.py is the reference for constant learning rates.

The update lines below are the notes' own lines (shared/notes/optimizer-notes.zh.md), copied as written, on numpy
arrays. AMSGrad comes twice: "notes" reads the notes' line `cache = np.max((cache, ...))` element-wise
(np.maximum; np.max as written would take one scalar over both arrays), and "paper" is the AMSGrad of the paper
(a separate running maximum cache_max of Adam's cache, bias-corrected). Gradients are the problems' formulas of
issue 2, derived by hand. The schedules are the formulas of issue 2 (t the 0-based update index; on these
full-batch problems the epoch of update t is t):
  step {every, factor}: lr0 * factor ** floor(epoch / every)
  exponential {k}:      lr0 * exp(-k t)
  inverse {k}:          lr0 / (1 + k t)
and, past the notes (the engine's docs; schedule_reference.py checks them against torch's schedulers):
  cosine {T, lr_min}:   lr_min + (lr0 - lr_min) * (1 + cos(pi t / T)) / 2 for t < T, then lr_min
  warmup W (any type):  min(1, (t + 1) / W) * the schedule's own lr

Each case records, after updates 1..20 and then after every 10th (an error never hides between records: it carries
over), the parameters and the learning rate that update used; and the state after every 25th update.
"""

import json
import math
import os

import numpy as np

from spec_defaults import OPTIMIZER_DEFAULTS, PROBLEM_DEFAULTS, with_defaults

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "src", "test", "resources", "reference", "notes")
STEPS = 300

SCHEDULES = {
    "constant": {"type": "constant"},
    "step": {"type": "step", "every": 40, "factor": 0.5},
    "exponential": {"type": "exponential", "k": 0.004},
    "inverse": {"type": "inverse", "k": 0.03},
    "cosine": {"type": "cosine", "T": 240, "lr_min": 0.0001},
    "warmup": {"type": "cosine", "T": 300, "warmup": 25},
}


def learning_rate(schedule, lr0, t):
    ramp = min(1.0, (t + 1) / schedule["warmup"]) if schedule.get("warmup", 0) > 0 else 1.0
    return ramp * annealed(schedule, lr0, t)


def annealed(schedule, lr0, t):
    epoch = t
    kind = schedule["type"]
    if kind == "constant":
        return lr0
    if kind == "step":
        return lr0 * schedule["factor"] ** math.floor(epoch / schedule["every"])
    if kind == "exponential":
        return lr0 * math.exp(-schedule["k"] * t)
    if kind == "inverse":
        return lr0 / (1 + schedule["k"] * t)
    if kind == "cosine":
        lr_min = schedule.get("lr_min", 0.0)
        if t >= schedule["T"]:
            return lr_min
        return lr_min + (lr0 - lr_min) * (1 + math.cos(math.pi * t / schedule["T"])) / 2
    raise ValueError(kind)


# ---- problems: (gradient of update t at x, projection) -------------------------------------------------------

def gradient_function(problem):
    kind = problem["type"]
    p = with_defaults(kind, problem, PROBLEM_DEFAULTS)
    if kind == "quadratic":
        a, b = p["a"], p["b"]
        return lambda x, t: np.array([a * x[0], b * x[1]])
    if kind == "rosenbrock":
        return lambda x, t: np.array([-2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] ** 2), 200 * (x[1] - x[0] ** 2)])
    if kind == "beale":
        def beale(x, t):
            u, w = x
            r1, r2, r3 = 1.5 - u + u * w, 2.25 - u + u * w ** 2, 2.625 - u + u * w ** 3
            return np.array([2 * r1 * (w - 1) + 2 * r2 * (w ** 2 - 1) + 2 * r3 * (w ** 3 - 1),
                             2 * r1 * u + 4 * r2 * u * w + 6 * r3 * u * w ** 2])
        return beale
    if kind == "himmelblau":
        def himmelblau(x, t):
            a, b = x[0] ** 2 + x[1] - 11, x[0] + x[1] ** 2 - 7
            return np.array([4 * a * x[0] + 2 * b, 2 * a + 4 * b * x[1]])
        return himmelblau
    if kind == "saddle":
        return lambda x, t: np.array([2 * x[0], x[1] ** 3 - 2 * x[1]])
    if kind == "reddi":
        big, small, period = p["big"], p["small"], p["period"]
        return lambda x, t: np.array([big if (t + 1) % period == 1 else small])
    raise ValueError(kind)


def project(problem, x):
    if problem["type"] == "reddi":
        np.clip(x, -1, 1, out=x)


# ---- the notes' optimizers: one update, in the notes' lines --------------------------------------------------
# s holds the state (v, cache, cache_max, t); every line after the first of each block is copied from the notes.

def sgd(x, dx, lr, s, h):
    x += - lr * dx


def momentum(x, dx, lr, s, h):
    mu, v = h["mu"], s["v"]
    v = mu * v
    v += - lr * dx
    x += v
    s["v"] = v


def nesterov(x, dx, lr, s, h):
    mu, v = h["mu"], s["v"]
    pre_v = v
    v = mu * v
    v += - lr * dx
    x += v + mu * (v - pre_v)
    s["v"] = v


def adagrad(x, dx, lr, s, h):
    eps, cache = h["eps"], s["cache"]
    cache += dx ** 2
    x += - (lr / (np.sqrt(cache) + eps)) * dx


def rmsprop(x, dx, lr, s, h):
    decay_rate, eps, cache = h["decay_rate"], h["eps"], s["cache"]
    cache = decay_rate * cache + (1 - decay_rate) * (dx ** 2)
    x += - (lr / (np.sqrt(cache) + eps)) * dx
    s["cache"] = cache


def adam(x, dx, lr, s, h):
    mu, decay_rate, eps, v, cache = h["mu"], h["decay_rate"], h["eps"], s["v"], s["cache"]
    s["t"] += 1
    t = s["t"]
    v = mu * v + (1-mu) * dx
    vt = v/(1 - mu ** t)
    cache = decay_rate * cache + (1-decay_rate) * (dx ** 2)
    cachet = cache/(1 - decay_rate ** t)
    x += - (lr/ (np.sqrt(cachet) + eps)) * vt
    s["v"], s["cache"] = v, cache


def amsgrad_notes(x, dx, lr, s, h):
    """Adam with the notes' AMSGrad line in place of the cache line, np.max read element-wise (np.maximum)."""
    mu, decay_rate, eps, v, cache = h["mu"], h["decay_rate"], h["eps"], s["v"], s["cache"]
    s["t"] += 1
    t = s["t"]
    v = mu * v + (1-mu) * dx
    vt = v/(1 - mu ** t)
    cache = np.maximum(cache, decay_rate * cache + (1 - decay_rate) * (dx ** 2))
    cachet = cache/(1 - decay_rate ** t)
    x += - (lr/ (np.sqrt(cachet) + eps)) * vt
    s["v"], s["cache"] = v, cache


def amsgrad_paper(x, dx, lr, s, h):
    """The paper's AMSGrad (Reddi et al. 2018, with Adam's bias correction as in torch.optim)."""
    mu, decay_rate, eps, v, cache, cache_max = h["mu"], h["decay_rate"], h["eps"], s["v"], s["cache"], s["cache_max"]
    s["t"] += 1
    t = s["t"]
    v = mu * v + (1-mu) * dx
    vt = v/(1 - mu ** t)
    cache = decay_rate * cache + (1-decay_rate) * (dx ** 2)
    cache_max = np.maximum(cache_max, cache)
    cachet = cache_max/(1 - decay_rate ** t)
    x += - (lr/ (np.sqrt(cachet) + eps)) * vt
    s["v"], s["cache"], s["cache_max"] = v, cache, cache_max


UPDATES = {"sgd": sgd, "momentum": momentum, "nesterov": nesterov, "adagrad": adagrad, "rmsprop": rmsprop,
           "adam": adam, "amsgrad-paper": amsgrad_paper, "amsgrad-notes": amsgrad_notes}
STATE_NAMES = {"sgd": [], "momentum": ["v"], "nesterov": ["v"], "adagrad": ["cache"], "rmsprop": ["cache"],
               "adam": ["v", "cache"], "amsgrad-paper": ["v", "cache", "cache_max"], "amsgrad-notes": ["v", "cache"]}

# (name, optimizer, problem, start): every optimizer, both AMSGrad variants, default and other hyperparameters.
CASES = [
    ("sgd-rosenbrock", {"type": "sgd", "lr": 0.0005}, {"type": "rosenbrock"}, [-1.5, 2.0]),
    ("momentum-quadratic", {"type": "momentum", "lr": 0.01}, {"type": "quadratic"}, [-2.5, 1.5]),
    ("nesterov-himmelblau", {"type": "nesterov", "lr": 0.002, "mu": 0.8}, {"type": "himmelblau"}, [0.0, 0.0]),
    ("adagrad-beale", {"type": "adagrad", "lr": 0.2, "eps": 1e-3}, {"type": "beale"}, [1.0, 1.5]),
    ("rmsprop-saddle", {"type": "rmsprop", "lr": 0.005}, {"type": "saddle"}, [-1.5, 0.001]),
    ("adam-rosenbrock", {"type": "adam", "lr": 0.005}, {"type": "rosenbrock"}, [-1.5, 2.0]),
    ("amsgrad-paper-quadratic", {"type": "amsgrad", "lr": 0.02, "decay_rate": 0.99},
     {"type": "quadratic", "a": 2, "b": 8}, [1.5, -1.0]),
    ("amsgrad-notes-quadratic", {"type": "amsgrad", "lr": 0.02, "decay_rate": 0.99, "variant": "notes"},
     {"type": "quadratic", "a": 2, "b": 8}, [1.5, -1.0]),
    ("amsgrad-paper-reddi", {"type": "amsgrad", "lr": 0.05, "decay_rate": 0.99}, {"type": "reddi"}, [1.0]),
    ("amsgrad-notes-reddi", {"type": "amsgrad", "lr": 0.05, "decay_rate": 0.99, "variant": "notes"},
     {"type": "reddi"}, [1.0]),
]


def recorded(step):
    return step <= 20 or step % 10 == 0


def run(schedule, optimizer, problem, start):
    kind = optimizer["type"]
    h = with_defaults(kind, optimizer, OPTIMIZER_DEFAULTS)
    name = kind + "-" + h["variant"] if kind == "amsgrad" else kind
    update = UPDATES[name]
    gradient = gradient_function(problem)
    x = np.array(start, dtype=np.float64)
    zeros = np.zeros_like(x)
    s = {"v": zeros.copy(), "cache": zeros.copy(), "cache_max": zeros.copy(), "t": 0}
    lrs, param_steps, params, state_steps = [], [], [], []
    state = {n: [] for n in STATE_NAMES[name]}
    for t in range(STEPS):
        lr = learning_rate(schedule, optimizer["lr"], t)
        dx = gradient(x, t)
        update(x, dx, lr, s, h)
        project(problem, x)
        step = t + 1
        if not np.all(np.isfinite(x)) or np.max(np.abs(x)) > 1e6:
            raise SystemExit(f"{name} under {schedule['type']}: x = {x} at step {step}; pick another case")
        if recorded(step):
            param_steps.append(step)
            lrs.append(lr)
            params.append(x.tolist())
        if step % 25 == 0:
            state_steps.append(step)
            for n in state:
                state[n].append(s[n].tolist())
    return lrs, param_steps, params, state_steps, state


def main():
    os.makedirs(OUT, exist_ok=True)
    for schedule_name, schedule in SCHEDULES.items():
        cases = []
        for name, optimizer, problem, start in CASES:
            run_spec = {"id": "notes", "optimizer": optimizer}
            if schedule != {"type": "constant"}:
                run_spec["schedule"] = schedule
            spec = {"problem": problem, "start": start, "steps": STEPS, "runs": [run_spec]}
            lrs, param_steps, params, state_steps, state = run(schedule, optimizer, problem, start)
            cases.append({"name": name, "spec": spec, "lr": lrs, "param_steps": param_steps, "params": params,
                          "state_steps": state_steps, "state": state})
        document = {"generator": "tools/reference/notes_reference.py", "numpy": np.__version__,
                    "schedule": schedule, "cases": cases}
        path = os.path.join(OUT, schedule_name + ".json")
        with open(path, "w") as f:
            json.dump(document, f, allow_nan=False, separators=(",", ":"))
            f.write("\n")
        print(f"wrote {os.path.relpath(path, ROOT)} ({os.path.getsize(path)} bytes)")


if __name__ == "__main__":
    main()
