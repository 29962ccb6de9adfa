#!/usr/bin/env bash
# Installs what the tests need (Debian's Chromium, PostgreSQL 15, the FIT oracle's npm packages), builds with
# warnings as errors, runs every test project with a TRX logger (the integration tests twice: on SQLite and on
# PostgreSQL) and ends with "N passed, N failed" from the TRX counters.
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ! -x /usr/bin/chromium ]; then
  echo "== Installing Debian's chromium for the browser tests"
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
    || { echo "could not install chromium"; echo "0 passed, 1 failed"; exit 1; }
fi

# PostgreSQL 15 on loopback for the second pass of the integration tests and the two-instance tests.
postgres_ready=1
if [ ! -x /usr/lib/postgresql/15/bin/postgres ]; then
  echo "== Installing PostgreSQL 15"
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null \
    || { echo "could not install PostgreSQL 15"; postgres_ready=0; }
fi
if [ "$postgres_ready" -eq 1 ]; then
  echo "== Starting PostgreSQL 15"
  pg_lsclusters -h 2>/dev/null | grep -q '^15 *main' || as_root pg_createcluster 15 main >/dev/null
  pg_lsclusters -h | grep -q '^15 *main .*online' || as_root pg_ctlcluster 15 main start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  as_root su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname = 'coopah'\"" | grep -q 1 \
    || as_root su postgres -c "psql -qc \"CREATE ROLE coopah LOGIN SUPERUSER PASSWORD 'coopah'\""
  pg_isready -q -h 127.0.0.1 -p 5432 || { echo "PostgreSQL did not start"; postgres_ready=0; }
fi

if [ -x scripts/setup-fit-oracle.sh ]; then
  echo "== Preparing the FIT oracle (Garmin's JS SDK)"
  scripts/setup-fit-oracle.sh || { echo "could not set up the FIT oracle"; echo "0 passed, 1 failed"; exit 1; }
fi

echo "== Building"
dotnet build Coopah.sln -c Release -nologo -v quiet || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }

echo "== Testing"
results="$root/TestResults"
rm -rf "$results"
# Browser tests run on their own afterwards: on a 2-core machine they must not compete with the rest for CPU.
dotnet test Coopah.sln -c Release --no-build -nologo --filter "FullyQualifiedName!~.Browser.&Database!=Postgres" \
  --logger "trx;LogFileName=main.trx" --logger "console;verbosity=normal" --results-directory "$results"
test_exit=$?
# The integration tests again with every host on its own PostgreSQL database (the pure Core, CLI and architecture
# tests do not touch a database), plus the tests that need PostgreSQL (two instances on one database).
if [ "$postgres_ready" -eq 1 ]; then
  echo "== Testing on PostgreSQL"
  COOPAH_TEST_DATABASE=Postgres dotnet test Coopah.Web.Tests -c Release --no-build -nologo \
    --filter "FullyQualifiedName!~.Browser.&FullyQualifiedName!~.Core.&FullyQualifiedName!~.Cli.&FullyQualifiedName!~.Architecture.&Database!=SqliteOnly" \
    --logger "trx;LogFileName=postgres.trx" --logger "console;verbosity=normal" --results-directory "$results"
  postgres_exit=$?
  [ "$postgres_exit" -ne 0 ] && test_exit=$postgres_exit
else
  test_exit=1
  echo "FAILED PostgreSQL: the PostgreSQL pass could not run"
fi
dotnet test Coopah.sln -c Release --no-build -nologo --filter "FullyQualifiedName~.Browser." \
  --logger "trx;LogFileName=browser.trx" --logger "console;verbosity=normal" --results-directory "$results"
browser_exit=$?
[ "$browser_exit" -ne 0 ] && test_exit=$browser_exit

passed=0
failed=0
trx_count=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  trx_count=$((trx_count + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(printf '%s' "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')
  f=$(printf '%s' "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
  e=$(printf '%s' "$counters" | sed -n 's/.* error="\([0-9]*\)".*/\1/p')
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0}))
done

# The tail of the log is what a CI summary shows: name each failed test with the start of its message.
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  awk 'BEGIN { RS = "<UnitTestResult " }
       { tag = $0; sub(/>.*/, "", tag) }
       tag ~ /outcome="Failed"/ {
         name = tag; sub(/.*testName="/, "", name); sub(/".*/, "", name)
         msg = ""; if (match($0, /<Message>[^<]*/)) msg = substr($0, RSTART + 9, RLENGTH - 9)
         gsub(/[\r\n]+/, " ", msg)
         printf "FAILED %s: %s\n", name, substr(msg, 1, 400)
       }' "$trx"
done

if [ "$trx_count" -eq 0 ] || [ "$passed" -eq 0 ]; then
  echo "no test results were found"
  failed=$((failed + 1))
fi
[ "$postgres_ready" -eq 1 ] || failed=$((failed + 1))
if [ "$test_exit" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
