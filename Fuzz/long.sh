#!/usr/bin/env bash
# The long run recorded in docs/hardening.md: every target in sequence, one process at a
# time, fastest first, on the release build. Usage: Fuzz/long.sh SECONDS-PER-TARGET [targets…]
set -uo pipefail
cd "$(dirname "$0")/.."
seconds="${1:?usage: Fuzz/long.sh SECONDS [targets…]}"
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(civil-date procedure-code settings holiday-overrides register-csv
                                     catalogue-csv decision-csv decision-xml catalogue-xml)
export FUZZ_CONFIG=release FUZZ_OUT="${FUZZ_OUT:-Fuzz/out/long}"
for target in "${targets[@]}"; do
    Fuzz/run.sh "$target" "$seconds"
done
