#!/usr/bin/env bash
# Interval reconstruction accuracy (issue 12): generates the corpus in bench/intervals-corpus.txt with the oracle's
# gen-run.mjs into a temp folder, reconstructs every case with `coopah intervals` (Release) and scores it against the
# generator's truth with score.mjs. Methods, per case:
#   ours    coopah intervals --details --workout            (details JSON alone: the goals apply here)
#   naive   naive-intervals.mjs (first sample at/after each whole-second lap start)
#   interp  coopah intervals --method linear-laps          (plain linear interpolation at the lap starts, no plan)
#   fit     coopah intervals --details --fit --workout      (the FIT file: exact where every step has a lap)
# Prints a markdown table (|error| per executed step incl. the stretch after the workout: median / max) and checks the
# goals: ours median distance <= 0.5 m, median time <= 0.1 s, max distance <= 3 m per case; over the corpus the median
# distance error >= 5x below naive's.
#
# A random sweep beyond the corpus: bench/intervals-sweep.py > /tmp/sweep.txt && CORPUS=/tmp/sweep.txt bench/intervals.sh
# usage: bench/intervals.sh [-k] [-i linear|cubic|speed] [CASE-NAME-SUBSTRING]
#   -k  keep the generated corpus (path printed at the end)
#   -i  the distance interpolant for "ours" and "fit" (default speed: monotone cubic + hold-then-ramp across gaps)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
keep=0
interp=speed
filter=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    -k) keep=1; shift ;;
    -i) interp="$2"; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) filter="$1"; shift ;;
  esac
done

"$repo/scripts/setup-fit-oracle.sh" >/dev/null
oracle="${COOPAH_FIT_ORACLE:-$repo/.tools/fit-oracle}"
dotnet build "$repo/Coopah.Cli" -c Release -nologo -v quiet >/dev/null
coopah="$repo/Coopah.Cli/bin/Release/net10.0/coopah"
work="$(mktemp -d)"
if [[ $keep == 0 ]]; then trap 'rm -rf "$work"' EXIT; fi

score() { node "$oracle/score.mjs" "$1" "$2" > "$3" || true; }

names=()
while IFS=$'\t' read -r name opts; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  [[ -n "$filter" && "$name" != *"$filter"* ]] && continue
  out="$work/$name"
  # shellcheck disable=SC2086
  set -- $opts
  args=()
  for a in "$@"; do
    if [[ "$a" == @* ]]; then args+=(--workout-file "$repo/bench/workouts/${a#@}"); else args+=("$a"); fi
  done
  node "$oracle/gen-run.mjs" "$out" "${args[@]}" --quiet
  "$coopah" intervals --details "$out/activityDetails.json" --workout "$out/workout.json" --interpolant "$interp" > "$out/ours.json"
  "$coopah" intervals --details "$out/activityDetails.json" --method linear-laps > "$out/interp.json"
  "$coopah" intervals --details "$out/activityDetails.json" --fit "$out/activity.fit" --workout "$out/workout.json" --interpolant "$interp" > "$out/fit.json"
  node "$oracle/naive-intervals.mjs" "$out/activityDetails.json" > "$out/naive.json"
  for m in ours interp fit naive; do score "$out/$m.json" "$out/truth.json" "$out/score-$m.json"; done
  names+=("$name")
done < "${CORPUS:-$repo/bench/intervals-corpus.txt}"

status=0
node --input-type=module - "$work" "${names[@]}" <<'JS' || status=$?
import fs from "node:fs";
const [work, ...names] = process.argv.slice(2);
const f = (x, n = 2) => (x == null ? "-" : x.toFixed(n));
const cell = (s, key, n) => { const v = s.summary[key]; return v ? `${f(v.median, n)} / ${f(v.max, n)}` : "-"; };
console.log("| case | steps | ours dist m | ours time s | naive dist m | naive time s | interp dist m | interp time s | FIT dist m | FIT time s |");
console.log("|---|---|---|---|---|---|---|---|---|---|");
const fails = [];
const all = { ours: [], naive: [], interp: [], fit: [], oursT: [] };
for (const name of names) {
  const s = Object.fromEntries(["ours", "naive", "interp", "fit"].map((m) => [m, JSON.parse(fs.readFileSync(`${work}/${name}/score-${m}.json`, "utf8"))]));
  const o = s.ours.summary, unmatched = s.ours.unmatchedTruth.length;
  console.log(`| ${name} | ${s.ours.matched}/${s.ours.truthItems} | ${cell(s.ours, "distanceAbsErrorM", 3)} | ${cell(s.ours, "timeAbsErrorS", 3)} | ` +
    `${cell(s.naive, "distanceAbsErrorM", 2)} | ${cell(s.naive, "timeAbsErrorS", 2)} | ${cell(s.interp, "distanceAbsErrorM", 2)} | ` +
    `${cell(s.interp, "timeAbsErrorS", 2)} | ${cell(s.fit, "distanceAbsErrorM", 3)} | ${cell(s.fit, "timeAbsErrorS", 3)} |`);
  for (const st of s.ours.steps) { all.ours.push(Math.abs(st.distanceError)); all.oursT.push(Math.abs(st.timeError)); }
  for (const m of ["naive", "interp", "fit"]) for (const st of s[m].steps) all[m].push(Math.abs(st.distanceError));
  if (unmatched) fails.push(`${name}: ${unmatched} step(s) not reconstructed`);
  if (o.distanceAbsErrorM.max > 3) fails.push(`${name}: max distance error ${o.distanceAbsErrorM.max} m > 3 m`);
  if (o.distanceAbsErrorM.median > 0.5) fails.push(`${name}: median distance error ${o.distanceAbsErrorM.median} m > 0.5 m`);
  if (o.timeAbsErrorS.median > 0.1) fails.push(`${name}: median time error ${o.timeAbsErrorS.median} s > 0.1 s`);
}
const med = (v) => { const a = [...v].sort((x, y) => x - y); return a.length ? a[a.length >> 1] : null; };
console.log(`| **all ${all.ours.length} steps** | | ${f(med(all.ours), 3)} / ${f(Math.max(...all.ours), 3)} | ${f(med(all.oursT), 3)} / ${f(Math.max(...all.oursT), 3)} | ` +
  `${f(med(all.naive))} / ${f(Math.max(...all.naive))} | | ${f(med(all.interp))} / ${f(Math.max(...all.interp))} | | ${f(med(all.fit), 3)} / ${f(Math.max(...all.fit), 3)} | |`);
if (med(all.ours) * 5 > med(all.naive)) fails.push(`corpus: median ${med(all.ours)} m not 5x below naive ${med(all.naive)} m`);
console.log("");
console.log(fails.length ? "GOALS MISSED:\n" + fails.map((x) => "- " + x).join("\n") : "All goals met (details JSON alone): per case median <= 0.5 m and <= 0.1 s, max <= 3 m; corpus median >= 5x below naive.");
process.exitCode = fails.length ? 1 : 0;
JS
[[ $keep == 1 ]] && echo "corpus kept in $work"
exit $status
