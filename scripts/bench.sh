#!/usr/bin/env bash
# Builds tthc-bench in release mode and runs it. Arguments select cases (default: all);
# `scripts/bench.sh --list` lists them.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product tthc-bench
"$(swift build -c release --show-bin-path)/tthc-bench" "$@"
