#!/usr/bin/env bash
# Builds tthc-bench in release mode and runs it. Arguments select cases (default: all);
# `scripts/bench.sh --list` lists them. Each case runs in a process of its own, so the
# peak memory a case reports is its own.
#
# Two cases run the tthc command itself (release build) as a whole process, measured with
# /usr/bin/time (wall time, peak resident memory):
#
#   scripts/bench.sh national [SCALES…]   `tthc reconcile --format json` at national scale
#       (scripts/national-data.py writes the input into bench-data/; default scales 1 and 10)
#       beside its Python peer (scripts/national-peer.py: pandas, python-holidays, numpy,
#       installed with pip when missing), runs alternating; prints each figure, the speed-up
#       over the peer, the cost per record at each scale against 1×, and peak memory.
#   scripts/bench.sh formats [SCALE]      `tthc reconcile` in every report format at one scale
#       (default 10): wall time and peak memory of one run each, against the 1 GiB goal.
#   scripts/bench.sh startup              `tthc calendar add` and `tthc reconcile` on the
#       bundled catalogs/, the best of several runs.
#
# Environment: RUNS (alternating runs per tool and scale, default 3; the best is kept);
# TTHC, a tthc binary to measure instead of building one (to compare two builds).
#
# `scripts/bench.sh memory` (also run after the other cases when no case is named) builds
# the release tthc and prints the peak resident memory of `tthc validate` on catalogues of
# tiny CSV rows, as /usr/bin/time -v reports it (docs/hardening.md, "Memory"). The files
# are generated in a temporary directory and removed; about 700 MB of disk for a moment.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-3}"

# Wall seconds, peak RSS (KiB) and CPU seconds (user + system) of one run of "$@", output
# discarded: "SECONDS KIB CPU".
measure() {
    local out
    out="$(mktemp)"
    if ! /usr/bin/time -f "%e %M %U %S" -o "$out" "$@" >/dev/null 2>"$out.err"; then
        echo "failed: $* (exit code, stderr below)" >&2
        cat "$out.err" >&2
        rm -f "$out" "$out.err"
        return 1
    fi
    tail -n 1 "$out" | awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }'
    rm -f "$out" "$out.err"
}

# The best (smallest wall time) of $runs runs of "$@"; on a shared machine the best run
# is the one the neighbours disturbed least. Prints "SECONDS KIB CPU".
best_of() {
    local best="" line
    for _ in $(seq "$runs"); do
        line="$(measure "$@")"
        if [ -z "$best" ] || awk -v a="${line%% *}" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then best="$line"; fi
    done
    echo "$best"
}

tthc_release() {
    if [ ! -x /usr/bin/time ]; then
        echo "bench.sh: /usr/bin/time is missing (apt-get install -y time)" >&2
        exit 1
    fi
    if [ -n "${TTHC:-}" ]; then
        tthc="$TTHC"
        return
    fi
    swift build -c release --product tthc >&2
    tthc="$(swift build -c release --show-bin-path)/tthc"
}

python_peer() {
    if ! python3 -c "import pandas, holidays, numpy" 2>/dev/null; then
        echo "installing the Python peer's packages (pandas, holidays, numpy) with pip" >&2
        python3 -m pip install --quiet pandas holidays numpy >&2
    fi
}

# Writes bench-data/national-<scale>x unless it was written by this very generator.
national_data() {
    local dir="bench-data/national-$1x" stamp
    stamp="$(sha256sum scripts/national-data.py | cut -c1-64)"
    if [ "$(cat "$dir/.generator" 2>/dev/null || true)" != "$stamp" ]; then
        python3 scripts/national-data.py --scale "$1" --out "$dir" >&2
        echo "$stamp" > "$dir/.generator"
    fi
    echo "$dir"
}

