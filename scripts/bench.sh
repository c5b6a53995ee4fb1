#!/usr/bin/env bash
# Builds tthc-bench in release mode and runs it. Arguments select cases (default: all);
# `scripts/bench.sh --list` lists them. Each case runs in a process of its own, so the
# peak memory a case reports is its own.
set -euo pipefail
cd "$(dirname "$0")/.."
# The large documents (a 50 MB workbook, a 200-page PDF), generated once into bench-data/.
python3 -c "import xlsxwriter" 2>/dev/null || python3 -m pip install --quiet xlsxwriter
python3 scripts/bench-data.py
swift build -c release --product tthc-bench
bench="$(swift build -c release --show-bin-path)/tthc-bench"
if [ "$#" -gt 0 ]; then
    exec "$bench" "$@"
fi
for case in $("$bench" --list); do
    "$bench" "$case"
done
# The command as a clerk runs it, measured from outside (elapsed time, peak memory).
swift build -c release --product tthc
tthc="$(swift build -c release --show-bin-path)/tthc"
for doc in bench-data/decision-200p.pdf bench-data/annex-50mb.xlsx; do
    /usr/bin/time -f "tthc inspect $doc: %e s elapsed, %U s user, peak memory %M KB, exit %x" \
        "$tthc" inspect "$doc" --format tsv > /dev/null 2> bench-data/inspect.log || true
    tail -n 1 bench-data/inspect.log
done
