#!/usr/bin/env bash
# The long run recorded in docs/hardening.md, on the release build, resuming from the corpus
# kept in $FUZZ_OUT (default Fuzz/out/long).
# Usage: Fuzz/long.sh SECONDS [TARGET[=EXECUTIONS]…]
#   SECONDS      the most any one target runs
#   =EXECUTIONS  stop that target after this many executions instead (libFuzzer's -runs)
#   no targets   all nine, fastest first
# $FUZZ_JOBS targets run side by side (default 1: one process at a time); $FUZZ_MAX_LEN
# replaces each target's longest input (Fuzz/run.sh). Fuzz/tally.sh adds up the runs.
set -uo pipefail
cd "$(dirname "$0")/.."
seconds="${1:?usage: Fuzz/long.sh SECONDS [TARGET[=EXECUTIONS]…]}"
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(civil-date procedure-code settings holiday-overrides register-csv
                                     catalogue-csv decision-csv csv-tokenizer decision-xml catalogue-xml decision-html decision-pdf)
export FUZZ_CONFIG=release FUZZ_OUT="${FUZZ_OUT:-Fuzz/out/long}" seconds
# One line per target: "TARGET [-runs=N]"; xargs hands each line to run.sh.
for spec in "${targets[@]}"; do
    case "$spec" in
        *=*) echo "${spec%%=*} -runs=${spec#*=}" ;;
        *) echo "$spec" ;;
    esac
done | xargs -P "${FUZZ_JOBS:-1}" -L 1 sh -c 'Fuzz/run.sh "$0" "$seconds" "$@"'
