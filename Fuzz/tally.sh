#!/usr/bin/env bash
# Adds up the executions of every run kept under OUT (default $FUZZ_OUT or Fuzz/out/long):
# OUT/TARGET.log and OUT/logs/TARGET.*.log (Fuzz/run.sh moves the previous log there).
# A finished run counts libFuzzer's final stat::number_of_executed_units; a run still going
# (or killed) counts its last "#N" status line. Usage: Fuzz/tally.sh [OUT]
set -uo pipefail
cd "$(dirname "$0")/.."
out="${1:-${FUZZ_OUT:-Fuzz/out/long}}"
printf '%-18s %5s %12s\n' target runs executions
for target in civil-date procedure-code settings holiday-overrides register-csv \
              catalogue-csv decision-csv csv-tokenizer decision-xml catalogue-xml decision-html decision-pdf; do
    total=0 runs=0
    for log in "$out/$target.log" "$out/logs/$target".*.log; do
        [ -f "$log" ] || continue
        n=$(grep -oE "stat::number_of_executed_units: *[0-9]+" "$log" | grep -oE "[0-9]+$" | tail -1)
        [ -n "$n" ] || n=$(grep -oE "^#[0-9]+" "$log" | tail -1 | tr -d '#')
        total=$((total + ${n:-0}))
        runs=$((runs + 1))
    done
    printf '%-18s %5d %12d\n' "$target" "$runs" "$total"
done
