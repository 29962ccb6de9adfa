#!/usr/bin/env bash
# Coach review desk with a year of data (issue 13, "Speed with a year of data"): server time and SQL commands
# of the athletes page, the review queue, one athlete page and one run page.
#
#   bench/review-desk.sh [-r RUNNERS] [-w WEEKS] [-n LOADS] [-d DATA_DIR] [-k]
#
#   -r  runners of the measured coach (default 30; a second coach gets RUNNERS/8 more)
#   -w  weeks of sessions and runs per runner (default 52: ~5 sessions a week, ~8,000 runs for 30 runners)
#   -n  timed loads per page after 5 warm-up loads (default 20)
#   -d  reuse a data folder seeded by an earlier run (kept with -k) instead of seeding a new one
#   -k  keep the throw-away work folder (app, database, logs)
#
# 1. Starts the app once (Release, loopback, throw-away data folder, demo accounts) so it creates the database,
#    stops it and seeds it through Coopah.Benchmarks' seed-review-desk entry point (the app's model and JSON
#    writers). 2. Restarts it without the Hangfire server, signs in as coach.anna through the Identity form and
#    times GETs of each page: a GET answers with the prerendered page, the whole server render (queries included).
#    3. Restarts it with EF's command log on and counts the SQL commands of one load of each page (the layout's
#    badge and the sign-in cookie's checks included): the count must not grow with the rows shown.
set -euo pipefail

RUNNERS=30 WEEKS=52 LOADS=20 REUSE="" KEEP=0
while getopts "r:w:n:d:kh" opt; do
  case $opt in
    r) RUNNERS=$OPTARG ;; w) WEEKS=$OPTARG ;; n) LOADS=$OPTARG ;; d) REUSE=$OPTARG ;; k) KEEP=1 ;;
    *) sed -n '2,19p' "$0"; exit 2 ;;
  esac
