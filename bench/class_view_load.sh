#!/usr/bin/env bash
# The instructor's class view under a class (docs/benchmarks.md, "The class view under a class"). Builds nothing:
#   mvn -B -DskipTests package && bench/class_view_load.sh [--xmx 512m] [SIZES [PHASE_SECONDS]]
# Starts java -Xmx512m -jar target/optimizer-lab.jar on a free loopback port (room for 1100 sessions, all from
# 127.0.0.1, a class database in target/class-view-load/), runs bench/ClassViewLoad.java against it (N students
# without an instructor, with one on /ws/instructor, without again; N = 100, 300, 1000 by default) and always
# stops the server. Output in target/class-view-load/.
set -euo pipefail
cd "$(dirname "$0")/.."
xmx=512m
if [ "${1:-}" = "--xmx" ]; then xmx=$2; shift 2; fi
jar=target/optimizer-lab.jar
[ -f "$jar" ] || { echo "error: $jar is missing; build it first: mvn -B -DskipTests package" >&2; exit 2; }
out=target/class-view-load
rm -rf "$out"
mkdir -p "$out/data"
token="bench-instructor-token-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
server_pid=""
stop_server() {
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

OPTLAB_MAX_SESSIONS=1100 OPTLAB_MAX_SESSIONS_PER_ADDRESS=1100 OPTLAB_HOST=127.0.0.1 OPTLAB_DATA_DIR="$out/data" \
  OPTLAB_INSTRUCTOR_TOKEN="$token" java -Xmx"$xmx" -XX:+ExitOnOutOfMemoryError -jar "$jar" --port 0 \
  > "$out/server.log" 2>&1 &
server_pid=$!
port=""
for _ in $(seq 1 600); do
  port=$(sed -n 's|.*serving on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$out/server.log" | head -1)
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || { echo "error: the server did not start:" >&2; cat "$out/server.log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$port" ] || { echo "error: the server did not say its port; see $out/server.log" >&2; exit 1; }
echo "# server pid $server_pid on port $port, -Xmx$xmx"
java -Xmx1g -cp "$jar" bench/ClassViewLoad.java "$port" "$server_pid" "$token" "$@" | tee "$out/class-view.csv"
if grep -E -q ' ERROR |Exception' "$out/server.log"; then
  echo "!!! the server logged errors ($out/server.log):"
  grep -E -m 10 ' ERROR |Exception' "$out/server.log"
  exit 1
fi
