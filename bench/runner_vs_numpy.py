#!/usr/bin/env python3
"""Side by side: full-batch mlp-spiral through the runner (bare step, runner, `run` command, socket) against a
notes-style numpy loop, as ratios, repeated in interleaved rounds; prints the median and the spread.

    mvn -B -q -o compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
    python3 bench/runner_vs_numpy.py --rounds 5                       # both sizes: 300 x 100 and 3000 x 1000
    python3 bench/runner_vs_numpy.py --before /tmp/old/target/classes # also an older build's classes, same rounds

Each round runs, per size, bench/RunnerStepRate.java (one JVM: bare step, runner, the run command's marginal rate in
CSV and JSONL, one socket session on a real server; best of 3 one-second rounds each), the same program on the
--before classes if given, and bench/mlp_spiral_numpy.py (the numpy the machine's `python3` imports, BLAS threads as
the machine sets them). Ratios are formed within a round, on the same clock: CPU time (the Java thread's, the
socket workers', numpy's process CPU time including its BLAS threads) and wall-clock time. On a shared machine the
CPU-time ratios are the steadier; the wall-clock ones move with the load (printed with each round).
"""
import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
PATHS = ("bare", "runner", "run_csv", "run_jsonl", "socket")


def java(classes, points_per_class, hidden):
    classpath = f"{classes}:{(ROOT / 'target' / 'bench-classpath.txt').read_text().strip()}"
    run = subprocess.run(["java", "-cp", classpath, str(ROOT / "bench" / "RunnerStepRate.java"),
                          str(points_per_class), str(hidden), "3"], capture_output=True, text=True)
    lines = [line for line in run.stdout.splitlines() if line.startswith("{\"points\"")]
    if run.returncode != 0 or not lines:
        sys.exit(f"RunnerStepRate failed:\n{run.stdout[-2000:]}{run.stderr[-3000:]}")
    return json.loads(lines[-1])


def numpy(points_per_class, hidden):
    line = subprocess.run(["python3", str(ROOT / "bench" / "mlp_spiral_numpy.py"), "--points-per-class",
                           str(points_per_class), "--hidden", str(hidden), "--rounds", "3"],
                          check=True, capture_output=True, text=True).stdout
    return json.loads(line)


def spread(values):
    return f"{statistics.median(values):6.2f} [{min(values):.2f}-{max(values):.2f}]"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100x100,1000x1000", help="points per class x hidden, comma-separated")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--before", help="target/classes of another build, measured in the same rounds")
    args = parser.parse_args()
    builds = [("after", str(ROOT / "target" / "classes"))] + ([("before", args.before)] if args.before else [])
    ratios = {}                                               # (size, build, path, clock) -> [ratio per round]
    print("round size       build  clock " + " ".join(f"{p:>10}" for p in PATHS) + "  numpy steps/s  load")
    for round_number in range(args.rounds):
        for size in args.sizes.split(","):
            points_per_class, hidden = (int(v) for v in size.split("x"))
            measured = {build: java(classes, points_per_class, hidden) for build, classes in builds}
            reference = numpy(points_per_class, hidden)
            for build, rates in measured.items():
                for clock, numpy_rate in (("cpu", reference["cpu_steps_per_second"]),
                                          ("wall", reference["steps_per_second"])):
                    row = []
                    for path in PATHS:
                        ratio = rates[path][clock] / numpy_rate
                        ratios.setdefault((size, build, path, clock), []).append(ratio)
                        row.append(f"{ratio:9.2f}x")
                    print(f"{round_number:>5} {size:<10} {build:<6} {clock:<5} " + " ".join(row)
                          + f"  {numpy_rate:13.1f}  {os.getloadavg()[0]:4.1f}", flush=True)
    print("\nratio to the numpy loop: median [min-max] over rounds")
    print("size       build  clock " + " ".join(f"{p:>22}" for p in PATHS))
    for size in args.sizes.split(","):
        for build, _ in builds:
            for clock in ("cpu", "wall"):
                print(f"{size:<10} {build:<6} {clock:<5} "
                      + " ".join(f"{spread(ratios[(size, build, p, clock)]):>22}" for p in PATHS))
    print("\nshare of the bare step's rate (CPU time): median [min-max]")
    for size in args.sizes.split(","):
        for build, _ in builds:
            bare = ratios[(size, build, "bare", "cpu")]
            print(f"{size:<10} {build:<6} " + " ".join(
                f"{p}: {spread([r / b for r, b in zip(ratios[(size, build, p, 'cpu')], bare)])}" for p in PATHS[1:]))


if __name__ == "__main__":
    main()
