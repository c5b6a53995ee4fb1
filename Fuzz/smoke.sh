#!/usr/bin/env bash
# Builds the fuzz targets and runs each briefly (FUZZ_SMOKE_SECONDS, default 20). Fails if
# any target crashes, leaks, times out or runs out of memory. Used by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SMOKE_SECONDS:-20}"
Fuzz/build.sh "${FUZZ_CONFIG:-debug}"
failed=()
for target in civil-date procedure-code settings holiday-overrides register-csv \
              catalogue-csv decision-csv csv-tokenizer decision-xml catalogue-xml decision-html decision-pdf \
              decision-xlsx decision-docx catalogue-xlsx; do
    Fuzz/run.sh "$target" "$seconds" || failed+=("$target")
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz smoke: failures in ${failed[*]} (see Fuzz/out/<target>.log and Fuzz/out/artifacts)" >&2
    exit 1
fi
echo "fuzz smoke: all targets clean"
