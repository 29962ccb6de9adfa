#!/usr/bin/env bash
# Installs the FIT test oracle (Node scripts around Garmin's @garmin/fitsdk) for the C# FIT tests:
# copies ../shared/fit-oracle (relative to the repo root) to <repo>/.tools/fit-oracle and runs `npm ci` there.
# Idempotent: skips npm when node_modules matches the lock file. Installs nothing else.
# Tests find the result through $COOPAH_FIT_ORACLE or, by default, <repo>/.tools/fit-oracle.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
src="${COOPAH_FIT_ORACLE_SOURCE:-$repo/../shared/fit-oracle}"
dest="$repo/.tools/fit-oracle"

if [[ ! -f "$src/package.json" ]]; then
  echo "setup-fit-oracle: oracle source not found at $src" >&2
  exit 1
fi
command -v node >/dev/null || { echo "setup-fit-oracle: node is not installed" >&2; exit 1; }
command -v npm >/dev/null || { echo "setup-fit-oracle: npm is not installed" >&2; exit 1; }

mkdir -p "$dest"
# Refresh the scripts (cheap) but never copy a node_modules folder from the source.
for f in "$src"/*; do
  name="$(basename "$f")"
  [[ "$name" == node_modules ]] && continue
  cp -R "$f" "$dest/"
done

stamp="$dest/node_modules/.coopah-lock.sha256"
want="$(sha256sum "$dest/package-lock.json" | cut -d' ' -f1)"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" && -d "$dest/node_modules/@garmin/fitsdk" ]]; then
  echo "setup-fit-oracle: up to date ($dest)"
  exit 0
fi

(cd "$dest" && npm ci --no-audit --no-fund --loglevel=error)
echo "$want" > "$stamp"
echo "setup-fit-oracle: installed in $dest"
