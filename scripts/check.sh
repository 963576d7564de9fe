#!/usr/bin/env bash
# Package checks on the built package: publint (package.json and files),
# are-the-types-wrong (types resolve for ESM, CJS and bundlers, on the packed
# tarball) and the bundle-size budget. Run after `npm run build`.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d dist ] || { echo "dist/ is missing: run npm run build first" >&2; exit 1; }
npx publint --strict
tarball=$(npm pack --ignore-scripts --silent --pack-destination "${TMPDIR:-/tmp}" | tail -n 1)
trap 'rm -f "${TMPDIR:-/tmp}/$tarball"' EXIT
npx attw "${TMPDIR:-/tmp}/$tarball" --profile node16
npx size-limit
