#!/usr/bin/python3
"""Side by side: full-batch mlp-spiral training steps per second, Optimizer Lab (JMH) against PyTorch.

For each size it runs the JMH benchmark MlpSpiralStepBenchmark.step (one Java thread) and then
bench/mlp_spiral_torch.py (torch.set_num_threads(1), OPENBLAS_NUM_THREADS=OMP_NUM_THREADS=MKL_NUM_THREADS=1, so both
sides use one core), and prints the ratio. Build the benchmarks first:

    mvn -Pbench -DskipTests package
    /usr/bin/python3 bench/train_vs_torch.py            # both sizes: 300 points x 100 hidden, 3000 x 1000

Options: --sizes 100x100,1000x1000 (points per class x hidden), --rounds N (repeat the pair N times, interleaved),
--with-runner (also time MlpSpiralStepBenchmark.runnerStep, the step through the experiment runner), --cpu-time
(also compare the CPU time each side spends per step: bench/TrainStepCpuTime.java, the same step timed with the
thread's CPU clock, against the torch script's --cpu-time; steadier than wall-clock time on a busy machine).
Both sides measure wall-clock time in 1-second rounds after a warm-up (JMH: 3 warm-up and 5 measured iterations;
torch: 1 warm-up and 5 measured rounds) and compare their best round, the one least disturbed by other load on a
shared machine; the JMH mean is printed too, and the load average with each line.
"""
import argparse
import json
import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
JAR = ROOT / "target" / "benchmarks.jar"


def load():
    return os.getloadavg()[0]


def jmh(method, points_per_class, hidden):
    out = ROOT / "target" / f"jmh-train-{method}-{points_per_class}-{hidden}.json"
    run = subprocess.run(["java", "-jar", str(JAR), f"org.optimizerlab.bench.train.MlpSpiralStepBenchmark.{method}$",
                    "-p", f"pointsPerClass={points_per_class}", "-p", f"hidden={hidden}",
                    "-f", "1", "-t", "1", "-wi", "3", "-w", "1", "-i", "5", "-r", "1",
                    "-rf", "json", "-rff", str(out)], capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"JMH failed:\n{run.stdout[-3000:]}{run.stderr[-3000:]}")
    result = json.loads(out.read_text())[0]["primaryMetric"]
    return max(max(fork) for fork in result["rawData"]), result["score"]


def java_cpu(points_per_class, hidden):
    line = subprocess.run(["java", "-cp", str(ROOT / "target" / "classes"), str(ROOT / "bench" / "TrainStepCpuTime.java"),
                           str(points_per_class), str(hidden)], check=True, capture_output=True, text=True).stdout
    return json.loads(line)["cpu_steps_per_second"]


def torch(points_per_class, hidden, cpu_time=False):
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    line = subprocess.run(["/usr/bin/python3", str(ROOT / "bench" / "mlp_spiral_torch.py"),
                           "--points-per-class", str(points_per_class), "--hidden", str(hidden), "--threads", "1",
                           "--seconds", "1", "--rounds", "5"] + (["--cpu-time"] if cpu_time else []), check=True, env=env, capture_output=True, text=True).stdout
    return json.loads(line)["steps_per_second"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100x100,1000x1000")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--with-runner", action="store_true")
    parser.add_argument("--cpu-time", action="store_true",
                        help="also compare CPU time: bench/TrainStepCpuTime.java against torch --cpu-time")
    args = parser.parse_args()
    if not JAR.exists():
        sys.exit(f"{JAR} is missing: run 'mvn -Pbench -DskipTests package' first")
    print(f"{'points':>6} {'hidden':>6} {'java best':>10} {'(mean)':>9} {'torch best':>11} {'ratio':>7} {'load':>5}")
    for _ in range(args.rounds):
        for size in args.sizes.split(","):
            points_per_class, hidden = (int(v) for v in size.split("x"))
            java, mean = jmh("step", points_per_class, hidden)
            reference = torch(points_per_class, hidden)
            print(f"{3 * points_per_class:>6} {hidden:>6} {java:>10.1f} {mean:>9.1f} {reference:>11.1f} "
                  f"{java / reference:>6.1f}x {load():>5.1f}", flush=True)
            if args.with_runner:
                runner, mean = jmh("runnerStep", points_per_class, hidden)
                print(f"{'':>6} {'':>6} {runner:>10.1f} {mean:>9.1f}   (the same step through the experiment runner)",
                      flush=True)
            if args.cpu_time:
                java, reference = java_cpu(points_per_class, hidden), torch(points_per_class, hidden, cpu_time=True)
                print(f"{'':>6} {'':>6} {java:>10.1f} {'':>9} {reference:>11.1f} {java / reference:>6.1f}x {load():>5.1f}"
                      "  (CPU time)", flush=True)


if __name__ == "__main__":
    main()
