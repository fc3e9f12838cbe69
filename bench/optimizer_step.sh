#!/usr/bin/env bash
# Runs the optimizer-step benchmark in rounds of small groups, each optimizer next to its memory-bandwidth limit
# loop, so both are measured minutes apart at most even on a busy machine; sample mode times single steps, whose
# low percentiles show the step without interference from other processes. Then prints the ratios.
#   mvn -Pbench -DskipTests package && bench/optimizer_step.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
out=target/jmh
rm -rf "$out" && mkdir -p "$out"
groups=("sgd|limit_r2_w1" "momentum|nesterov|adagrad|rmsprop|limit_r3_w2" "adam|amsgradNotes|limit_r4_w3"
        "amsgradPaper|limit_r5_w4")
for round in $(seq 1 "$rounds"); do
  for g in "${!groups[@]}"; do
    java -jar target/benchmarks.jar "OptimizerStepBenchmark\.(${groups[$g]})\$" \
      -bm sample -tu ms -f 1 -wi 3 -w 500ms -i 5 -r 1s \
      -rf json -rff "$out/round$round-group$g.json" > "$out/round$round-group$g.txt"
  done
done
/usr/bin/python3 bench/jmh_ratios.py "$out"/*.json
