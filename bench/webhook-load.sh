#!/usr/bin/env bash
# Webhook intake benchmark (issue 6, "Proof"): the durable Garmin endpoint against a bare endpoint in the same
# host that only reads the body, same Kestrel, same middleware, one run, side by side.
#
#   bench/webhook-load.sh [-n SMALL_PUSHES] [-m DETAIL_PUSHES] [-c CONCURRENCY] [-w WORKERS] [-u WARM_UP] [-k]
#
#   -n  small `activities` pushes per load (default 20000)
#   -m  one-hour `activityDetails` pushes per load (default 200; 3600 samples, ~1.2 MB each)
#   -c  concurrent connections (default 32)
#   -w  Hangfire workers processing the inbox meanwhile (default: the app's default, max(4, 2 x cores));
#       -w 0 runs without the Hangfire server: intake alone, rows stay Pending (a diagnostic, not the goal)
#   -u  warm-up requests per endpoint before anything is measured (default 20000)
#   -k  keep the throw-away work folder (app, database, hey output) instead of deleting it
#
# Loopback only (127.0.0.1, a free port), bounded request counts; the app is stopped on exit.
# Prints per load: acknowledged/s (200s per second of wall time), p50 and p99 latency, durable/bare ratio.
set -euo pipefail

N=20000 M=200 C=32 W="" KEEP=0 WARM=20000
while getopts "n:m:c:w:u:kh" opt; do
  case $opt in
    n) N=$OPTARG ;; m) M=$OPTARG ;; c) C=$OPTARG ;; w) W=$OPTARG ;; u) WARM=$OPTARG ;; k) KEEP=1 ;;
    *) sed -n '2,16p' "$0"; exit 2 ;;
  esac
