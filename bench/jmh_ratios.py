#!/usr/bin/python3
"""Ratios of each optimizer step to its memory-bandwidth limit loop, from JMH JSON results (-rf json).

    /usr/bin/python3 bench/jmh_ratios.py target/jmh/*.json

Works with average-time results (one number per iteration) and sample-time results (-bm sample: the time of single
operations). For each benchmark it pools the samples of every fork, iteration and file, and prints the minimum,
the 10th percentile and the median (ms/op), and the ratio optimizer / limit for each. On a shared machine the low
percentiles are the better estimate of the uncontended time (interference only ever adds time).
"""

import json
import sys

LIMIT_OF = {
    "sgd": "limit_r2_w1",
    "momentum": "limit_r3_w2", "nesterov": "limit_r3_w2", "adagrad": "limit_r3_w2", "rmsprop": "limit_r3_w2",
    "adam": "limit_r4_w3", "amsgradNotes": "limit_r4_w3",
    "amsgradPaper": "limit_r5_w4",
}


def percentile(pairs, fraction):
    """pairs: sorted (value, count); the smallest value with at least fraction of the count at or below it."""
    total = sum(count for _, count in pairs)
    seen = 0
    for value, count in pairs:
        seen += count
        if seen >= fraction * total:
            return value
    return pairs[-1][0]


def load(paths):
    samples = {}
    for path in paths:
        for result in json.load(open(path)):
            name = result["benchmark"].rsplit(".", 1)[1]
            metric = result["primaryMetric"]
            pairs = samples.setdefault(name, [])
            if "rawDataHistogram" in metric:
                pairs.extend((v, c) for fork in metric["rawDataHistogram"] for it in fork for v, c in it)
            else:
                pairs.extend((v, 1) for fork in metric["rawData"] for v in fork)
    return {name: sorted(pairs) for name, pairs in samples.items()}


def main(paths):
    samples = load(paths)
    stats = {name: [percentile(p, f) for f in (0, 0.1, 0.5)] for name, p in samples.items()}
    print(f"{'benchmark':13s} {'min':>7s} {'p10':>7s} {'median':>7s}  {'limit':12s}"
          f" {'min':>5s} {'p10':>5s} {'median':>6s}  (ms/op; ratios to the limit)")
    for name, limit in LIMIT_OF.items():
        if name in stats and limit in stats:
            mine, theirs = stats[name], stats[limit]
            ratios = [a / b for a, b in zip(mine, theirs)]
            print(f"{name:13s} {mine[0]:7.3f} {mine[1]:7.3f} {mine[2]:7.3f}  {limit:12s}"
                  f" {ratios[0]:5.2f} {ratios[1]:5.2f} {ratios[2]:6.2f}")
    for limit in sorted(set(LIMIT_OF.values())):
        if limit in stats:
            s = stats[limit]
            print(f"{limit:13s} {s[0]:7.3f} {s[1]:7.3f} {s[2]:7.3f}  ({sum(c for _, c in samples[limit])} samples)")


if __name__ == "__main__":
    main(sys.argv[1:])
