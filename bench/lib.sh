# Shared by webhook-load.sh and webhook-crash.sh: build, start/stop the app on loopback, seed a linked runner,
# query the throw-away database. Source it; it expects $WORK (a temp folder) to be set.

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$BENCH_DIR/.." && pwd)
WEBHOOK_SECRET="bench-webhook-secret-0123456789abcdef"
GARMIN_USER_ID="bench-garmin-runner"
APP_PID=""
APP_PORT=""
# Database the helpers below talk to: Sqlite (the file db_path, the default) or Postgres (database $PG_DB on
# $PG_HOST:$PG_PORT as $PG_USER; see pg_create_db). scale-out.sh switches between them within one run.
DB_PROVIDER=${DB_PROVIDER:-Sqlite}
PG_HOST=${PG_HOST:-127.0.0.1}
PG_PORT=${PG_PORT:-5432}
PG_USER=${PG_USER:-coopah}
PG_PASSWORD=${PG_PASSWORD:-coopah}
PG_DB=${PG_DB:-}
# Several app instances at once (start_instance): pid and port by instance name.
declare -A INST_PID=() INST_PORT=()

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

need() { command -v "$1" >/dev/null 2>&1 || { echo "missing: $1" >&2; exit 2; }; }

# Release build of the web host, published once into $WORK/app.
build_app() {
  echo "== Building Coopah.Web (Release)"
  dotnet publish "$REPO_ROOT/Coopah.Web/Coopah.Web.csproj" -c Release -o "$WORK/app" -nologo -v quiet >"$WORK/build.log" 2>&1 \
    || { cat "$WORK/build.log"; echo "build failed" >&2; exit 2; }
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# start_app <log file> [extra env assignments...]: starts the app on 127.0.0.1:$APP_PORT with the data dir
# $WORK/data, then waits for /health/ready.
start_app() {
  local log=$1; shift
  [ -n "$APP_PORT" ] || APP_PORT=$(free_port)
  mkdir -p "$WORK/data"
  (
    cd "$WORK/app" || exit 2
    exec env \
      ASPNETCORE_ENVIRONMENT=Production \
      ASPNETCORE_URLS="http://127.0.0.1:$APP_PORT" \
      Coopah__DataDirectory="$WORK/data" \
      DataProtection__KeysDirectory="$WORK/keys" \
      Garmin__OAuth2RedirectUri="http://127.0.0.1:$APP_PORT/garmin/oauth2/callback" \
      Coopah__SeedDemoData=false \
      ConnectionStrings__Coopah="Data Source=coopah.db" \
      GarminWebhooks__PathSecret="$WEBHOOK_SECRET" \
      GarminWebhooks__PermitsPerMinutePerSource=100000000 \
      Logging__LogLevel__Default=Warning \
      "$@" \
      dotnet Coopah.Web.dll
  ) >>"$log" 2>&1 &
  APP_PID=$!
  local deadline=$((SECONDS + 120))
  until curl -fs -o /dev/null "http://127.0.0.1:$APP_PORT/health/ready"; do
    if ! kill -0 "$APP_PID" 2>/dev/null; then
      tail -n 40 "$log"; echo "the app exited during start-up" >&2; exit 2
    fi
    if [ $SECONDS -gt $deadline ]; then
      tail -n 40 "$log"; echo "the app did not become ready in 120 s" >&2; exit 2
    fi
    sleep 0.3
  done
}

stop_app() {
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill -TERM "$APP_PID" 2>/dev/null
    local deadline=$((SECONDS + 30))
    while kill -0 "$APP_PID" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
    kill -KILL "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  APP_PID=""
}

webhook_url() { echo "http://127.0.0.1:$APP_PORT/webhooks/garmin/$WEBHOOK_SECRET/$1"; }

db_path() { echo "$WORK/data/coopah.db"; }

# sql <statement>: one read (or the seed) against the app's database, through Python's sqlite3 module
# (DB_PROVIDER=Postgres: through psql, see pg_sql; quote identifiers there, "GarminInbox").
sql() {
  if [ "$DB_PROVIDER" = Postgres ]; then pg_sql "$1"; return; fi
  python3 - "$(db_path)" "$1" <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1], timeout=30)
cur = con.execute(sys.argv[2])
for row in cur.fetchall():
    print("|".join("" if v is None else str(v) for v in row))
con.commit()
con.close()
PY
}

# A runner with an Active Garmin link, inserted straight into the tables the app created (no demo data, no
# hidden seeding code in the app): activities for $GARMIN_USER_ID are then really processed.
seed_linked_runner() {
  if [ "$DB_PROVIDER" = Postgres ]; then pg_seed_linked_runner; return; fi
  sql "INSERT INTO AspNetUsers (Id, UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed,
         PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount, DisplayName, SecurityStamp, ConcurrencyStamp)
       VALUES ('bench-runner', 'bench.runner@coopah.local', 'BENCH.RUNNER@COOPAH.LOCAL', 'bench.runner@coopah.local',
         'BENCH.RUNNER@COOPAH.LOCAL', 1, 0, 0, 1, 0, 'Bench Runner', 'bench-stamp', 'bench-concurrency');" >/dev/null
  sql "INSERT INTO GarminLinks (UserId, GarminUserId, Mode, Status, Permissions, LinkedAtUtc)
       VALUES ('bench-runner', '$GARMIN_USER_ID', 'OAuth2', 'Active', 'ACTIVITY_EXPORT WORKOUT_IMPORT', '2026-01-01 00:00:00');" >/dev/null
}

pending_count() { sql 'SELECT COUNT(*) FROM "GarminInbox" WHERE "Status" = '"'Pending';"; }

