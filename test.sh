#!/usr/bin/env bash
# Installs what the tests need (Debian's Chromium, the FIT oracle's npm packages), builds with warnings as
# errors, runs every test project with a TRX logger and ends with "N passed, N failed" from the TRX counters.
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ! -x /usr/bin/chromium ]; then
  echo "== Installing Debian's chromium for the browser tests"
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
    || { echo "could not install chromium"; echo "0 passed, 1 failed"; exit 1; }
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
dotnet test Coopah.sln -c Release --no-build -nologo --filter "FullyQualifiedName!~.Browser." \
  --logger "trx;LogFileName=main.trx" --logger "console;verbosity=normal" --results-directory "$results"
test_exit=$?
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
if [ "$test_exit" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