national() {
    local scales=("$@")
    [ "${#scales[@]}" -gt 0 ] || scales=(1 10)
    tthc_release
    python_peer
    national_out="$(mktemp -d)"
    trap 'rm -rf "$national_out"' EXIT
    local out="$national_out"
    local base_cost="" scale dir records t p
    echo "[national] tthc reconcile --format json vs the pandas peer, best of $runs alternating runs"
    for scale in "${scales[@]}"; do
        dir="$(national_data "$scale")"
        records=$(( $(cat "$dir"/local/*.csv | wc -l) - $(ls "$dir"/local/*.csv | wc -l) + $(grep -c '<procedure ' "$dir"/decisions/*.xml | awk -F: '{ s += $2 } END { print s }') ))
        local tb="" pb="" line
        for _ in $(seq "$runs"); do
            line="$(measure "$tthc" reconcile --catalogs "$dir" --as-of 2026-11-20 --format json --output "$out/tthc.json")"
            if [ -z "$tb" ] || awk -v a="${line%% *}" -v b="${tb%% *}" 'BEGIN { exit !(a < b) }'; then tb="$line"; fi
            line="$(measure python3 scripts/national-peer.py "$dir" "$out/peer.json" --as-of 2026-11-20)"
            if [ -z "$pb" ] || awk -v a="${line%% *}" -v b="${pb%% *}" 'BEGIN { exit !(a < b) }'; then pb="$line"; fi
        done
        t=(${tb}); p=(${pb})
        local size json_size
        size="$(du -sb --exclude=.generator "$dir" | cut -f1)"
        json_size="$(stat -c %s "$out/tthc.json")"
        awk -v s="$scale" -v mb="$size" -v n="$records" -v tt="${t[0]}" -v tm="${t[1]}" -v tc="${t[2]}" \
            -v pt="${p[0]}" -v pm="${p[1]}" -v pc="${p[2]}" -v js="$json_size" 'BEGIN {
            printf "  %2d×: %.1f MB in, %d records; JSON out %.1f MB\n", s, mb / 1e6, n, js / 1e6
            printf "       tthc   wall %7.2f s  CPU %7.2f s  %7.0f MiB (%.1f× the JSON written)\n", tt, tc, tm / 1024, tm * 1024 / js
            printf "       peer   wall %7.2f s  CPU %7.2f s  %7.0f MiB\n", pt, pc, pm / 1024
            printf "       tthc is %.2f× as fast as the peer in wall time (goal ≥ 5), %.2f× in CPU; memory %.2f× the peer'\''s\n", pt / tt, pc / tc, tm / pm
            if (s == 10) printf "       peak memory at 10×: %.0f MiB (goal < 1024)\n", tm / 1024
        }'
        local cost
        cost="$(awk -v tt="${t[0]}" -v n="$records" 'BEGIN { printf "%.9f", tt / n }')"
        if [ -z "$base_cost" ]; then base_cost="$cost"; base_scale="$scale"; else
            awk -v a="$cost" -v b="$base_cost" -v s="$scale" -v s0="$base_scale" 'BEGIN {
                printf "       wall time per record at %d× vs %d×: %.2f (goal ≤ 1.2)\n", s, s0, a / b }'
        fi
    done
}

# The best wall time in milliseconds of $1 runs of "${@:2}" (nanosecond clock: /usr/bin/time
# counts in hundredths of a second, too coarse here), then its peak RSS in MiB.
best_ms() {
    local n="$1" best="" start end ms
    shift
    for _ in $(seq "$n"); do
        start="$(date +%s%N)"
        "$@" >/dev/null 2>&1
        end="$(date +%s%N)"
        ms=$(( (end - start) / 1000 ))
        if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best="$ms"; fi
    done
    local run
    run=($(measure "$@"))
    awk -v us="$best" -v kib="${run[1]}" 'BEGIN { printf "%6.1f ms, %3.0f MiB", us / 1000, kib / 1024 }'
}

startup() {
    tthc_release
    local n=$(( runs > 10 ? runs : 10 ))
    echo "[startup] the bundled catalogs/, best of $n runs (goal < 20 ms each)"
    echo "  tthc calendar add 2026-11-20 3:   $(best_ms "$n" "$tthc" calendar add 2026-11-20 3)"
    echo "  tthc reconcile --format json:     $(best_ms "$n" "$tthc" reconcile --catalogs catalogs --as-of 2026-11-20 --format json)"
}

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
    measure_validate() {
        local label="$1" catalogue="$2" size rss seconds
        size=$(du -cb "$catalogue"/decisions/d.csv "$catalogue"/local/l.csv | tail -1 | cut -f1)
        /usr/bin/time -v "$tthc" validate --catalogs "$catalogue" --lang en >/dev/null 2>"$dir/time.txt" || true
        rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$dir/time.txt")
        seconds=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$dir/time.txt")
        awk -v label="$label" -v size="$size" -v rss="$rss" -v wall="$seconds" -v outcome="$(grep -m1 -o 'error: .*' "$dir/time.txt" | cut -c1-48 || true)" \
            'BEGIN { printf "  %-44s %6.1f MB of CSV  peak RSS %6.1f MB  wall %s  %s\n", label, size / 1e6, rss / 1024, wall, outcome == "" ? "read" : outcome }'
    }
    echo "[memory] tthc validate, peak resident memory (/usr/bin/time -v)"
    catalogue "$dir/empty" decision 1 && measure_validate "empty catalogue (the process alone)" "$dir/empty" && rm -rf "$dir/empty"
    for kind in decision local; do
        catalogue "$dir/c" "$kind" 99990 && measure_validate "$kind: 99,990 tiny rows" "$dir/c" && rm -rf "$dir/c"
        catalogue "$dir/c" "$kind" 1000000 && measure_validate "$kind: 1,000,000 tiny rows" "$dir/c" && rm -rf "$dir/c"
        catalogue "$dir/c" "$kind" 10000000 && measure_validate "$kind: 10,000,000 tiny rows" "$dir/c" && rm -rf "$dir/c"
    done
    catalogue "$dir/c" decision 99990 "$(printf 'Thủ tục %.0s' {1..210})" && measure_validate "decision: 99,990 rows of 2.5 KB names" "$dir/c" && rm -rf "$dir/c"
    catalogue "$dir/c" decision 99990 "$(printf 'Thủ tục %.0s' {1..160})" utf-16 && measure_validate "decision: 99,990 rows of 2.6 KB, UTF-16" "$dir/c" && rm -rf "$dir/c"
}

# Peak memory and wall time of `tthc reconcile` at national scale in every report format,
# one run each (the workbook is the largest; the national case measures JSON only).
formats() {
    local scale="${1:-10}" dir out format line
    tthc_release
    dir="$(national_data "$scale")"
    out="$(mktemp -d)"
    echo "[formats] tthc reconcile at ${scale}×, every format, one run each (goal < 1024 MiB)"
    for format in json csv text markdown html xlsx; do
        line="$(measure "$tthc" reconcile --catalogs "$dir" --as-of 2026-11-20 --format "$format" --output "$out/report.$format")"
        awk -v f="$format" -v line="$line" -v size="$(stat -c %s "$out/report.$format")" 'BEGIN {
            split(line, v, " ")
            printf "  %-9s wall %7.2f s  %6.0f MiB  (%.1f MB out)%s\n", f, v[1], v[2] / 1024, size / 1e6, (v[2] / 1024 >= 1024) ? "  over the goal" : ""
        }'
        rm -f "$out/report.$format"
    done
    rm -rf "$out"
}

case "${1:-}" in
    national) shift; national "$@"; exit ;;
    formats) shift; formats "$@"; exit ;;
    startup) shift; startup; exit ;;
    memory) shift; memory; exit ;;
esac


# The large documents (a 50 MB workbook, a 200-page PDF), generated once into bench-data/.
python3 -c "import xlsxwriter" 2>/dev/null || python3 -m pip install --quiet xlsxwriter
# The csv case compares with pandas.read_csv on the same file.
python_peer
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
memory
