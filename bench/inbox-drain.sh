#!/usr/bin/env bash
# Inbox processing throughput (issue 6): how fast, and at what CPU cost per row, the Hangfire jobs turn a
# backlog of acknowledged pushes into activities - the half of the webhook pipeline that webhook-load.sh
# measures only indirectly (it competes with intake for the same cores).
#
#   bench/inbox-drain.sh [-n ROWS] [-s] [-w WORKERS] [-k]
#
#   -n  inbox rows to fill and drain (default 100000)
#   -s  every push with the same summaryId (re-sends: the worst case for concurrent jobs); default: one
#       summaryId per push (pushes from bench/push_unique.py, like webhook-crash.sh)
#   -w  Hangfire workers while draining (default: the app's default)
#   -k  keep the throw-away work folder
#
# 1. Starts the app (Release, loopback, throw-away data folder) without the Hangfire server and fills the inbox
#    through the real endpoint: rows stay Pending. 2. Restarts it with processing on: the start-up requeue hands
#    every Pending row to the jobs. 3. Prints rows/s and the app's CPU seconds per row (utime+stime from
#    /proc) until no row is Pending. Start-up work (migrations check, JIT) is in the numbers: it is a backlog
#    drained by a freshly started process, as after a deploy or a crash.
set -euo pipefail

N=100000 SAME=0 W="" KEEP=0
while getopts "n:sw:kh" opt; do
  case $opt in
    n) N=$OPTARG ;; s) SAME=1 ;; w) W=$OPTARG ;; k) KEEP=1 ;;
    *) sed -n '2,18p' "$0"; exit 2 ;;
  esac
done
[[ $N =~ ^[0-9]+$ && $N -gt 0 && $N -le 1000000 ]] || { echo "-n must be 1..1000000" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/coopah-inbox-drain.XXXXXX")
source "$(dirname "$0")/lib.sh"
cleanup() { local rc=$?; set +e; stop_app; if [ "$KEEP" = 1 ]; then echo "work folder kept: $WORK"; else rm -rf "$WORK"; fi; exit $rc; }
trap cleanup EXIT
trap 'exit 130' INT TERM

need dotnet; need python3; need curl
if [ "$SAME" = 1 ] && ! command -v hey >/dev/null 2>&1; then
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hey >/dev/null
fi

build_app
start_app "$WORK/app.log" Hangfire__ServerEnabled=false
seed_linked_runner
[ "$SAME" = 0 ] || N=$(( N / 32 * 32 ))  # hey sends whole rounds of its 32 connections
echo "== Filling the inbox with $N pushes ($([ "$SAME" = 1 ] && echo "one summaryId" || echo "one summaryId each")), processing off"
if [ "$SAME" = 1 ]; then
  python3 "$BENCH_DIR/payloads.py" summary "$GARMIN_USER_ID" "bench-summary-1" >"$WORK/small.json"
  hey -n "$N" -c 32 -m POST -T "application/json" -D "$WORK/small.json" "$(webhook_url activities)" >"$WORK/fill.txt"
else
  python3 "$BENCH_DIR/push_unique.py" 127.0.0.1 "$APP_PORT" "/webhooks/garmin/$WEBHOOK_SECRET/activities" \
    "$GARMIN_USER_ID" "$N" 32 "$WORK/acked.txt" "$WORK/failed.txt"
fi
pending=$(pending_count)
[ "$pending" = "$N" ] || { echo "expected $N Pending rows, found $pending" >&2; exit 1; }
stop_app

echo "== Restarting with processing on (workers: ${W:-default}); $(nproc) cores"
if [ -n "$W" ]; then start_app "$WORK/app.log" Hangfire__WorkerCount="$W"; else start_app "$WORK/app.log"; fi
cpu_start=$(awk '{print $14 + $15}' "/proc/$APP_PID/stat")
wall_start=$(date +%s.%N)
wait_for_drain 900 >/dev/null
cpu_end=$(awk '{print $14 + $15}' "/proc/$APP_PID/stat")
wall_end=$(date +%s.%N)
not_processed=$(sql "SELECT COUNT(*) FROM GarminInbox WHERE Status <> 'Processed';")
activities=$(sql "SELECT COUNT(*) FROM GarminActivities;")

python3 - "$N" "$cpu_start" "$cpu_end" "$wall_start" "$wall_end" "$(getconf CLK_TCK)" "$not_processed" "$activities" <<'PY'
import sys
n, cpu0, cpu1, w0, w1, tck, notdone, acts = sys.argv[1:]
n = int(n); cpu = (float(cpu1) - float(cpu0)) / int(tck); wall = float(w1) - float(w0)
print(f"drained {n} rows in {wall:.2f} s: {n / wall:.0f} rows/s, app CPU {cpu:.2f} s = {cpu / n * 1e6:.1f} us per row")
print(f"rows not Processed: {notdone}; activity rows: {acts}")
PY
