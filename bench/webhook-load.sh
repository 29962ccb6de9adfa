#!/usr/bin/env bash
# Webhook intake benchmark (issue 6, "Proof"): the durable Garmin endpoint against a bare endpoint in the same
# host that only reads the body, same Kestrel, same middleware, one run, side by side.
#
#   bench/webhook-load.sh [-n SMALL_PUSHES] [-m DETAIL_PUSHES] [-c CONCURRENCY] [-r ROUNDS] [-w WORKERS] [-u WARM_UP]
#                         [-s SYNCHRONOUS] [-j JOB_STORE] [-k]
#
#   -n  small `activities` pushes per load (default 20000)
#   -m  one-hour `activityDetails` pushes per load (default 200; 3600 samples, ~1.2 MB each)
#   -c  concurrent connections (default 32)
#   -r  bare/durable rounds of small pushes, one after the other (default 3); the goal is judged on the median
#   -w  Hangfire workers processing the inbox meanwhile (default: the app's default, max(4, 2 x cores));
#       -w 0 runs without the Hangfire server: intake alone, rows stay Pending (a diagnostic, not the goal)
#   -u  requests per endpoint in each warm-up round (default 20000); rounds repeat until the JIT is quiet
#   -s  the inbox writer's SQLite synchronous (Coopah:InboxSynchronous): FULL (default: synced before the 200) or NORMAL
#   -j  Hangfire's job store (Hangfire:Storage): SQLite (default) or InMemory
#   -k  keep the throw-away work folder (app, database, hey output) instead of deleting it
#
# Loopback only (127.0.0.1, a free port), bounded request counts; the app is stopped on exit.
# Prints per load: acknowledged/s (200s per second of wall time), p50 and p99 latency, durable/bare ratio, and
# how many methods the JIT compiled while measuring (0 is steady state).
set -euo pipefail

N=20000 M=200 C=32 R=3 W="" KEEP=0 WARM=20000 SYNC=FULL STORE=SQLite
while getopts "n:m:c:r:w:u:s:j:kh" opt; do
  case $opt in
    n) N=$OPTARG ;; m) M=$OPTARG ;; c) C=$OPTARG ;; r) R=$OPTARG ;; w) W=$OPTARG ;; u) WARM=$OPTARG ;; k) KEEP=1 ;;
    s) SYNC=$OPTARG ;; j) STORE=$OPTARG ;;
    *) sed -n '2,22p' "$0"; exit 2 ;;
  esac
done
[[ $SYNC =~ ^(FULL|NORMAL)$ ]] || { echo "-s must be FULL or NORMAL" >&2; exit 2; }
[[ $STORE =~ ^(SQLite|InMemory)$ ]] || { echo "-j must be SQLite or InMemory" >&2; exit 2; }
for v in "$N" "$M" "$C" "$R" "$WARM"; do [[ $v =~ ^[0-9]+$ && $v -gt 0 ]] || { echo "counts must be positive integers" >&2; exit 2; }; done
[ "$N" -le 1000000 ] && [ "$M" -le 10000 ] && [ "$C" -le 1024 ] && [ "$R" -le 20 ] || { echo "request counts are bounded (n<=1e6, m<=1e4, c<=1024, r<=20)" >&2; exit 2; }

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

# The runtime lists every method it compiles (one line each): the warm-up runs until that list stops growing.
JIT_LOG="$WORK/jit.txt"
APP_ENV=(Benchmarks__BareEndpoint=true DOTNET_JitStdOutFile="$JIT_LOG" DOTNET_JitDisasmSummary=1
  Coopah__InboxSynchronous="$SYNC" Hangfire__Storage="$STORE")
if [ "$W" = 0 ]; then APP_ENV+=(Hangfire__ServerEnabled=false); elif [ -n "$W" ]; then APP_ENV+=(Hangfire__WorkerCount="$W"); fi
start_app "$WORK/app.log" "${APP_ENV[@]}"
echo "== App on 127.0.0.1:$APP_PORT (pid $APP_PID), Hangfire workers: ${W:-default}; $(nproc) cores"
echo "== Mode: inbox synchronous=$SYNC, job store=$STORE; load average $(cut -d' ' -f1-3 /proc/loadavg)"
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

jitted() { if [ -f "$JIT_LOG" ]; then wc -l <"$JIT_LOG"; else echo 0; fi; }