# wait_for_drain <timeout seconds>: until no inbox row is Pending; prints the seconds it took.
wait_for_drain() {
  local timeout=$1 start=$SECONDS
  while [ "$(pending_count)" != "0" ]; do
    if [ $((SECONDS - start)) -gt "$timeout" ]; then echo "timeout"; return 1; fi
    sleep 0.5
  done
  echo $((SECONDS - start))
}

# ---- PostgreSQL (DB_PROVIDER=Postgres) --------------------------------------------------------------------------

pg_conn_string() { echo "Host=$PG_HOST;Port=$PG_PORT;Database=$PG_DB;Username=$PG_USER;Password=$PG_PASSWORD"; }

# pg_sql <statement> [database]: rows as a|b|c, like sql.
pg_sql() {
  PGPASSWORD="$PG_PASSWORD" psql -X -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "${2:-$PG_DB}" -v ON_ERROR_STOP=1 -At -F '|' -c "$1"
}

# pg_create_db <name>: a fresh, empty database (dropped first if a previous run left it); sets PG_DB.
pg_create_db() {
  PG_DB=$1
  pg_sql "DROP DATABASE IF EXISTS \"$PG_DB\" WITH (FORCE);" postgres >/dev/null
  pg_sql "CREATE DATABASE \"$PG_DB\";" postgres >/dev/null
}

pg_drop_db() {
  [ -n "$PG_DB" ] || return 0
  pg_sql "DROP DATABASE IF EXISTS \"$PG_DB\" WITH (FORCE);" postgres >/dev/null
}

pg_seed_linked_runner() {
  pg_sql "INSERT INTO \"AspNetUsers\" (\"Id\", \"UserName\", \"NormalizedUserName\", \"Email\", \"NormalizedEmail\", \"EmailConfirmed\",
         \"PhoneNumberConfirmed\", \"TwoFactorEnabled\", \"LockoutEnabled\", \"AccessFailedCount\", \"DisplayName\", \"SecurityStamp\", \"ConcurrencyStamp\")
       VALUES ('bench-runner', 'bench.runner@coopah.local', 'BENCH.RUNNER@COOPAH.LOCAL', 'bench.runner@coopah.local',
         'BENCH.RUNNER@COOPAH.LOCAL', true, false, false, true, 0, 'Bench Runner', 'bench-stamp', 'bench-concurrency');" >/dev/null
  pg_sql "INSERT INTO \"GarminLinks\" (\"UserId\", \"GarminUserId\", \"Mode\", \"Status\", \"Permissions\", \"LinkedAtUtc\")
       VALUES ('bench-runner', '$GARMIN_USER_ID', 'OAuth2', 'Active', 'ACTIVITY_EXPORT WORKOUT_IMPORT', '2026-01-01 00:00:00+00');" >/dev/null
}

# Pids of the server processes (backends) connected to $PG_DB right now.
pg_backend_pids() { pg_sql "SELECT pid FROM pg_stat_activity WHERE datname = '$PG_DB' AND pid <> pg_backend_pid();" | tr '\n' ' '; }

# ---- several instances -------------------------------------------------------------------------------------------

# start_instance <name> <port> <log file> [extra env assignments...]: like start_app, but any number at once; the
# instance's pid and port go to INST_PID[name] and INST_PORT[name] (APP_PID/APP_PORT are left alone). Its data
# folder is $WORK/data-<name>. Waits for /health/ready.
start_instance() {
  local name=$1 port=$2 log=$3; shift 3
  mkdir -p "$WORK/data-$name"
  (
    cd "$WORK/app" || exit 2
    exec env \
      ASPNETCORE_ENVIRONMENT=Production \
      ASPNETCORE_URLS="http://127.0.0.1:$port" \
      Coopah__DataDirectory="$WORK/data-$name" \
      DataProtection__KeysDirectory="$WORK/keys-$name" \
      Garmin__OAuth2RedirectUri="http://127.0.0.1:$port/garmin/oauth2/callback" \
      Coopah__SeedDemoData=false \
      ConnectionStrings__Coopah="Data Source=coopah.db" \
      GarminWebhooks__PathSecret="$WEBHOOK_SECRET" \
      GarminWebhooks__PermitsPerMinutePerSource=100000000 \
      Logging__LogLevel__Default=Warning \
      "$@" \
      dotnet Coopah.Web.dll
  ) >>"$log" 2>&1 &
  INST_PID[$name]=$!
  INST_PORT[$name]=$port
  local pid=$! deadline=$((SECONDS + 120))
  until curl -fs -o /dev/null "http://127.0.0.1:$port/health/ready"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 40 "$log"; echo "instance $name exited during start-up" >&2; return 2
    fi
    if [ $SECONDS -gt $deadline ]; then
      tail -n 40 "$log"; echo "instance $name did not become ready in 120 s" >&2; return 2
    fi
    sleep 0.3
  done
}

# stop_instance <name>: SIGTERM, then SIGKILL after 30 s.
stop_instance() {
  local pid=${INST_PID[$1]:-}
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null
    local deadline=$((SECONDS + 30))
    while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  INST_PID[$1]=""
}

# kill_instance <name>: kill -9, no clean-up in the app (no heartbeat removal, leases stay).
kill_instance() {
  local pid=${INST_PID[$1]:-}
  [ -n "$pid" ] || return 0
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  INST_PID[$1]=""
}

stop_all_instances() { local n; for n in "${!INST_PID[@]}"; do stop_instance "$n"; done; }

# cpu_ticks <pid...>: utime+stime of those processes in clock ticks (missing pids count 0), from /proc/<pid>/stat.
cpu_ticks() {
  local total=0 pid f
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] || continue
    f=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null) || continue
    set -- $f
    total=$((total + ${12} + ${13}))
  done
  echo "$total"
}
