#!/usr/bin/env bash
# Scale-out benchmark and kill test on PostgreSQL (docs/SCALING.md): two Coopah instances on one database.
#
#   bench/scale-out.sh [-n PUSHES] [-c CONCURRENCY] [-u WARM_UP] [-k]
#
#   -n  pushes per measured load and for the kill test, one unique summaryId each (default 20000)
#   -c  concurrent connections (default 32; split half and half when two instances are loaded)
#   -u  pushes per warm-up load before each measured one (default n/2, not reported)
#   -d  kill test: keep B down at least this many seconds after the kill (default 0: restart B as soon as the load
#       ends). With -d 35 B starts after its old heartbeat is 30 s stale, so its start-up releases the dead leases;
#       restarted earlier, they wait for a survivor's sweep (every minute)
#   -k  keep the throw-away work folder (app, logs, acknowledged/failed ids) and print its path
#
# One run, one machine, side by side:
#   1. publish once; SQLite: one instance (its own data folder, the defaults of webhook-load.sh: inbox FULL, Hangfire
#      on SQLite), seed a linked runner, warm up, N unique pushes at concurrency C (bench/push_split.py).
#   2. PostgreSQL: a fresh database (dropped at the end), instance A started (migrates), runner seeded, instance B
#      started next to it on another port; then B stopped cleanly and N pushes to A alone; B started again and N pushes
#      split over A and B (C/2 connections each).
#      Per load: acknowledged/s, p50/p99 of the 200s, and CPU per push from /proc/<pid>/stat (utime+stime) from the
#      start of the load until no inbox row is Pending: the app processes, the PostgreSQL backends connected to the
#      bench database, and (separately) PostgreSQL's background processes, which serve every database on the server.
#   3. Kill test: N pushes split over A and B at concurrency C; kill -9 of B once a third are acknowledged; the load
#      goes on (B's connections fail and are not acknowledged: Garmin would resend); A must keep answering 200.
#      After the load B is started again, and the script waits until no inbox row is Pending (B's leased rows come
#      back once its heartbeat is 30 s stale: at B's start-up or at a sweep), then checks every acknowledged
#      summary of every PostgreSQL load: lost=0 duplicated=0, or exits 1.
#
# Loopback only (127.0.0.1, free ports); the instances are stopped and the database dropped on exit.
# Both instances share the machine's cores (and PostgreSQL and the load generator run there too): two instances
# on one machine measure the coordination cost of scale-out, not its capacity.
set -euo pipefail

N=20000 C=32 WARM="" KEEP=0 DOWN=0
while getopts "n:c:u:d:kh" opt; do
  case $opt in
    n) N=$OPTARG ;; c) C=$OPTARG ;; u) WARM=$OPTARG ;; d) DOWN=$OPTARG ;; k) KEEP=1 ;;
    *) sed -n '2,31p' "$0"; exit 2 ;;
  esac