done
for v in "$RUNNERS" "$WEEKS" "$LOADS"; do [[ $v =~ ^[0-9]+$ && $v -gt 0 ]] || { echo "counts must be positive integers" >&2; exit 2; }; done
[ "$RUNNERS" -le 500 ] && [ "$WEEKS" -le 260 ] && [ "$LOADS" -le 1000 ] || { echo "bounded: r<=500, w<=260, n<=1000" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/coopah-review-desk.XXXXXX")
source "$(dirname "$0")/lib.sh"
cleanup() { local rc=$?; set +e; stop_app; if [ "$KEEP" = 1 ]; then echo "work folder kept: $WORK"; else rm -rf "$WORK"; fi; exit $rc; }
trap cleanup EXIT
trap 'exit 130' INT TERM

need dotnet; need python3; need curl
COACH_EMAIL="coach.anna@coopah.local"
COACH_PASSWORD="Coach!2026demo"
JAR="$WORK/cookies.txt"

build_app
if [ -n "$REUSE" ]; then
  cp -r "$REUSE" "$WORK/data"
else
  echo "== Building the seeder (Coopah.Benchmarks, Release)"
  dotnet build "$REPO_ROOT/Coopah.Benchmarks/Coopah.Benchmarks.csproj" -c Release -nologo -v quiet >"$WORK/seed-build.log" 2>&1 \
    || { cat "$WORK/seed-build.log"; echo "build failed" >&2; exit 2; }
  start_app "$WORK/app.log" Hangfire__ServerEnabled=false Coopah__SeedDemoData=true
  stop_app
  echo "== Seeding $RUNNERS runners x $WEEKS weeks"
  seed_start=$SECONDS
  dotnet "$REPO_ROOT/Coopah.Benchmarks/bin/Release/net10.0/Coopah.Benchmarks.dll" seed-review-desk "$(db_path)" "$RUNNERS" "$WEEKS"
  echo "seeded in $((SECONDS - seed_start)) s; database $(du -m "$(db_path)" | cut -f1) MB"
fi

RUNNER_ID=$(sql "SELECT Id FROM AspNetUsers WHERE Email = 'bench.runner00@coopah.local';")
# The run page of a planned run with comments: the most intervals, trace points and comments a run gets.
RUN_ID=$(sql "SELECT r.Id FROM Runs r WHERE r.RunnerId = '$RUNNER_ID' AND r.SessionId IS NOT NULL
              AND EXISTS (SELECT 1 FROM RunComments c WHERE c.RunId = r.Id) ORDER BY r.StartTimeUtc DESC LIMIT 1;")
echo "runs: $(sql "SELECT COUNT(*) FROM Runs;"), sessions: $(sql "SELECT COUNT(*) FROM RunnerSessions;"), comments: $(sql "SELECT COUNT(*) FROM RunComments;"), unreviewed runs of the coach: $(sql "SELECT COUNT(*) FROM Runs r JOIN AspNetUsers u ON u.Id = r.RunnerId JOIN AspNetUsers c ON c.Id = u.CoachId WHERE c.Email = '$COACH_EMAIL' AND r.ReviewedAtUtc IS NULL;")"
PAGES=("/coach/athletes" "/coach/review" "/coach/athletes/$RUNNER_ID" "/runs/$RUN_ID")

base() { echo "http://127.0.0.1:$APP_PORT"; }

# Cookie sign-in through the Identity page: its antiforgery token and the form's handler name come with the POST.
login() {
  rm -f "$JAR"
  local token
  token=$(curl -fsS -c "$JAR" -b "$JAR" "$(base)/Account/Login" | grep -o 'name="__RequestVerificationToken"[^>]*value="[^"]*"' | sed 's/.*value="//; s/"$//' | head -n 1)
  [ -n "$token" ] || { echo "no antiforgery token on the login page" >&2; exit 1; }
  curl -fsS -o /dev/null -c "$JAR" -b "$JAR" "$(base)/Account/Login" \
    --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "_handler=login" \
    --data-urlencode "Input.Email=$COACH_EMAIL" --data-urlencode "Input.Password=$COACH_PASSWORD"
  grep -q "AspNetCore.Identity.Application" "$JAR" || { echo "sign-in failed (no auth cookie)" >&2; exit 1; }
}

# get <path>: one GET with the coach's cookie; prints "<status> <seconds>".
get() { curl -s -o "$WORK/page.html" -b "$JAR" -w '%{http_code} %{time_total}\n' "$(base)$1"; }

check_page() {
  local status
  status=$(get "$1" | cut -d' ' -f1)
  [ "$status" = 200 ] || { echo "GET $1 answered $status" >&2; exit 1; }
  grep -q "Bench Runner" "$WORK/page.html" || { echo "GET $1 shows no benchmark runner (not signed in as the coach?)" >&2; exit 1; }
}

echo "== Timing ($LOADS loads per page after 5 warm-up loads; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
start_app "$WORK/app.log" Hangfire__ServerEnabled=false
login
: >"$WORK/times.txt"
: >"$WORK/cpu.txt"
app_cpu_ticks() { awk '{print $14 + $15}' "/proc/$APP_PID/stat"; }
for page in "${PAGES[@]}"; do
  check_page "$page"
  for _ in 1 2 3 4 5; do get "$page" >/dev/null; done
  cpu_start=$(app_cpu_ticks)
  for _ in $(seq "$LOADS"); do echo "$page $(get "$page")" >>"$WORK/times.txt"; done
  # The app's own CPU per load (utime+stime): less swayed than wall time by other work on shared cores.
  echo "$page $(( ($(app_cpu_ticks) - cpu_start) * 1000 / $(getconf CLK_TCK) / LOADS ))" >>"$WORK/cpu.txt"
done
stop_app

echo "== Counting SQL commands per page load"
start_app "$WORK/sql.log" Hangfire__ServerEnabled=false "Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=Information"
login
: >"$WORK/commands.txt"
# executed <from byte>: commands logged since that offset of the log, but not the checkpoint service's PRAGMAs
# (a timer in the background, not part of any page).
executed() {
  tail -c +"$(( $1 + 1 ))" "$WORK/sql.log" | grep -A 2 'Microsoft.EntityFrameworkCore.Database.Command\[20101\]' \
    | grep -v -e 'Database.Command\[20101\]' -e 'Executed DbCommand' -e '^--$' | grep -vc 'PRAGMA' || true
}
for page in "${PAGES[@]}"; do
  get "$page" >/dev/null  # first load: JIT and EF's query compilation
  sleep 1
  before=$(stat -c %s "$WORK/sql.log")
  get "$page" >/dev/null
  sleep 1  # the console logger writes from its own thread
  echo "$page $(executed "$before")" >>"$WORK/commands.txt"
done

python3 - "$WORK/times.txt" "$WORK/commands.txt" "$WORK/cpu.txt" "$RUNNER_ID" "$RUN_ID" <<'PY'
import statistics, sys
times, commands, cpu_file, runner, run = sys.argv[1:]
by_page = {}
for line in open(times):
    page, status, seconds = line.split()
    if status != "200":
        sys.exit(f"{page} answered {status}")
    by_page.setdefault(page, []).append(float(seconds) * 1000)
sql = dict(line.split() for line in open(commands))
cpu = dict(line.split() for line in open(cpu_file))
names = lambda p: p.replace(runner, "{runnerId}").replace("/runs/" + run, "/runs/{id}")
print(f"{'page':28} {'median ms':>10} {'p95 ms':>8} {'app CPU ms/load':>16} {'SQL':>4}")
for page, ms in by_page.items():
    ms.sort()
    p95 = ms[min(len(ms) - 1, round(0.95 * len(ms) + 0.5) - 1)]
    print(f"{names(page):28} {statistics.median(ms):10.1f} {p95:8.1f} {cpu[page]:>16} {sql[page]:>4}")
PY
