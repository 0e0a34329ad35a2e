#!/usr/bin/env bash
# Builds and runs the libFuzzer harness (make fuzz). FUZZ_SECONDS bounds the run (default 60).
# A SwiftPM target built with -sanitize=fuzzer does not link (SwiftPM renames its main), so the harness is compiled
# with swiftc directly against copies of the Ingest and SalesCore sources (one module: their imports of SalesCore go).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TOTAL="${FUZZ_SECONDS:-60}"
build=.build/fuzz
rm -rf "$build/src"
mkdir -p "$build/src" "$build/corpus" fuzz/regressions
find Sources/SalesCore Sources/Ingest -name '*.swift' | sort | while read -r f; do
  out="$build/src/$(echo "${f#Sources/}" | tr '/' '_')"
  grep -v '^import SalesCore$' "$f" > "$out"
done
swiftc -O -sanitize=fuzzer,address -parse-as-library -suppress-warnings -module-name SalesCloseFuzz \
  fuzz/Harness.swift "$build"/src/*.swift -o "$build/fuzz-ingest"
# Seeds: the end-to-end fixtures' shapes and any earlier findings.
cp -n fuzz/seeds/* "$build/corpus/" 2>/dev/null || true
cp -n fuzz/regressions/* "$build/corpus/" 2>/dev/null || true
echo "fuzzing for ${SECONDS_TOTAL}s; findings go to fuzz/regressions/"
"$build/fuzz-ingest" -max_total_time="$SECONDS_TOTAL" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
  -artifact_prefix=fuzz/regressions/ "$build/corpus"