# Both endpoints are measured warm. Tiered compilation recompiles hot methods (with profile data) only after
# they have been called for a while, and the durable path has far more code (EF Core, Hangfire, SQLite) than
# the bare one: one warm-up leaves thousands of its methods to be recompiled during the measurement, on the
# same two cores. Rounds repeat until one compiles almost nothing, as in a server that has been up for a while.
echo "== Warm-up (not reported): rounds of $WARM small pushes and 20 activityDetails on each endpoint"
for round in 1 2 3 4 5 6 7 8; do
  before=$(jitted)
  run_hey warm-bare "$WARM" "$WORK/small.json" "$BARE"
  run_hey warm-durable "$WARM" "$WORK/small.json" "$(webhook_url activities)"
  run_hey warm-bare-d 20 "$WORK/details.json" "$BARE"
  run_hey warm-durable-d 20 "$WORK/details.json" "$(webhook_url activityDetails)"
  drain 300 >/dev/null
  sleep 2
  compiled=$(( $(jitted) - before ))
  echo "   round $round: $compiled methods compiled"
  [ "$compiled" -ge 50 ] || break
done

echo "== Small pushes: $R rounds of $N x $(wc -c <"$WORK/small.json") B at concurrency $C, bare then durable"
jit_small=$(jitted)
drains_small=()
for round in $(seq "$R"); do
  run_hey "bare-small-$round" "$N" "$WORK/small.json" "$BARE"
  run_hey "durable-small-$round" "$N" "$WORK/small.json" "$(webhook_url activities)"
  drains_small+=("$(drain 600)")
done
jit_small=$(( $(jitted) - jit_small ))

echo "== activityDetails pushes: $M x $(wc -c <"$WORK/details.json") B at concurrency $C"
jit_details=$(jitted)
run_hey bare-details "$M" "$WORK/details.json" "$BARE"
run_hey durable-details "$M" "$WORK/details.json" "$(webhook_url activityDetails)"
drain_details=$(drain 600)
jit_details=$(( $(jitted) - jit_details ))

inbox=$(sql "SELECT COUNT(*) FROM GarminInbox;")
poison=$(sql "SELECT COUNT(*) FROM GarminInbox WHERE Status <> 'Processed';")
activities=$(sql "SELECT COUNT(*) FROM GarminActivities;")

small_results=()
for round in $(seq "$R"); do small_results+=("$(parse "bare-small-$round")" "$(parse "durable-small-$round")"); done

SYNC=$SYNC STORE=$STORE python3 - "$N" "$M" "$C" "$R" "${drains_small[*]}" "$drain_details" "$inbox" "$poison" "$activities" "$jit_small" "$jit_details" \
  "$(parse bare-details)" "$(parse durable-details)" "${small_results[@]}" <<'PY'
import os, statistics, sys
n, m, c, r, drains_s, drain_d, inbox, notdone, acts, jit_s, jit_d = sys.argv[1:12]
details = [a.split() for a in sys.argv[12:14]]
small = [a.split() for a in sys.argv[14:]]

def line(name, row, anchor=None):
    ratio = f"{float(row[0]) / float(anchor[0]):.2f}" if anchor and float(anchor[0]) > 0 else ""
    non200 = int(row[4]) - int(row[3])
    print(f"{name:34} {float(row[0]):9.1f} {float(row[1]):8.2f} {float(row[2]):8.2f} {row[3]:>7} {('yes' if row[5] == 'yes' else str(non200)):>7} {ratio:>13}")

print()
print(f"{'load':34} {'ack/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'200s':>7} {'errors':>7} {'durable/bare':>13}")
ratios, p99s, complete = [], [], True
for i in range(int(r)):
    bare, durable = small[2 * i], small[2 * i + 1]
    line(f"bare     activities x{n} #{i + 1}", bare)
    line(f"durable  activities x{n} #{i + 1}", durable, bare)
    ratios.append(float(durable[0]) / float(bare[0]))
    p99s.append(float(durable[2]))
    complete = complete and durable[3] == durable[4] and durable[5] == "no"
line(f"bare     activityDetails x{m}", details[0])
line(f"durable  activityDetails x{m}", details[1], details[0])
print()
if drains_s.startswith("-"):
    print(f"processing: none during the run (-w 0); {inbox} inbox rows left Pending")
else:
    print(f"processing: backlog after each small load drained in {drains_s.replace(' ', ' / ')} s, after the details load in {drain_d} s; "
          f"{inbox} inbox rows, {notdone} not Processed, {acts} activity rows")
print(f"mode: inbox synchronous={os.environ['SYNC']}, job store={os.environ['STORE']}")
print(f"JIT: {jit_s} methods compiled during the small loads, {jit_d} during the details loads")
ratio, p99 = statistics.median(ratios), statistics.median(p99s)
ok = ratio >= 0.5 and p99 < 50 and complete
print(f"goal (small pushes at concurrency {c}: durable >= 50% of bare and p99 < 50 ms, median of {r} rounds): "
      f"{'MET' if ok else 'MISSED'} (ratio {ratio:.2f}, rounds {' '.join(f'{x:.2f}' for x in ratios)}; p99 {p99:.2f} ms)")
PY
