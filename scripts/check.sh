#!/usr/bin/env bash
# npm run check: the dependency rules, ESLint and Prettier, each run to the end, whatever the others say;
# fails when any of them fails. (npm run fix formats everything and applies ESLint's fixes.)
set -uo pipefail
cd "$(dirname "$0")/.."

failed=()
for step in lint:deps lint format:check; do
  start=$SECONDS
  if npm run --silent "$step"; then
    echo "check: $step passed ($((SECONDS - start))s)" >&2
  else
    echo "check: $step FAILED ($((SECONDS - start))s)" >&2
    failed+=("$step")
  fi
done
[ ${#failed[@]} -eq 0 ] || { echo "check: failed: ${failed[*]}" >&2; exit 1; }
