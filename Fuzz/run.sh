#!/usr/bin/env bash
# Runs one fuzz target for a given time: Fuzz/run.sh TARGET SECONDS [extra libFuzzer flags]
# TARGET is one of: civil-date procedure-code settings holiday-overrides register-csv
# catalogue-csv decision-csv csv-tokenizer decision-xml catalogue-xml decision-html decision-pdf
# decision-xlsx decision-docx catalogue-xlsx.
# The checked-in seeds (Fuzz/corpus/TARGET) are read, never written; inputs libFuzzer finds
# go to OUT/corpus/TARGET, crashes to OUT/artifacts/TARGET, the log to OUT/TARGET.log, where
# OUT is $FUZZ_OUT or Fuzz/out. A log already there from an earlier run is moved to
# OUT/logs/TARGET.<time>.log first, so the executions of every run can be added up
# (Fuzz/tally.sh). $FUZZ_CONFIG picks the build (debug by default); $FUZZ_MAX_LEN replaces
# the target's longest input (below). Exit status: libFuzzer's (non-zero on a crash, leak,
# timeout or OOM).
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:?usage: Fuzz/run.sh TARGET SECONDS}"
seconds="${2:?usage: Fuzz/run.sh TARGET SECONDS}"
shift 2
config="${FUZZ_CONFIG:-debug}"
binary=".build-fuzz/$config/fuzz-$target"
[ -x "$binary" ] || { echo "fuzz: $binary not built (Fuzz/build.sh $config)" >&2; exit 1; }
case "$target" in
    decision-html) dict=html.dict; maxlen=16384 ;;
    decision-pdf) dict=pdf.dict; maxlen=65536 ;;
    *-xml) dict=xml.dict; maxlen=16384 ;;
    *-csv|csv-tokenizer) dict=csv.dict; maxlen=16384 ;;
    *-xlsx|*-docx) dict=office.dict; maxlen=65536 ;;
    settings|holiday-overrides) dict=yaml.dict; maxlen=8192 ;;
    civil-date|procedure-code) dict=date.dict; maxlen=64 ;;
    *) echo "fuzz: unknown target $target" >&2; exit 1 ;;
esac
maxlen="${FUZZ_MAX_LEN:-$maxlen}"
out="${FUZZ_OUT:-Fuzz/out}"
mkdir -p "$out/corpus/$target" "$out/artifacts/$target"
if [ -f "$out/$target.log" ]; then
    mkdir -p "$out/logs"
    mv "$out/$target.log" "$out/logs/$target.$(date -u -r "$out/$target.log" +%Y%m%dT%H%M%S).log"
fi
status=0
# Swift's own crash reporter reads raw memory and trips AddressSanitizer; libFuzzer reports
# the fatal error and the stack itself.
export SWIFT_BACKTRACE=enable=no
# Leaks outside tthc's code that it cannot free (see the file).
export LSAN_OPTIONS="suppressions=$PWD/Fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
# The web-page and PDF targets also start from the documents of the test corpus, read in
# place rather than copied into Fuzz/corpus.
seeds=("Fuzz/corpus/$target")
case "$target" in decision-html|decision-pdf) seeds+=(Tests/Corpus/webpdf) ;; esac
"$binary" "$out/corpus/$target" "${seeds[@]}" \
    -dict="Fuzz/dict/$dict" -max_len="$maxlen" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048 \
    -print_final_stats=1 \
    -artifact_prefix="$out/artifacts/$target/" "$@" \
    >"$out/$target.log" 2>&1 || status=$?
if grep -qE "ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|SUMMARY: |Fatal error" "$out/$target.log"; then
    [ "$status" -ne 0 ] || status=1
fi
runs=$(grep -oE "stat::number_of_executed_units: *[0-9]+" "$out/$target.log" | grep -oE "[0-9]+$" | tail -1 || true)
speed=$(grep -oE "stat::average_exec_per_sec: *[0-9]+" "$out/$target.log" | grep -oE "[0-9]+$" | tail -1 || true)
cov=$(grep -oE "cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9a-zA-Z]+" "$out/$target.log" | tail -1 || true)
echo "fuzz $target: ${runs:-?} runs, ${speed:-?} exec/s, ${cov:-no coverage line}, status $status"
if [ "$status" -ne 0 ]; then
    grep -E "ERROR:|SUMMARY:|Fatal error|Test unit written|==[0-9]+==" "$out/$target.log" | head -20 >&2 || true
fi
exit "$status"
