#!/usr/bin/env bash
# The hostile mix against the real server (docs/benchmarks.md, "One tab must not hurt the class"). Builds nothing:
#   mvn -B -DskipTests package && bench/hostile_load.sh [--xmx 512m] [MAXIMAL READERS SILENT]
# Starts java -Xmx512m -jar target/optimizer-lab.jar on a free loopback port, runs bench/HostileLoad.java against it
# (a light race timed alone and beside the attack; heap after GC, RSS, threads, sessions, unread bytes), then sends
# SIGTERM and prints how long the server takes to exit. Always stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."
xmx=512m
if [ "${1:-}" = "--xmx" ]; then xmx=$2; shift 2; fi
jar=target/optimizer-lab.jar
[ -f "$jar" ] || { echo "error: $jar is missing; build it first: mvn -B -DskipTests package" >&2; exit 2; }
out=target/hostile-load
mkdir -p "$out"
server_pid=""
stop_server() {
  if [ -n "$server_pid" ]; then
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
trap stop_server EXIT
trap 'exit 130' INT TERM

# every client of this run is on 127.0.0.1: lift the per-address cap (it is tested in the build)
OPTLAB_MAX_SESSIONS_PER_ADDRESS=1000 OPTLAB_HOST=127.0.0.1 java -Xmx"$xmx" -XX:+ExitOnOutOfMemoryError -jar "$jar" --port 0 > "$out/server.log" 2>&1 &
server_pid=$!
port=""
for _ in $(seq 1 600); do
  port=$(sed -n 's|.*serving on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$out/server.log" | head -1)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "error: the server did not start; see $out/server.log" >&2; exit 1; }
echo "# server pid $server_pid on port $port, -Xmx$xmx, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
java bench/HostileLoad.java "$port" "$server_pid" "$@" | tee "$out/hostile.csv"

# SIGTERM: time to exit (src/test/java/org/optimizerlab/app/ShutdownIT checks that 30 running pages each get 1001).
start=$(date +%s.%N)
kill -TERM "$server_pid"
for _ in $(seq 1 300); do
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.05
done
end=$(date +%s.%N)
if kill -0 "$server_pid" 2>/dev/null; then
  echo "# the server did not exit within 15 s of SIGTERM"
else
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
  echo "# SIGTERM to exit: $(echo "$end - $start" | bc) s"
fi