done
WARM=${WARM:-$((N / 2))}
[[ $DOWN =~ ^[0-9]+$ && $DOWN -le 600 ]] || { echo "-d must be 0..600 seconds" >&2; exit 2; }
for v in "$N" "$C" "$WARM"; do [[ $v =~ ^[0-9]+$ && $v -gt 0 ]] || { echo "counts must be positive integers" >&2; exit 2; }; done
[ "$N" -le 1000000 ] && [ "$WARM" -le 1000000 ] && [ "$C" -le 256 ] && [ "$C" -ge 2 ] || { echo "bounded: n,u <= 1e6, 2 <= c <= 256" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/coopah-scale-out.XXXXXX")
source "$(dirname "$0")/lib.sh"
GEN_PID=""
cleanup() {
  local rc=$?
  set +e
  if [ -n "$GEN_PID" ] && kill -0 "$GEN_PID" 2>/dev/null; then kill "$GEN_PID" 2>/dev/null; wait "$GEN_PID" 2>/dev/null; fi
  stop_all_instances
  DB_PROVIDER=Postgres pg_drop_db
  if [ "$KEEP" = 1 ]; then echo "work folder kept: $WORK"; else rm -rf "$WORK"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

need dotnet; need python3; need curl; need psql
now() { date +%s.%N; }
ms_since() { python3 -c "import sys,time; print(f'{time.time() - float(sys.argv[1]):.1f}')" "$1"; }
HOOK="/webhooks/garmin/$WEBHOOK_SECRET/activities"

build_app
echo "== $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (other work may share them)"

# CPU snapshot of the given instances and, on Postgres, of the bench database's backends.
snapshot() {
  local out=$1; shift
  local pids="" n
  for n in "$@"; do pids+="${INST_PID[$n]} "; done
  local pg=""
  [ "$DB_PROVIDER" = Postgres ] && pg=$(pg_backend_pids)
  python3 "$BENCH_DIR/cpu_snap.py" snap "$out" --app "$pids" --pg "$pg"
}

# load <label> <pushes> <ports> <instances...>: one load through push_split.py, then the drain; appends a result
# line "label ack/s p50 p99 acked failed elapsed drain_s app_ms pg_ms bg_ms" to $WORK/results.txt.
load() {
  local label=$1 count=$2 ports=$3; shift 3
  : >"$WORK/$label.acked"; : >"$WORK/$label.failed"
  snapshot "$WORK/$label.cpu0" "$@"
  python3 "$BENCH_DIR/push_split.py" --ports "$ports" --path "$HOOK" --user "$GARMIN_USER_ID" -n "$count" -c "$C" \
    --prefix "$label" --acked "$WORK/$label.acked" --failed "$WORK/$label.failed" >"$WORK/$label.json"
  local drain
  drain=$(wait_for_drain 900) || { echo "$label: inbox rows still Pending after 900 s" >&2; exit 1; }
  snapshot "$WORK/$label.cpu1" "$@"
  local cpu
  cpu=$(python3 "$BENCH_DIR/cpu_snap.py" diff "$WORK/$label.cpu0" "$WORK/$label.cpu1")
  python3 - "$WORK/$label.json" "$label" "$drain" "$cpu" >>"$WORK/results.txt" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(sys.argv[2], r["ack_per_s"], r["p50_ms"], r["p99_ms"], r["acked"], r["failed"], r["elapsed_s"], sys.argv[3], sys.argv[4])
PY
  echo "   $label: $(tail -n 1 "$WORK/results.txt" | cut -d' ' -f2-)"
}

# ---- 1. SQLite, one instance ---------------------------------------------------------------------------------
DB_PROVIDER=Sqlite
PORT_S=$(free_port)
start_instance sqlite "$PORT_S" "$WORK/sqlite.log" Coopah__DataDirectory="$WORK/data"
seed_linked_runner
echo "== SQLite instance on 127.0.0.1:$PORT_S (pid ${INST_PID[sqlite]}); warm-up $WARM, then $N pushes at c=$C"
load warm-sqlite "$WARM" "$PORT_S" sqlite >/dev/null
sleep 2
load sqlite-1 "$N" "$PORT_S" sqlite
stop_instance sqlite

# ---- 2. PostgreSQL, one instance then two -------------------------------------------------------------------
DB_PROVIDER=Postgres
pg_create_db "coopah_scale_$$"
PG_ENV=(Database__Provider=Postgres ConnectionStrings__Coopah="$(pg_conn_string)" DataProtection__AllowUnprotectedKeys=true
  Hangfire__InvisibilityTimeout=00:01:00)
PORT_A=$(free_port); PORT_B=$(free_port)
while [ "$PORT_B" = "$PORT_A" ]; do PORT_B=$(free_port); done
start_instance A "$PORT_A" "$WORK/A.log" "${PG_ENV[@]}"
seed_linked_runner
start_instance B "$PORT_B" "$WORK/B-1.log" "${PG_ENV[@]}"
alive=$(pg_sql 'SELECT COUNT(*) FROM "ClusterInstances" WHERE "HeartbeatAtUtc" > now() - interval '"'30 seconds';")
echo "== PostgreSQL database $PG_DB: A on :$PORT_A (pid ${INST_PID[A]}), B on :$PORT_B (pid ${INST_PID[B]}); $alive instances with a live heartbeat"
[ "$alive" = 2 ] || { echo "expected 2 live instances in ClusterInstances, found $alive" >&2; exit 1; }

stop_instance B   # a clean stop removes B's heartbeat row
A_ID=$(pg_sql 'SELECT "Id" FROM "ClusterInstances" ORDER BY "StartedAtUtc" LIMIT 1;')
echo "== One instance (A, $A_ID; B stopped): warm-up $WARM, then $N pushes at c=$C"
load warm-pg-1 "$WARM" "$PORT_A" A >/dev/null
sleep 2
load pg-1 "$N" "$PORT_A" A

start_instance B "$PORT_B" "$WORK/B-2.log" "${PG_ENV[@]}"
echo "== Two instances (B restarted, pid ${INST_PID[B]}): warm-up $WARM, then $N pushes split $((C / 2))+$((C - C / 2))"
load warm-pg-2 "$WARM" "$PORT_A,$PORT_B" A B >/dev/null
sleep 2
load pg-2 "$N" "$PORT_A,$PORT_B" A B

# ---- 3. Kill test ---------------------------------------------------------------------------------------------
B_ID=$(pg_sql "SELECT \"Id\" FROM \"ClusterInstances\" WHERE \"Id\" <> '$A_ID' ORDER BY \"StartedAtUtc\" DESC LIMIT 1;")
echo "== Kill test: $N pushes split over A and B at c=$C; kill -9 of B ($B_ID) at $((N / 3)) acknowledged"
: >"$WORK/kill.acked"; : >"$WORK/kill.failed"
python3 "$BENCH_DIR/push_split.py" --ports "$PORT_A,$PORT_B" --path "$HOOK" --user "$GARMIN_USER_ID" -n "$N" -c "$C" \
  --prefix kill --acked "$WORK/kill.acked" --failed "$WORK/kill.failed" >"$WORK/kill.json" &
GEN_PID=$!
kill_at=$((N / 3)) deadline=$((SECONDS + 300))
while [ "$(wc -l <"$WORK/kill.acked")" -lt "$kill_at" ]; do
  kill -0 "$GEN_PID" 2>/dev/null || { echo "the load generator ended before the kill point" >&2; exit 1; }
  [ $SECONDS -lt $deadline ] || { echo "no progress: $(wc -l <"$WORK/kill.acked") acknowledged after 300 s" >&2; exit 1; }
  sleep 0.05
done
kill_instance B
KILL_T=$(now)
acked_at_kill=$(wc -l <"$WORK/kill.acked")
pending_at_kill=$(pending_count)
leased_by_b=$(pg_sql "SELECT COUNT(*) FROM \"GarminInbox\" WHERE \"Status\" = 'Pending' AND \"LeaseOwner\" = '$B_ID';")
echo "== kill -9 B after $acked_at_kill acknowledged; $pending_at_kill rows Pending, $leased_by_b of them leased by B"
wait "$GEN_PID" || { echo "load generator failed" >&2; exit 1; }
GEN_PID=""
LOAD_END_T=$(now)
pending_at_end=$(pending_count)
leased_by_b_end=$(pg_sql "SELECT COUNT(*) FROM \"GarminInbox\" WHERE \"Status\" = 'Pending' AND \"LeaseOwner\" = '$B_ID';")
echo "== Load done $(ms_since "$KILL_T") s after the kill: $(wc -l <"$WORK/kill.acked") acknowledged, $(wc -l <"$WORK/kill.failed") failed; $pending_at_end Pending ($leased_by_b_end leased by dead B)"
python3 -c "import sys,time; time.sleep(max(0, float(sys.argv[1]) + float(sys.argv[2]) - time.time()))" "$KILL_T" "$DOWN"
start_instance B "$PORT_B" "$WORK/B-3.log" "${PG_ENV[@]}"
RESTART_T=$(now)
echo "== B restarted $(ms_since "$KILL_T") s after the kill (pid ${INST_PID[B]})"
drain_from_restart=$(wait_for_drain 900) || { echo "inbox rows still Pending 900 s after B's restart" >&2; pg_sql 'SELECT "Status", "LeaseOwner", COUNT(*) FROM "GarminInbox" GROUP BY 1, 2;'; exit 1; }
drained_after_kill=$(ms_since "$KILL_T")
echo "== No inbox row Pending: $drain_from_restart s after B's restart, $drained_after_kill s after the kill"

# ---- checks -----------------------------------------------------------------------------------------------------
pg_sql "SELECT a->>'summaryId', i.\"Status\", i.\"Attempts\" FROM \"GarminInbox\" i JOIN \"GarminInboxBodies\" b ON b.\"Id\" = i.\"Id\",
  json_array_elements(convert_from(b.\"Body\", 'UTF8')::json -> 'activities') a WHERE i.\"Type\" = 'activities';" >"$WORK/inbox.txt"
pg_sql "SELECT \"SummaryId\", COUNT(*) FROM \"GarminActivities\" WHERE \"SummaryType\" = 'activities' GROUP BY 1;" >"$WORK/activities.txt"
pg_sql "SELECT statename, COUNT(*) FROM hangfire.job WHERE invocationdata::text LIKE '%ProcessGarminInboxJob%' GROUP BY 1;" >"$WORK/jobs.txt" 2>/dev/null || : >"$WORK/jobs.txt"

set +e
python3 - "$WORK" "$PORT_A" "$PORT_B" "$KILL_T" "$RESTART_T" "$N" "$C" "$acked_at_kill" "$pending_at_kill" "$leased_by_b" \
  "$pending_at_end" "$leased_by_b_end" "$drain_from_restart" "$drained_after_kill" <<'PY'
import json, os, sys
from collections import Counter, defaultdict
work, port_a, port_b, kill_t, restart_t, n, c = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), float(sys.argv[5]), sys.argv[6], sys.argv[7]
acked_at_kill, pending_kill, leased_kill, pending_end, leased_end, drain_restart, drain_kill = sys.argv[8:15]

res = {}
for line in open(os.path.join(work, "results.txt")):
    f = line.split()
    res[f[0]] = f[1:]

def lines(name):
    return [l.split() for l in open(os.path.join(work, name)) if l.strip()]

# Every acknowledged id of every PostgreSQL load (warm-ups, measured, kill test).
pg_labels = ["warm-pg-1", "pg-1", "warm-pg-2", "pg-2", "kill"]
acked = [f[0] for lab in pg_labels for f in lines(f"{lab}.acked")]
ack_set = set(acked)
inbox = defaultdict(list)
for f in (l.rstrip("\n").split("|") for l in open(os.path.join(work, "inbox.txt")) if l.strip()):
    inbox[f[0]].append((f[1], int(f[2])))
rows = Counter({f[0]: int(f[1]) for f in (l.strip().split("|") for l in open(os.path.join(work, "activities.txt")) if l.strip())})
lost = sorted(i for i in ack_set if rows.get(i, 0) == 0 or not any(s == "Processed" for s, _ in inbox.get(i, [])))
duplicated = sorted(i for i in ack_set | set(inbox) if rows.get(i, 0) > 1 or len(inbox.get(i, [])) > 1)
twice_acked = len(acked) - len(ack_set)
stored_unacked = sum(1 for i in inbox if i not in ack_set)
retried = sum(1 for v in inbox.values() for s, a in v if a > 1)
not_processed = Counter(s for v in inbox.values() for s, _ in v if s != "Processed")

kill_acked = lines("kill.acked")
kill_failed = lines("kill.failed")
a_after = [f for f in kill_acked if f[1] == port_a and float(f[2]) > kill_t]
a_fail_after = [f for f in kill_failed if f[1] == port_a and float(f[2]) > kill_t]
b_fail_after = [f for f in kill_failed if f[1] == port_b and float(f[2]) > kill_t]
a_window = (max(float(f[2]) for f in a_after) - kill_t) if a_after else 0
kj = json.load(open(os.path.join(work, "kill.json")))

print()
print(f"{'load (c=' + c + ', ' + n + ' unique pushes)':40} {'ack/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'200s':>6} {'fail':>5} {'drain s':>7} {'app ms/push':>11} {'pg ms/push':>10} {'total':>6} {'pg bg ms/push':>13}")
names = {"sqlite-1": "SQLite, one instance", "pg-1": "PostgreSQL, one instance (A)", "pg-2": "PostgreSQL, two instances (A+B)"}
for lab in ("sqlite-1", "pg-1", "pg-2"):
    ack_s, p50, p99, ok, fail, el, drain, app, pg, bg = res[lab]
    k = int(ok) or 1
    print(f"{names[lab]:40} {float(ack_s):8.0f} {float(p50):7.2f} {float(p99):7.2f} {ok:>6} {fail:>5} {drain:>7} "
          f"{float(app)/k:11.3f} {float(pg)/k:10.3f} {(float(app)+float(pg))/k:6.3f} {float(bg)/k:13.3f}")
print("CPU = utime+stime from the start of the load until no inbox row was Pending (intake and processing), per acknowledged push;")
print("pg = backends connected to the bench database; pg bg = the server's WAL writer/checkpointer/autovacuum (shared with other databases).")
print()
print(f"kill test: {kj['acked']} acknowledged, {kj['failed']} failed ({len(b_fail_after)} on B after the kill); kill -9 of B at {acked_at_kill} acknowledged")
print(f"  A after the kill: {len(a_after)} x 200 over {a_window:.1f} s, {len(a_fail_after)} failures")
print(f"  Pending at the kill {pending_kill} ({leased_kill} leased by B), at the end of the load {pending_end} ({leased_end} leased by dead B)")
print(f"  B restarted {restart_t - kill_t:.1f} s after the kill; no row Pending {drain_restart} s after the restart, {drain_kill} s after the kill")
jobs = [l.strip() for l in open(os.path.join(work, "jobs.txt")) if l.strip()]
print(f"  inbox jobs in the shared Hangfire store: {', '.join(j.replace('|', ' ') for j in jobs) or 'n/a'}")
print(f"PostgreSQL loads checked: acknowledged={len(ack_set)} activity_rows={sum(rows.values())} inbox_rows={sum(len(v) for v in inbox.values())} "
      f"stored_but_not_acknowledged={stored_unacked} processed_again={retried} not_processed={dict(not_processed)}")
if lost: print("lost ids (first 10):", lost[:10])
if duplicated: print("duplicated ids (first 10):", duplicated[:10])
ok = not lost and not duplicated and not twice_acked and not not_processed and len(a_after) > 0 and not a_fail_after
print(f"lost={len(lost)} duplicated={len(duplicated) + twice_acked} a_kept_answering={'yes' if a_after and not a_fail_after else 'NO'}")
sys.exit(0 if ok else 1)
PY
rc=$?
set -e
exit $rc
