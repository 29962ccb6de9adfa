#!/usr/bin/env bash
# Processing delay on an idle host (issue 16): for each push, the time from our 200 to its inbox row being
# Processed (ProcessedAtUtc, written by the app on the same clock). Pushes go one at a time with a random
# 0.3-1.3 s pause, so each meets an idle host at a random point of the job store's poll cycle. Runs the
# configurations one after the other on the same machine, side by side:
#
#   bench/webhook-latency.sh [-n PUSHES] [-k] [CONFIG ...]
#
#   -n  pushes per configuration (default 60)
#   -k  keep the throw-away work folder
#   CONFIG  name=ENV[,ENV...] app settings of one configuration; default: the three below
#     inmemory        Hangfire__Storage=InMemory (before issue 16)
#     sqlite-default  Hangfire__Storage=SQLite with the storage's own 15 s queue poll
#     sqlite          Hangfire__Storage=SQLite as configured (the app's defaults)
#
# Prints median, p95 and max per configuration. Loopback only; the app is stopped on exit.
set -euo pipefail

K=60 KEEP=0
while getopts "n:kh" opt; do
  case $opt in
    n) K=$OPTARG ;; k) KEEP=1 ;;
    *) sed -n '2,17p' "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[[ $K =~ ^[0-9]+$ && $K -gt 0 && $K -le 10000 ]] || { echo "-n must be 1..10000" >&2; exit 2; }
CONFIGS=("$@")
[ ${#CONFIGS[@]} -gt 0 ] || CONFIGS=(
  "inmemory=Hangfire__Storage=InMemory"
  "sqlite-default=Hangfire__Storage=SQLite,Hangfire__QueuePollInterval=00:00:15"
  "sqlite=Hangfire__Storage=SQLite")

WORK=$(mktemp -d "${TMPDIR:-/tmp}/coopah-webhook-latency.XXXXXX")
source "$(dirname "$0")/lib.sh"
cleanup() { local rc=$?; set +e; stop_app; if [ "$KEEP" = 1 ]; then echo "work folder kept: $WORK"; else rm -rf "$WORK"; fi; exit $rc; }
trap cleanup EXIT
trap 'exit 130' INT TERM

need dotnet; need python3; need curl
build_app
echo "== $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

results=()
for config in "${CONFIGS[@]}"; do
  name=${config%%=*}
  IFS=',' read -r -a envs <<<"${config#*=}"
  rm -rf "$WORK/data"; APP_PORT=""
  start_app "$WORK/app-$name.log" "${envs[@]}"
  seed_linked_runner
  # One push first so the first measured one does not pay for the JIT.
  python3 - 127.0.0.1 "$APP_PORT" "/webhooks/garmin/$WEBHOOK_SECRET/activities" "$GARMIN_USER_ID" "$K" "$WORK/acks-$name.txt" <<'PY'
import http.client, random, sys, time
host, port, path, user, k, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5]), sys.argv[6]
conn = http.client.HTTPConnection(host, port, timeout=30)
def push(i):
    body = ('{"activities":[{"userId":"%s","summaryId":"latency-%d","activityId":%d,"activityType":"RUNNING",'
            '"startTimeInSeconds":1790000000,"durationInSeconds":1800,"distanceInMeters":5000}]}' % (user, i, i)).encode()
    conn.request("POST", path, body, {"Content-Type": "application/json"})
    r = conn.getresponse(); r.read()
    if r.status != 200: raise SystemExit(f"push {i}: {r.status}")
    return time.time()
push(0); time.sleep(2)
with open(out, "w") as f:
    for i in range(1, k + 1):
        f.write(f"{push(i):.6f}\n"); f.flush()
        time.sleep(random.uniform(0.3, 1.3))
PY
  wait_for_drain 120 >/dev/null || { echo "rows still Pending" >&2; exit 1; }
  stats=$(python3 - "$(db_path)" "$WORK/acks-$name.txt" <<'PY'
import datetime, sqlite3, statistics, sys
acks = [float(l) for l in open(sys.argv[2]) if l.strip()]
con = sqlite3.connect(sys.argv[1])
rows = con.execute("SELECT ProcessedAtUtc FROM GarminInbox WHERE Status = 'Processed' ORDER BY Id").fetchall()[1:]
assert len(rows) == len(acks), (len(rows), len(acks))
def ts(text):
    head, _, frac = text.partition(".")
    t = datetime.datetime.strptime(head, "%Y-%m-%d %H:%M:%S").replace(tzinfo=datetime.timezone.utc).timestamp()
    return t + (float("0." + frac) if frac else 0.0)
d = sorted((ts(r[0]) - a) * 1000 for (r, a) in zip(rows, acks))
p95 = d[min(len(d) - 1, int(round(0.95 * len(d) + 0.5)) - 1)]
print(f"{statistics.median(d):.0f} {p95:.0f} {d[-1]:.0f} {len(d)}")
PY
)
  results+=("$name $stats")
  stop_app
done

echo
printf "%-16s %10s %10s %10s %7s\n" config "median ms" "p95 ms" "max ms" pushes
for r in "${results[@]}"; do read -r n med p95 max cnt <<<"$r"; printf "%-16s %10s %10s %10s %7s\n" "$n" "$med" "$p95" "$max" "$cnt"; done
