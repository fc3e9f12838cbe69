#!/usr/bin/env bash
# Scale up and scale out, measured (issue 12 item 4; docs/benchmarks.md, "Scaling up and out"). Builds nothing:
#   mvn -B -DskipTests package && bench/scale_load.sh [--students 40,80] [--mix training] [--seconds 15] [--rounds 2]
# Runs bench/ClassLoad.java (modelled students, see bench/ws_load.sh --students) against, in turn and alternating
# for --rounds rounds so that the machine's other load falls on every setup alike:
#   up-1     one server, OPTLAB_WORKER_THREADS=1            (a container given one core: --cpus 1)
#   up-2     one server, OPTLAB_WORKER_THREADS=2            (--cpus 2, the default on this machine)
#   out-1x2  one server with 2 workers behind HAProxy, PostgreSQL as its class database
#   out-2x1  two replicas with 1 worker each behind HAProxy (deploy/haproxy.cfg), one PostgreSQL database shared
# The server cores column sums the replicas (HAProxy's own CPU is printed after each run). Needs haproxy and a
# PostgreSQL server's binaries (initdb, pg_ctl) as .ci/run installs them; run as root, PostgreSQL runs as postgres.
set -euo pipefail
cd "$(dirname "$0")/.."
students=40,80
mix=training
seconds=15
rounds=2
xmx=1g
jar=target/optimizer-lab.jar
setups="up-1 up-2 out-1x2 out-2x1"
while [ $# -gt 0 ]; do
  case "$1" in
    --students) students=$2; shift 2 ;;
    --mix) mix=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --xmx) xmx=$2; shift 2 ;;
    --jar) jar=$2; shift 2 ;;
    --setups) setups=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -f "$jar" ] || { echo "error: $jar is missing; build it first: mvn -B -DskipTests package" >&2; exit 2; }
out=target/scale-load
mkdir -p "$out"
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$pg_bin/initdb" ] || { echo "error: no PostgreSQL binaries under /usr/lib/postgresql (apt-get install postgresql)" >&2; exit 2; }
[ -x /usr/sbin/haproxy ] || { echo "error: no /usr/sbin/haproxy (apt-get install haproxy)" >&2; exit 2; }
pids=()
pg_dir=""

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

stop_all() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
  if [ -n "$pg_dir" ]; then
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
    pg_dir=""
  fi
}
trap stop_all EXIT
trap 'exit 130' INT TERM

start_postgres() {
  pg_dir=$(mktemp -d /tmp/optlab-scale-pg-XXXX)
  chown postgres "$pg_dir"
  pg_port=$(free_port)
  runuser -u postgres -- "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C --no-sync \
    >/dev/null
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
    -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
  database="jdbc:postgresql://127.0.0.1:$pg_port/postgres?user=postgres"
}

# start_server NAME WORKERS [VAR=value ...]: one server on a free port; appends its pid, sets last_port.
start_server() {
  local name=$1 workers=$2
  shift 2
  last_port=$(free_port)
  env OPTLAB_MAX_SESSIONS=5000 OPTLAB_MAX_SESSIONS_PER_ADDRESS=5000 OPTLAB_WORKER_THREADS="$workers" \
    OPTLAB_INSTRUCTOR_TOKEN=scale-load-token OPTLAB_DATA_DIR="$(mktemp -d /tmp/optlab-scale-data-XXXX)" "$@" \
    java "-Xmx$xmx" -jar "$jar" --port "$last_port" > "$out/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 600); do
    curl -fs "http://127.0.0.1:$last_port/healthz" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "error: $name did not answer /healthz in 60 s ($out/$name.log)" >&2
  exit 1
}

start_haproxy() {
  lb_port=$(free_port)
  OPTLAB_LB_BIND="127.0.0.1:$lb_port" OPTLAB_REPLICA_1="127.0.0.1:$1" OPTLAB_REPLICA_2="127.0.0.1:$2" \
    /usr/sbin/haproxy -f deploy/haproxy.cfg -db > "$out/haproxy.log" 2>&1 &
  haproxy_pid=$!
  pids+=("$haproxy_pid")
  for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$lb_port/healthz" >/dev/null 2>&1 && { sleep 3; return 0; }   # both checked up
    sleep 0.1
  done
  echo "error: HAProxy did not forward /healthz ($out/haproxy.log)" >&2
  exit 1
}

cpu_of() { awk '{ print ($14 + $15) / 100 }' "/proc/$1/stat"; }

run_setup() {
  local setup=$1 port server_pids haproxy_before=""
  case "$setup" in
    up-1) start_server up-1 1; port=$last_port; server_pids=${pids[0]} ;;
    up-2) start_server up-2 2; port=$last_port; server_pids=${pids[0]} ;;
    out-1x2)
      start_postgres
      start_server out-1x2 2 OPTLAB_DATABASE_URL="$database"; r1=$last_port; server_pids=${pids[0]}
      start_haproxy "$r1" "$r1"; port=$lb_port ;;
    out-2x1)
      start_postgres
      start_server out-2x1-a 1 OPTLAB_DATABASE_URL="$database"; r1=$last_port
      start_server out-2x1-b 1 OPTLAB_DATABASE_URL="$database"; r2=$last_port
      server_pids="${pids[0]},${pids[1]}"
      start_haproxy "$r1" "$r2"; port=$lb_port ;;
    *) echo "unknown setup $setup" >&2; exit 2 ;;
  esac
  [ -n "${haproxy_pid:-}" ] && [[ "$setup" == out-* ]] && haproxy_before=$(cpu_of "$haproxy_pid")
  echo "== $setup (round $round): servers $server_pids, port $port, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  java -Xmx512m -cp "$jar" bench/ClassLoad.java --port "$port" --server-pid "$server_pids" --students "$students" \
    --mix "$mix" --seconds "$seconds" | sed -n "s/^| \([0-9]\)/| $setup | \1/p" | tee -a "$out/rows.md"
  if [ -n "$haproxy_before" ]; then
    echo "   HAProxy CPU over the run: $(awk -v a="$haproxy_before" -v b="$(cpu_of "$haproxy_pid")" 'BEGIN { printf "%.1f s", b - a }')"
  fi
  if grep -E -q ' ERROR |Exception' "$out"/*.log; then
    echo "!!! a server logged errors:"; grep -E -m 5 ' ERROR |Exception' "$out"/*.log
  fi
  stop_all
  haproxy_pid=""
}

: > "$out/rows.md"
echo "mix $mix, students $students, $seconds s measured per count, $rounds rounds; $(nproc) cores"
echo "| setup | students | msgs/s per session p50 | gap p99 | slowest pace | pace p50 | first frames p99 | busy notices | errors | refused | searches done | server cores |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
for round in $(seq 1 "$rounds"); do
  for setup in $setups; do
    run_setup "$setup"
  done
done
echo; echo "All rows: $out/rows.md"
