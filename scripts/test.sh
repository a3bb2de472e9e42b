#!/usr/bin/env bash
# The README's test command: installs what the tests need beyond npm, checks the code, then runs every test.
# (The Kafka broker is fetched from Maven Central and started by the Kafka tests themselves.)
#
#   npm test                      checks (dependency rules, ESLint, Prettier), type-check, every jest suite
#   npm test -- test/x.spec.ts    the same, with jest limited to what you name; the checks are skipped
#   ANNALS_SKIP_LINT=1 npm test   every jest suite without the checks
#   ANNALS_SKIP_BROWSER=1         do not install Chromium or build the admin UI (the second Node run of .ci/run)
#
# A failed check does not stop the run: jest runs anyway, and the command fails at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "test: node $(node --version)" >&2
if [ "${ANNALS_SKIP_BROWSER:-}" != 1 ]; then
  bash scripts/ensure-chromium.sh
  npm run --silent build:admin
fi

checks=0
if [ "${ANNALS_SKIP_LINT:-}" = 1 ] || [ $# -gt 0 ]; then
  echo "test: checks skipped (run them with: npm run check)" >&2
else
  start=$SECONDS
  bash scripts/check.sh || checks=$?
  echo "test: checks took $((SECONDS - start))s" >&2
fi

npx tsc -p tsconfig.test.json --noEmit
status=0
npx jest --ci "$@" || status=$?

if [ "$checks" -ne 0 ]; then
  echo "test: the checks failed (npm run check; npm run fix formats and applies ESLint's fixes)" >&2
  [ "$status" -ne 0 ] || status=$checks
fi
exit "$status"
