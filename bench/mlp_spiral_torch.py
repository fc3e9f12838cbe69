#!/usr/bin/python3
"""Full-batch training steps per second of the mlp-spiral network in PyTorch (float64, CPU).

The same network and step as Optimizer Lab's MlpSpiralStepBenchmark.step: the CS231n spiral data (3 classes),
h = relu(X W1 + b1), scores = h W2 + b2, loss = mean softmax cross-entropy + 0.5 * reg * (sum(W1^2) + sum(W2^2)),
W = 0.01 * randn, b = 0, reg = 1e-3, Adam(lr=1e-2, betas=(0.9, 0.999), eps=1e-8), one full batch per step.

Usage: /usr/bin/python3 bench/mlp_spiral_torch.py [--points-per-class 100] [--hidden 100] [--threads 1]
Times --rounds rounds of --seconds each after a warm-up, with Adam's for-loop and foreach implementations, and
reports the best round. Prints one JSON line: {"points": 300, "hidden": 100, "threads": 1, "steps_per_second": ...}.
Run it with Debian's python3-torch and libopenblas0-pthread installed (else torch uses the slow reference BLAS).
Threads: torch.set_num_threads(N) for torch's own kernels, and OPENBLAS_NUM_THREADS / OMP_NUM_THREADS /
MKL_NUM_THREADS = N (unless already set) for the BLAS, whose pthread build otherwise starts a thread per core.
"""
import argparse
import json
import os
import sys
import time

if __name__ == "__main__":                                   # BLAS reads its thread count when torch is imported
    threads = sys.argv[sys.argv.index("--threads") + 1] if "--threads" in sys.argv else "1"
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, threads)

import numpy as np
import torch


def spiral(points_per_class, classes, rng):
    n = points_per_class * classes
    x = np.zeros((n, 2))
    y = np.zeros(n, dtype=np.int64)
    for j in range(classes):
        ix = range(points_per_class * j, points_per_class * (j + 1))
        r = np.linspace(0.0, 1, points_per_class)
        t = np.linspace(j * 4, (j + 1) * 4, points_per_class) + rng.standard_normal(points_per_class) * 0.2
        x[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
        y[ix] = j
    return torch.from_numpy(x), torch.from_numpy(y)


def steps_per_second(points_per_class, hidden, seconds, rounds, foreach, clock):
    classes, reg = 3, 1e-3
    rng = np.random.default_rng(1)
    x, y = spiral(points_per_class, classes, rng)
    w1 = (0.01 * torch.randn(2, hidden, dtype=torch.float64)).requires_grad_()
    b1 = torch.zeros(hidden, dtype=torch.float64, requires_grad=True)
    w2 = (0.01 * torch.randn(hidden, classes, dtype=torch.float64)).requires_grad_()
    b2 = torch.zeros(classes, dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.Adam([w1, b1, w2, b2], lr=1e-2, betas=(0.9, 0.999), eps=1e-8, foreach=foreach)

    def step():
        optimizer.zero_grad(set_to_none=True)
        scores = torch.relu(x @ w1 + b1) @ w2 + b2
        loss = torch.nn.functional.cross_entropy(scores, y) + 0.5 * reg * ((w1 * w1).sum() + (w2 * w2).sum())
        loss.backward()
        optimizer.step()
        return loss

    def timed(duration):
        count, start = 0, clock()
        while True:
            for _ in range(10):
                step()
            count += 10
            elapsed = clock() - start
            if elapsed >= duration:
                return count / elapsed

    timed(min(1.0, seconds))                                 # warm-up
    return max(timed(seconds) for _ in range(rounds))        # the best round: the least disturbed by other load


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--points-per-class", type=int, default=100)
    parser.add_argument("--hidden", type=int, default=100)
    parser.add_argument("--threads", type=int, default=1, help="torch.set_num_threads (intra-op threads)")
    parser.add_argument("--seconds", type=float, default=1.0, help="length of each timed round")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds; the best is reported")
    parser.add_argument("--cpu-time", action="store_true",
                        help="time the process's CPU time instead of wall-clock time (meaningful with --threads 1)")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    clock = time.process_time if args.cpu_time else time.perf_counter
    best = max(steps_per_second(args.points_per_class, args.hidden, args.seconds, args.rounds, foreach, clock)
               for foreach in (False, True))                 # PyTorch's faster Adam implementation counts
    print(json.dumps({"points": 3 * args.points_per_class, "hidden": args.hidden, "threads": args.threads,
                      "torch": torch.__version__, "clock": "cpu" if args.cpu_time else "wall",
                      "steps_per_second": best}))


if __name__ == "__main__":
    main()
