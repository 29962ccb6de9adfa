# Shared by webhook-load.sh and webhook-crash.sh: build, start/stop the app on loopback, seed a linked runner,
# query the throw-away database. Source it; it expects $WORK (a temp folder) to be set.

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$BENCH_DIR/.." && pwd)
WEBHOOK_SECRET="bench-webhook-secret-0123456789abcdef"
GARMIN_USER_ID="bench-garmin-runner"
APP_PID=""
APP_PORT=""

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

# sql <statement>: one read (or the seed) against the app's database, through Python's sqlite3 module.
sql() {
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
  sql "INSERT INTO AspNetUsers (Id, UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed,
         PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount, DisplayName, SecurityStamp, ConcurrencyStamp)
       VALUES ('bench-runner', 'bench.runner@coopah.local', 'BENCH.RUNNER@COOPAH.LOCAL', 'bench.runner@coopah.local',
         'BENCH.RUNNER@COOPAH.LOCAL', 1, 0, 0, 1, 0, 'Bench Runner', 'bench-stamp', 'bench-concurrency');" >/dev/null
  sql "INSERT INTO GarminLinks (UserId, GarminUserId, Mode, Status, Permissions, LinkedAtUtc)
       VALUES ('bench-runner', '$GARMIN_USER_ID', 'OAuth2', 'Active', 'ACTIVITY_EXPORT WORKOUT_IMPORT', '2026-01-01 00:00:00');" >/dev/null
}

pending_count() { sql "SELECT COUNT(*) FROM GarminInbox WHERE Status = 'Pending';"; }

# wait_for_drain <timeout seconds>: until no inbox row is Pending; prints the seconds it took.
wait_for_drain() {
  local timeout=$1 start=$SECONDS
  while [ "$(pending_count)" != "0" ]; do
    if [ $((SECONDS - start)) -gt "$timeout" ]; then echo "timeout"; return 1; fi
    sleep 0.5
  done
  echo $((SECONDS - start))
}
