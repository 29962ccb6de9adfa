#!/usr/bin/env bash
# Crash test for webhook intake (issue 6, "Proof"): K pushes with unique summaryIds for a linked runner,
# kill -9 of the app once a third of them were acknowledged, restart on the same port while the load goes on,
# wait until no inbox row is Pending, then check that every push that got a 200 was processed exactly once.
#
#   bench/webhook-crash.sh [-n PUSHES] [-c CONCURRENCY] [-k]
#
#   -n  pushes, one summaryId each (default 20000)
#   -c  concurrent connections of the load generator (default 32)
#   -k  keep the throw-away work folder
#
# Seeding: after the first start created the database, a user and an Active GarminLinks row are inserted with
# Python's sqlite3 (lib.sh seed_linked_runner) - no seeding code in the app. Loopback only; the app is
# stopped on exit. Prints lost=N duplicated=N and exits non-zero unless both are 0.
#
# Jobs too (issue 16, Hangfire on its SQLite store): the restarted app hands out a job the kill interrupted again
# after Hangfire:InvisibilityTimeout (1 minute here instead of 15), and the script waits for that too. It then counts
# the inbox jobs in hangfire.db by state and the rows that more than one job was given: none may have failed or be
# left over, and every row is still applied once (the lost/duplicated check above).
set -euo pipefail

K=20000 C=32 KEEP=0
while getopts "n:c:kh" opt; do
  case $opt in
    n) K=$OPTARG ;; c) C=$OPTARG ;; k) KEEP=1 ;;
    *) sed -n '2,15p' "$0"; exit 2 ;;
  esac
done
for v in "$K" "$C"; do [[ $v =~ ^[0-9]+$ && $v -gt 0 ]] || { echo "counts must be positive integers" >&2; exit 2; }; done
[ "$K" -le 1000000 ] && [ "$C" -le 256 ] || { echo "request counts are bounded (n<=1e6, c<=256)" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/coopah-webhook-crash.XXXXXX")
source "$(dirname "$0")/lib.sh"
GEN_PID=""
cleanup() {
  local rc=$?
  set +e
  if [ -n "$GEN_PID" ] && kill -0 "$GEN_PID" 2>/dev/null; then kill "$GEN_PID" 2>/dev/null; wait "$GEN_PID" 2>/dev/null || true; fi
  stop_app
  if [ "$KEEP" = 1 ]; then echo "work folder kept: $WORK"; else rm -rf "$WORK"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

need dotnet; need python3; need curl
build_app
JOB_ENV=(Hangfire__InvisibilityTimeout=00:01:00)
start_app "$WORK/app-1.log" "${JOB_ENV[@]}"
seed_linked_runner
echo "== App on 127.0.0.1:$APP_PORT (pid $APP_PID); linked runner $GARMIN_USER_ID seeded"

: >"$WORK/acked.txt"; : >"$WORK/failed.txt"
echo "== Pushing $K unique summaries at concurrency $C"
python3 "$BENCH_DIR/push_unique.py" 127.0.0.1 "$APP_PORT" "/webhooks/garmin/$WEBHOOK_SECRET/activities" \
  "$GARMIN_USER_ID" "$K" "$C" "$WORK/acked.txt" "$WORK/failed.txt" &
GEN_PID=$!

kill_at=$((K / 3))
deadline=$((SECONDS + 300))
while [ "$(wc -l <"$WORK/acked.txt")" -lt "$kill_at" ]; do
  kill -0 "$GEN_PID" 2>/dev/null || { echo "the load generator ended before the kill point" >&2; exit 1; }
  [ $SECONDS -lt $deadline ] || { echo "no progress: $(wc -l <"$WORK/acked.txt") acknowledged after 300 s" >&2; exit 1; }
  sleep 0.05
done
acked_before=$(wc -l <"$WORK/acked.txt")
kill -KILL "$APP_PID"
wait "$APP_PID" 2>/dev/null || true
pending_at_kill=$(pending_count)
echo "== kill -9 after $acked_before acknowledged pushes; $pending_at_kill inbox rows Pending at that moment"
APP_PID=""

start_app "$WORK/app-2.log" "${JOB_ENV[@]}"
echo "== Restarted (pid $APP_PID); the load continues"
wait "$GEN_PID" || true
GEN_PID=""
echo "== Load done: $(wc -l <"$WORK/acked.txt") acknowledged, $(wc -l <"$WORK/failed.txt") failed (app down or connection cut)"

drain=$(wait_for_drain 900) || { echo "inbox rows still Pending after 900 s" >&2; exit 1; }
echo "== No inbox row Pending $drain s after the load"

# Inbox jobs still enqueued, scheduled or processing (the interrupted ones come back after the invisibility timeout).
jobs_open() {
  python3 - "$WORK/data/hangfire.db" <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1], timeout=30)
print(con.execute("SELECT COUNT(*) FROM Job WHERE InvocationData LIKE '%ProcessGarminInboxJob%' AND StateName IN ('Enqueued','Scheduled','Processing')").fetchone()[0])
PY
}
open_at_drain=$(jobs_open)
deadline=$((SECONDS + 300))
while [ "$(jobs_open)" != "0" ]; do
  [ $SECONDS -lt $deadline ] || { echo "inbox jobs still open after 300 s" >&2; exit 1; }
  sleep 1
