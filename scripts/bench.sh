#!/usr/bin/env bash
# Builds tthc-bench in release mode and runs it. Arguments select cases (default: all);
# `scripts/bench.sh --list` lists them. Each case runs in a process of its own, so the
# peak memory a case reports is its own.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product tthc-bench
bench="$(swift build -c release --show-bin-path)/tthc-bench"
if [ "$#" -gt 0 ]; then
    exec "$bench" "$@"
fi
for case in $("$bench" --list); do
    "$bench" "$case"
done
