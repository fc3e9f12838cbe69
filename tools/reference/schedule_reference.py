#!/usr/bin/python3
"""Golden learning rates of torch's own schedulers, for the schedules past the notes (cosine annealing, warm-up).

Run from the repository root with Debian's torch (offline):

    /usr/bin/python3 tools/reference/schedule_reference.py

It writes src/test/resources/reference/torch/schedules.json: per case, an engine spec (one SGD run on the quadratic)
and the lr torch's scheduler gives each update t = 0, 1, ... (read from the optimizer before its step, as the
engine's record k carries the lr of update k - 1). The engine's formulas (docs: README, "Schedules") match these
torch schedulers, which compute the rate by a different route (a recursion from the previous rate):

  cosine {T, lr_min}        CosineAnnealingLR(T_max=T, eta_min=lr_min), for t <= T (torch's cosine then climbs
                            back up; the engine stays at lr_min, which the test checks on its own)
  constant + warmup W       LinearLR(start_factor=1/W, end_factor=1, total_iters=W-1)
  S + warmup W              ChainedScheduler([that LinearLR, S's torch scheduler]): torch chains by multiplying,
                            which is the engine's min(1, (t+1)/W) * S(t) for the multiplicative S below
  exponential {k}           ExponentialLR(gamma=exp(-k))
  step {every, factor}      StepLR(step_size=every, gamma=factor) (full batch: the epoch of update t is t)
  cosine {T, lr_min=0}      CosineAnnealingLR(T_max=T)
"""

import json
import math
import os

import torch
from torch.optim.lr_scheduler import ChainedScheduler, CosineAnnealingLR, ExponentialLR, LinearLR, StepLR

torch.set_default_dtype(torch.float64)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "src", "test", "resources", "reference", "torch", "schedules.json")

# (name, lr0, engine schedule, updates, torch schedulers for an optimizer)
CASES = [
    ("cosine", 0.1, {"type": "cosine", "T": 100}, 101,
     lambda o: [CosineAnnealingLR(o, T_max=100)]),
    ("cosine-floor", 0.5, {"type": "cosine", "T": 37, "lr_min": 0.01}, 38,
     lambda o: [CosineAnnealingLR(o, T_max=37, eta_min=0.01)]),
    ("cosine-T1", 0.2, {"type": "cosine", "T": 1, "lr_min": 0.05}, 2,
     lambda o: [CosineAnnealingLR(o, T_max=1, eta_min=0.05)]),
    ("warmup", 0.3, {"type": "constant", "warmup": 20}, 60,
     lambda o: [LinearLR(o, start_factor=1 / 20, end_factor=1.0, total_iters=19)]),
    ("warmup-cosine", 0.1, {"type": "cosine", "T": 200, "warmup": 25}, 201,
     lambda o: [LinearLR(o, start_factor=1 / 25, end_factor=1.0, total_iters=24), CosineAnnealingLR(o, T_max=200)]),
    ("warmup-exponential", 0.05, {"type": "exponential", "k": 0.01, "warmup": 10}, 150,
     lambda o: [LinearLR(o, start_factor=1 / 10, end_factor=1.0, total_iters=9), ExponentialLR(o, gamma=math.exp(-0.01))]),
    ("warmup-step", 0.2, {"type": "step", "every": 30, "factor": 0.5, "warmup": 40}, 150,
     lambda o: [LinearLR(o, start_factor=1 / 40, end_factor=1.0, total_iters=39), StepLR(o, step_size=30, gamma=0.5)]),
]


def torch_rates(lr0, make, updates):
    parameter = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.SGD([parameter], lr=lr0)
    schedulers = make(optimizer)
    scheduler = schedulers[0] if len(schedulers) == 1 else ChainedScheduler(schedulers)
    rates = []
    for _ in range(updates):
        rates.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return rates


def main():
    cases = []
    for name, lr0, schedule, updates, make in CASES:
        run = {"id": "torch", "optimizer": {"type": "sgd", "lr": lr0}, "schedule": schedule}
        spec = {"problem": {"type": "quadratic"}, "start": [0.5, 0.5], "steps": updates, "runs": [run]}
        cases.append({"name": name, "spec": spec, "lr": torch_rates(lr0, make, updates)})
    document = {"generator": "tools/reference/schedule_reference.py", "torch": torch.__version__, "cases": cases}
    with open(OUT, "w") as f:
        json.dump(document, f, allow_nan=False, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {os.path.relpath(OUT, ROOT)} ({os.path.getsize(OUT)} bytes)")


if __name__ == "__main__":
    main()