done
echo "== $open_at_drain inbox jobs were still open at the drain (interrupted by the kill); all finished now"

python3 - "$(db_path)" "$WORK/acked.txt" "$WORK/failed.txt" "$WORK/data/hangfire.db" <<'PY'
import json, sqlite3, sys
from collections import Counter, defaultdict
db, acked_path, failed_path, jobs_db = sys.argv[1:5]
acked = [l.strip() for l in open(acked_path) if l.strip()]
failed = {l.strip() for l in open(failed_path) if l.strip()}
con = sqlite3.connect(db)
rows = Counter(dict(con.execute(
    "SELECT SummaryId, COUNT(*) FROM GarminActivities WHERE SummaryType = 'activities' GROUP BY SummaryId")))
inbox = defaultdict(list)
for body, status, attempts in con.execute("SELECT b.Body, i.Status, i.Attempts FROM GarminInbox i JOIN GarminInboxBodies b ON b.Id = i.Id WHERE i.Type = 'activities'"):
    for item in json.loads(bytes(body))["activities"]:
        inbox[item["summaryId"]].append((status, attempts))
ack_set = set(acked)
lost = sorted(i for i in ack_set if rows.get(i, 0) == 0 or not any(s == "Processed" for s, _ in inbox.get(i, [])))
duplicated = sorted(i for i in ack_set | set(inbox) if rows.get(i, 0) > 1 or len(inbox.get(i, [])) > 1)
twice_acked = len(acked) - len(ack_set)
stored_unacked = sorted(i for i in inbox if i not in ack_set)
retried = sum(1 for v in inbox.values() for s, a in v if a > 1)
poison = con.execute("SELECT COUNT(*) FROM GarminInbox WHERE Status = 'Poison'").fetchone()[0]
print(f"acknowledged={len(ack_set)} failed={len(failed)} activity_rows={sum(rows.values())} inbox_rows={sum(len(v) for v in inbox.values())}")
print(f"stored_but_not_acknowledged={len(stored_unacked)} (committed when the connection died: processed too, Garmin would resend)")
print(f"rows_processed_again_after_the_crash={retried} poison={poison}")
jcon = sqlite3.connect(jobs_db)
states = Counter(dict(jcon.execute("SELECT StateName, COUNT(*) FROM Job WHERE InvocationData LIKE '%ProcessGarminInboxJob%' GROUP BY StateName")))
given = Counter()
for (args,) in jcon.execute("SELECT Arguments FROM Job WHERE InvocationData LIKE '%ProcessGarminInboxJob%'"):
    given.update(json.loads(json.loads(args)[0]))
in_two = sum(1 for n in given.values() if n > 1)
jobs_bad = sum(n for s, n in states.items() if s != "Succeeded")
print(f"inbox jobs: {sum(states.values())} ({', '.join(f'{s} {n}' for s, n in sorted(states.items()))}); "
      f"rows given to more than one job={in_two} (each applied once: see duplicated)")
print(f"jobs_not_succeeded={jobs_bad}")
if lost: print("lost ids (first 10):", lost[:10])
if duplicated: print("duplicated ids (first 10):", duplicated[:10])
print(f"lost={len(lost)} duplicated={len(duplicated) + twice_acked}")
sys.exit(0 if not lost and not duplicated and not twice_acked and poison == 0 and jobs_bad == 0 else 1)
PY
