#!/usr/bin/env bash
# FIT decode benchmark: our C# decoder vs Garmin's JavaScript SDK (@garmin/fitsdk, default and raw mode)
# on the same files in one run. Prints MB/s (MB = 10^6 bytes), records/s and the ratios.
#
# usage: bench/fit-decode.sh [--records N] [--runs N] [--bdn] [FILE.fit ...]
#   default file: a synthetic N-record activity (N = 100000) made by the oracle's encode-activity.mjs
#   --bdn       : also run the BenchmarkDotNet suite (Coopah.Benchmarks) on the same files
# Needs node + npm (the oracle is installed by scripts/setup-fit-oracle.sh) and the .NET SDK.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
records=100000
runs=15
bdn=0
files=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --records) records="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --bdn) bdn=1; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) files+=("$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"); shift ;;
  esac
done

"$repo/scripts/setup-fit-oracle.sh" >/dev/null
oracle="${COOPAH_FIT_ORACLE:-$repo/.tools/fit-oracle}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [[ ${#files[@]} -eq 0 ]]; then
  (cd "$oracle" && node encode-activity.mjs "$work/activity-${records}.fit" --seconds "$records" >/dev/null 2>&1)
  files=("$work/activity-${records}.fit")
fi

dotnet build -c Release "$repo/Coopah.Cli/Coopah.Cli.csproj" -v q -nologo >/dev/null
coopah=(dotnet "$repo/Coopah.Cli/bin/Release/net10.0/coopah.dll")

results="$work/results.jsonl"
for f in "${files[@]}"; do
  # Each decoder in its own process (JIT/GC state of one decoder skews the next).
  ours="$("${coopah[@]}" fit bench "$f" --runs "$runs")"
  echo "{\"file\":\"$f\",\"decoder\":\"coopah (C#)\",\"result\":$ours}" >> "$results"
  for mode in "garmin-fitsdk(default)" "garmin-fitsdk(raw)"; do
    js="$(cd "$oracle" && node bench.mjs "$f" --runs "$runs" --warmup 3 --decoder "$mode" --json | tr -d "\n")"
    echo "{\"file\":\"$f\",\"decoder\":\"$mode\",\"js\":$js}" >> "$results"
  done
done

node - "$results" <<'JS'
const fs = require("node:fs");
const rows = fs.readFileSync(process.argv[2], "utf8").trim().split("\n").map((l) => JSON.parse(l));
const byFile = new Map();
for (const r of rows) {
  const bytes = fs.statSync(r.file).size;
  const v = r.result ? { mb: r.result.mbPerSec, rec: r.result.recordsPerSec }
    : { mb: r.js.results[0].MBps, rec: r.js.results[0].recordsPerSec, records: r.js.results[0].records, err: r.js.results[0].error };
  if (!byFile.has(r.file)) byFile.set(r.file, { bytes, rows: [] });
  byFile.get(r.file).rows.push({ decoder: r.decoder, ...v });
}
console.log(`node ${process.version}, ${require("node:os").cpus().length} cores (${require("node:os").cpus()[0].model})`);
console.log("| file | size | records | decoder | MB/s | records/s | ours vs this |");
console.log("|---|---:|---:|---|---:|---:|---:|");
for (const [file, { bytes, rows }] of byFile) {
  const ours = rows.find((x) => x.decoder.startsWith("coopah"));
  const records = rows.find((x) => x.records != null)?.records ?? "";
  for (const x of rows) {
    const ratio = x === ours ? "1.0x" : x.err ? "n/a" : `${(ours.mb / x.mb).toFixed(1)}x`;
    console.log(`| ${file.split("/").pop()} | ${(bytes / 1e6).toFixed(2)} MB | ${records} | ${x.decoder} | ` +
      `${x.err ? "ERROR" : x.mb.toFixed(1)} | ${x.err ? "" : Math.round(x.rec).toLocaleString("en-US")} | ${ratio} |`);
  }
}
JS

if [[ $bdn -eq 1 ]]; then
  dotnet build -c Release "$repo/Coopah.Benchmarks/Coopah.Benchmarks.csproj" -v q -nologo >/dev/null
  (cd "$work" && COOPAH_FIT_BENCH_FILES="$(IFS=:; echo "${files[*]}")" \
    dotnet "$repo/Coopah.Benchmarks/bin/Release/net10.0/Coopah.Benchmarks.dll" --filter '*' --join)
fi
