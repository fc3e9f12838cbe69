#!/usr/bin/env bash
# Load driver for the live-experiment server (docs/benchmarks.md, "Live experiments under load"). Builds nothing:
#   mvn -B -DskipTests package && bench/ws_load.sh [--xmx 512m] [--limit 20] [--extra 5] [WsLoad scale flags]
# 1. starts the real server (java -Xmx512m -jar target/optimizer-lab.jar --port 0: a free port), runs
#    bench/WsLoad.java scale against it (sessions 1,10,30,60,120 at the default 60 steps/s and the fastest
#    5000, two lesson presets) while sampling the server's CPU time and RSS from /proc every 0.5 s, stops it;
# 2. starts it again with OPTLAB_MAX_SESSIONS=20 and runs bench/WsLoad.java limit (25 sessions at once: 5 refused).
# The server is stopped at the end, also on failure or Ctrl-C. Output and samples go to target/ws-load/.
# Flags after ours go to the scale run, e.g. --sessions 1,10,30,60,120,200 --phase-timeout 600 for a bigger run.
# Modelled students instead (issue 12; docs/benchmarks.md, "A class at capacity"): with --students the script runs
# only bench/ClassLoad.java against one server: every student starts a lesson preset at 60 steps/s, reads
# everything, starts again when done; one table row per count:
#   bench/ws_load.sh --students 100,200,300 [--mix training|training-own|light|search] [--seconds 15] [--jar other.jar]
set -euo pipefail
cd "$(dirname "$0")/.."
xmx=512m
limit=20
extra=5
students=""
mix=training
seconds=15
jar=target/optimizer-lab.jar
while [ $# -gt 0 ]; do
  case "$1" in
    --xmx) xmx=$2; shift 2 ;;
    --limit) limit=$2; shift 2 ;;
    --extra) extra=$2; shift 2 ;;
    --students) students=$2; shift 2 ;;
    --mix) mix=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --jar) jar=$2; shift 2 ;;
    *) break ;;
  esac
done
if [ ! -f "$jar" ]; then
  echo "error: $jar is missing; build it first: mvn -B -DskipTests package" >&2
  exit 2
fi
out=target/ws-load
mkdir -p "$out"
ticks=$(getconf CLK_TCK)
server_pid=""
sampler_pid=""
driver_pid=""

stop_server() {
  if [ -n "$driver_pid" ]; then
    kill "$driver_pid" 2>/dev/null || true
    wait "$driver_pid" 2>/dev/null || true
    driver_pid=""
  fi
  if [ -n "$sampler_pid" ]; then
    kill "$sampler_pid" 2>/dev/null || true
    wait "$sampler_pid" 2>/dev/null || true
    sampler_pid=""
  fi
  if [ -n "$server_pid" ]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
trap stop_server EXIT
trap 'exit 130' INT TERM

# Writes "seconds,cpu_seconds,rss_kb" every 0.5 s while the server runs.
sample_proc() {
  local pid=$1 begin stat rest key value _ rss
  begin=$(date +%s.%N)
  echo "seconds,cpu_seconds,rss_kb"
  while stat=$(cat "/proc/$pid/stat" 2>/dev/null); do
    rest=${stat##*) }
    read -r -a fields <<< "$rest"
    rss=0
    while read -r key value _; do
      if [ "$key" = "VmRSS:" ]; then rss=$value; fi
    done < "/proc/$pid/status"
    awk -v b="$begin" -v n="$(date +%s.%N)" -v u="${fields[11]}" -v s="${fields[12]}" -v t="$ticks" -v r="$rss" \
      'BEGIN { printf "%.1f,%.2f,%d\n", n - b, (u + s) / t, r }'
    sleep 0.5
  done
}

# start_server NAME [VAR=value ...]: starts the server on a free port; sets server_pid and port.
start_server() {
  local name=$1
  shift
  env "$@" java "-Xmx$xmx" -jar "$jar" --port 0 > "$out/$name-server.log" 2>&1 &
  server_pid=$!
  port=""
  for _ in $(seq 1 600); do
    port=$(sed -n 's#^Optimizer Lab is serving on http://[^:]*:\([0-9]*\)/$#\1#p' "$out/$name-server.log")
    [ -n "$port" ] && break
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "error: the server did not start:" >&2
      cat "$out/$name-server.log" >&2
      exit 1
    fi
    sleep 0.1
  done
  if [ -z "$port" ]; then
    echo "error: the server did not say its port within 60 s ($out/$name-server.log)" >&2
    exit 1
  fi
  sample_proc "$server_pid" > "$out/$name-proc.csv" &
  sampler_pid=$!
  echo "== server ($name): pid $server_pid, port $port, -Xmx$xmx $*"
}

# report_server NAME: the sampled peak RSS and CPU, the kernel's peak RSS (VmHWM), errors in the log; then stops it.
report_server() {
  local name=$1 hwm
  hwm=$(awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$server_pid/status")
  stop_server
  awk -F, -v hwm="$hwm" 'NR > 1 { if ($3 > peak) peak = $3; last = $0; cpu = $2; secs = $1 }
    END { printf "server (%s samples every 0.5 s): peak RSS %.0f MB (kernel high-water mark %s MB), CPU %.1f s" \
          " over %.0f s\n", NR - 1, peak / 1024, hwm, cpu, secs }' "$out/$name-proc.csv"
  if grep -E -q ' ERROR |Exception' "$out/$name-server.log"; then
    echo "!!! the server logged errors ($out/$name-server.log):"
    grep -E -m 10 ' ERROR |Exception' "$out/$name-server.log"
    status=1
  fi
}

# run_driver FILE ARGS...: the driver in the background (so a signal reaches our trap at once), output to FILE too.
run_driver() {
  local file=$1
  shift
  java -Xmx512m -cp "$jar" bench/WsLoad.java "$@" > >(tee "$file") 2>&1 &
  driver_pid=$!
  local code=0
  wait "$driver_pid" || code=$?
  driver_pid=""
  return "$code"
}

status=0
if [ -n "$students" ]; then
  # Every student is on 127.0.0.1: lift the session caps (a class behind one NAT raises the per-address one too).
  start_server "students-$mix" OPTLAB_MAX_SESSIONS=5000 OPTLAB_MAX_SESSIONS_PER_ADDRESS=5000
  java -Xmx512m -cp "$jar" bench/ClassLoad.java --port "$port" --server-pid "$server_pid" --students "$students" \
    --mix "$mix" --seconds "$seconds" "$@" > >(tee "$out/students-$mix.txt") 2>&1 &
  driver_pid=$!
  wait "$driver_pid" || status=1
  driver_pid=""
  report_server "students-$mix"
  exit "$status"
fi
start_server scale
run_driver "$out/scale.txt" scale --port "$port" --server-pid "$server_pid" --sessions 1,10,30,60,120 \
  --speeds "60,${OPTLAB_MAX_STEPS_PER_SECOND:-5000}" "$@" || status=1
report_server scale

echo
start_server limit "OPTLAB_MAX_SESSIONS=$limit"
run_driver "$out/limit.txt" limit --port "$port" --server-pid "$server_pid" --limit "$limit" --extra "$extra" \
  || status=1
report_server limit

echo
if [ "$status" -ne 0 ]; then
  echo "!!!!!!!!!! bench/ws_load.sh found problems: see above and $out/ !!!!!!!!!!"
else
  echo "bench/ws_load.sh: every check held; figures above and in $out/"
fi
exit "$status"
