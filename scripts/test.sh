#!/usr/bin/env bash
# The README's test command: installs what the tests need beyond npm, then runs every test.
# (The Kafka broker is fetched from Maven Central and started by the Kafka tests themselves.)
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-chromium.sh
npm run --silent build:admin
npx tsc -p tsconfig.test.json --noEmit
npx jest --ci "$@"