done
for v in "$N" "$M" "$C" "$WARM"; do [[ $v =~ ^[0-9]+$ && $v -gt 0 ]] || { echo "counts must be positive integers" >&2; exit 2; }; done
[ "$N" -le 1000000 ] && [ "$M" -le 10000 ] && [ "$C" -le 1024 ] || { echo "request counts are bounded (n<=1e6, m<=1e4, c<=1024)" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/coopah-webhook-load.XXXXXX")
source "$(dirname "$0")/lib.sh"
cleanup() { local rc=$?; set +e; stop_app; if [ "$KEEP" = 1 ]; then echo "work folder kept: $WORK"; else rm -rf "$WORK"; fi; exit $rc; }
trap cleanup EXIT
trap 'exit 130' INT TERM

need dotnet; need python3; need curl
if ! command -v hey >/dev/null 2>&1; then
  echo "== Installing hey"
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hey >/dev/null
fi

build_app
python3 "$BENCH_DIR/payloads.py" summary "$GARMIN_USER_ID" "bench-summary-1" >"$WORK/small.json"
python3 "$BENCH_DIR/payloads.py" details "$GARMIN_USER_ID" "bench-summary-1-detail" >"$WORK/details.json"

if [ "$W" = 0 ]; then
  start_app "$WORK/app.log" Benchmarks__BareEndpoint=true Hangfire__ServerEnabled=false
elif [ -n "$W" ]; then
  start_app "$WORK/app.log" Benchmarks__BareEndpoint=true Hangfire__WorkerCount="$W"
else
  start_app "$WORK/app.log" Benchmarks__BareEndpoint=true
fi
echo "== App on 127.0.0.1:$APP_PORT (pid $APP_PID), Hangfire workers: ${W:-default}; $(nproc) cores"
seed_linked_runner
BARE="http://127.0.0.1:$APP_PORT/bench/bare"

drain() { if [ "$W" = 0 ]; then echo "-"; else wait_for_drain "$1"; fi; }

# run_hey <name> <requests> <body file> <url>: hey's report to $WORK/<name>.txt
run_hey() {
  local c=$(( $2 < C ? $2 : C ))  # hey refuses fewer requests than connections
  hey -n "$2" -c "$c" -m POST -T "application/json;charset=UTF-8" -H "garmin-client-id: bench" -D "$3" "$4" >"$WORK/$1.txt"
}

# Results of one hey report as "acknowledged/s p50_ms p99_ms acknowledged responses transport_errors(yes|no)".
parse() {
  python3 - "$WORK/$1.txt" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
total = float(re.search(r"Total:\s+([\d.]+) secs", text).group(1))
def pct(p):
    m = re.search(r"\s%s%% in ([\d.]+) secs" % p, text)
    return float(m.group(1)) * 1000 if m else float("nan")
codes = {int(c): int(n) for c, n in re.findall(r"\[(\d+)\]\s+(\d+) responses", text)}
ok = codes.get(200, 0)
requests = sum(codes.values())
print(f"{ok / total:.1f} {pct(50):.2f} {pct(99):.2f} {ok} {requests} {'yes' if 'Error distribution' in text else 'no'}")
PY
}

# Both endpoints are measured warm: tiered JIT compiles the hot paths again (with profile data) after a
# few thousand calls, and the durable path has far more code to warm than the bare one. The pause lets the
# background compilations and the warm-up's processing finish before anything is measured.
echo "== Warm-up (not reported): $WARM small pushes and 20 activityDetails on each endpoint"
run_hey warm-bare "$WARM" "$WORK/small.json" "$BARE"
run_hey warm-durable "$WARM" "$WORK/small.json" "$(webhook_url activities)"
run_hey warm-bare-d 20 "$WORK/details.json" "$BARE"
run_hey warm-durable-d 20 "$WORK/details.json" "$(webhook_url activityDetails)"
drain 300 >/dev/null
sleep 5

echo "== Small pushes: $N x $(wc -c <"$WORK/small.json") B at concurrency $C"
run_hey bare-small "$N" "$WORK/small.json" "$BARE"
run_hey durable-small "$N" "$WORK/small.json" "$(webhook_url activities)"
drain_small=$(drain 600)

echo "== activityDetails pushes: $M x $(wc -c <"$WORK/details.json") B at concurrency $C"
run_hey bare-details "$M" "$WORK/details.json" "$BARE"
run_hey durable-details "$M" "$WORK/details.json" "$(webhook_url activityDetails)"
drain_details=$(drain 600)

inbox=$(sql "SELECT COUNT(*) FROM GarminInbox;")
poison=$(sql "SELECT COUNT(*) FROM GarminInbox WHERE Status <> 'Processed';")
activities=$(sql "SELECT COUNT(*) FROM GarminActivities;")

python3 - "$WORK" "$N" "$M" "$C" "$drain_small" "$drain_details" "$inbox" "$poison" "$activities" \
  "$(parse bare-small)" "$(parse durable-small)" "$(parse bare-details)" "$(parse durable-details)" <<'PY'
import sys
work, n, m, c, drain_s, drain_d, inbox, notdone, acts = sys.argv[1:10]
rows = [a.split() for a in sys.argv[10:]]
names = [f"bare     activities     x{n}", f"durable  activities     x{n}", f"bare     activityDetails x{m}", f"durable  activityDetails x{m}"]
print()
print(f"{'load':32} {'ack/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'200s':>7} {'errors':>7} {'durable/bare':>13}")
for i, (name, r) in enumerate(zip(names, rows)):
    ratio = f"{float(r[0]) / float(rows[i - 1][0]):.2f}" if i % 2 == 1 and float(rows[i - 1][0]) > 0 else ""
    non200 = int(r[4]) - int(r[3])
    print(f"{name:32} {float(r[0]):9.1f} {float(r[1]):8.2f} {float(r[2]):8.2f} {r[3]:>7} {('yes' if r[5] == 'yes' else str(non200)):>7} {ratio:>13}")
print()
if drain_s == "-":
    print(f"processing: none during the run (-w 0); {inbox} inbox rows left Pending")
else:
    print(f"processing: backlog after the small load drained in {drain_s} s, after the details load in {drain_d} s; "
          f"{inbox} inbox rows, {notdone} not Processed, {acts} activity rows")
small_ratio = float(rows[1][0]) / float(rows[0][0])
p99 = float(rows[1][2])
ok = small_ratio >= 0.5 and p99 < 50 and rows[1][3] == rows[1][4]
print(f"goal (small pushes at concurrency {c}: durable >= 50% of bare and p99 < 50 ms): "
      f"{'MET' if ok else 'MISSED'} (ratio {small_ratio:.2f}, p99 {p99:.2f} ms)")
PY
