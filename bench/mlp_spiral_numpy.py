#!/usr/bin/env python3
"""Full-batch training steps per second of the mlp-spiral network in a notes-style numpy loop (float64, CPU).

The loop of the CS231n case study the course notes follow, with the notes' Adam lines: the spiral data (3 classes),
h = relu(X W1 + b1), scores = h W2 + b2, loss = mean softmax cross-entropy + 0.5 * reg * (sum(W1^2) + sum(W2^2)),
W = 0.01 * randn, b = 0, reg = 1e-3, Adam(lr=1e-2, mu=0.9, decay_rate=0.999, eps=1e-8), one full batch per step.
The same network and step as Optimizer Lab's bare step (bench/RunnerStepRate.java, MlpSpiralStepBenchmark.step).

Usage: python3 bench/mlp_spiral_numpy.py [--points-per-class 100] [--hidden 100] [--seconds 1] [--rounds 5]
Times --rounds rounds of --seconds each after a warm-up and prints one JSON line with the best and the median round
in wall-clock time ("steps_per_second", "median") and in the process's CPU time ("cpu_steps_per_second"), and the
BLAS thread settings it ran with. Threads are left as the machine sets them (OPENBLAS_NUM_THREADS and friends are
read, not set): this is the numpy a student would run.
"""
import argparse
import json
import os
import statistics
import time

import numpy as np


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
    return x, y


def make_step(points_per_class, hidden):
    classes, reg, lr, mu, decay_rate, eps = 3, 1e-3, 1e-2, 0.9, 0.999, 1e-8
    rng = np.random.default_rng(1)
    X, y = spiral(points_per_class, classes, rng)
    n = X.shape[0]
    params = [0.01 * rng.standard_normal((2, hidden)), np.zeros((1, hidden)),
              0.01 * rng.standard_normal((hidden, classes)), np.zeros((1, classes))]
    vs = [np.zeros_like(p) for p in params]
    caches = [np.zeros_like(p) for p in params]
    t = [0]

    def step():
        W, b, W2, b2 = params
        hidden_layer = np.maximum(0, np.dot(X, W) + b)                     # the case study's lines
        scores = np.dot(hidden_layer, W2) + b2
        exp_scores = np.exp(scores - np.max(scores, axis=1, keepdims=True))
        probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)
        correct_logprobs = -np.log(probs[range(n), y])
        loss = np.sum(correct_logprobs) / n + 0.5 * reg * np.sum(W * W) + 0.5 * reg * np.sum(W2 * W2)
        dscores = probs
        dscores[range(n), y] -= 1
        dscores /= n
        dW2 = np.dot(hidden_layer.T, dscores)
        db2 = np.sum(dscores, axis=0, keepdims=True)
        dhidden = np.dot(dscores, W2.T)
        dhidden[hidden_layer <= 0] = 0
        dW = np.dot(X.T, dhidden)
        db = np.sum(dhidden, axis=0, keepdims=True)
        dW2 += reg * W2
        dW += reg * W
        t[0] += 1
        for x, dx, v, cache in zip(params, (dW, db, dW2, db2), vs, caches):   # the notes' Adam, in place
            v *= mu
            v += (1 - mu) * dx                                                # v = mu * v + (1-mu) * dx
            vt = v / (1 - mu ** t[0])
            cache *= decay_rate
            cache += (1 - decay_rate) * (dx ** 2)                             # cache = decay_rate * cache + ...
            cachet = cache / (1 - decay_rate ** t[0])
            x += - (lr / (np.sqrt(cachet) + eps)) * vt
        return loss

    return step


def timed(step, seconds):
    count, wall, cpu = 0, time.perf_counter(), time.process_time()
    while True:
        for _ in range(10):
            step()
        count += 10
        elapsed = time.perf_counter() - wall
        if elapsed >= seconds:
            return count / elapsed, count / max(time.process_time() - cpu, 1e-9)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--points-per-class", type=int, default=100)
    parser.add_argument("--hidden", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=1.0, help="length of each timed round")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds")
    args = parser.parse_args()
    step = make_step(args.points_per_class, args.hidden)
    timed(step, min(1.0, args.seconds))                                        # warm-up
    rounds = [timed(step, args.seconds) for _ in range(args.rounds)]
    wall = [r[0] for r in rounds]
    print(json.dumps({"points": 3 * args.points_per_class, "hidden": args.hidden, "numpy": np.__version__,
                      "blas_threads": {k: os.environ.get(k) for k in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS",
                                                                      "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")},
                      "steps_per_second": max(wall), "median": statistics.median(wall),
                      "cpu_steps_per_second": max(r[1] for r in rounds)}))


if __name__ == "__main__":
    main()
