#!/usr/bin/env bash
# Builds tthc-bench in release mode and runs it. Arguments select cases (default: all);
# `scripts/bench.sh --list` lists them. Each case runs in a process of its own, so the
# peak memory a case reports is its own.
#
# `scripts/bench.sh memory` (also run after the other cases when no case is named) builds
# the release tthc and prints the peak resident memory of `tthc validate` on catalogues of
# tiny CSV rows, as /usr/bin/time -v reports it (docs/hardening.md, "Memory"). The files
# are generated in a temporary directory and removed; about 700 MB of disk for a moment.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product tthc-bench
bench="$(swift build -c release --show-bin-path)/tthc-bench"

memory() {
    swift build -c release --product tthc
    local tthc dir
    tthc="$(swift build -c release --show-bin-path)/tthc"
    dir="$(mktemp -d)"
    trap 'rm -rf "$dir"' RETURN
    # catalogue DIR KIND ROWS [NAME [ENCODING]]: a catalogue whose decision listing
    # (KIND=decision) or local catalogue (KIND=local) has ROWS rows of a code and a name
    # (NAME, default "a"), in UTF-8 or ENCODING (utf-16).
    catalogue() {
        python3 - "$@" <<'PY'
import os, sys
d, kind, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
name = sys.argv[4] if len(sys.argv) > 4 else "a"
encoding = sys.argv[5] if len(sys.argv) > 5 else "utf-8"
os.makedirs(d + "/decisions"); os.makedirs(d + "/local")
open(d + "/settings.yaml", "w").write("province: Tỉnh X\nagency: Sở Y\n")
open(d + "/register.csv", "w").write("Số quyết định,Cơ quan ban hành,Ngày ban hành,Ngày hiệu lực,Tệp danh mục\n1/QĐ-BX,Bộ X,01/01/2026,01/02/2026,decisions/d.csv\n")
with open(d + "/decisions/d.csv", "w", encoding=encoding) as f:
    f.write("STT;Mã TTHC;Tên TTHC\n1. Danh mục thủ tục hành chính mới ban hành;;\n")
    f.writelines(f"{i};1.{i % 1000000:06d};{name}\n" for i in range(n if kind == "decision" else 1))
with open(d + "/local/l.csv", "w") as f:
    f.write("STT,Mã TTHC,Tên TTHC\n")
    f.writelines(f"{i},1.{i % 1000000:06d},{name}\n" for i in range(n if kind == "local" else 1))
PY
    }
    measure() {
        local label="$1" catalogue="$2" size rss seconds
        size=$(du -cb "$catalogue"/decisions/d.csv "$catalogue"/local/l.csv | tail -1 | cut -f1)
        /usr/bin/time -v "$tthc" validate --catalogs "$catalogue" --lang en >/dev/null 2>"$dir/time.txt" || true
        rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$dir/time.txt")
        seconds=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$dir/time.txt")
        awk -v label="$label" -v size="$size" -v rss="$rss" -v wall="$seconds" -v outcome="$(grep -m1 -o 'error: .*' "$dir/time.txt" | cut -c1-48 || true)" \
            'BEGIN { printf "  %-44s %6.1f MB of CSV  peak RSS %6.1f MB  wall %s  %s\n", label, size / 1e6, rss / 1024, wall, outcome == "" ? "read" : outcome }'
    }
    echo "[memory] tthc validate, peak resident memory (/usr/bin/time -v)"
    catalogue "$dir/empty" decision 1 && measure "empty catalogue (the process alone)" "$dir/empty" && rm -rf "$dir/empty"
    for kind in decision local; do
        catalogue "$dir/c" "$kind" 99990 && measure "$kind: 99,990 tiny rows" "$dir/c" && rm -rf "$dir/c"
        catalogue "$dir/c" "$kind" 1000000 && measure "$kind: 1,000,000 tiny rows" "$dir/c" && rm -rf "$dir/c"
        catalogue "$dir/c" "$kind" 10000000 && measure "$kind: 10,000,000 tiny rows" "$dir/c" && rm -rf "$dir/c"
    done
    catalogue "$dir/c" decision 99990 "$(printf 'Thủ tục %.0s' {1..210})" && measure "decision: 99,990 rows of 2.5 KB names" "$dir/c" && rm -rf "$dir/c"
    catalogue "$dir/c" decision 99990 "$(printf 'Thủ tục %.0s' {1..160})" utf-16 && measure "decision: 99,990 rows of 2.6 KB, UTF-16" "$dir/c" && rm -rf "$dir/c"
}

if [ "$#" -gt 0 ]; then
    if [ "$1" = memory ]; then
        memory
        exit 0
    fi
    exec "$bench" "$@"
fi
for case in $("$bench" --list); do
    "$bench" "$case"
done
memory
