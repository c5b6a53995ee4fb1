#!/usr/bin/env bash
# Builds every libFuzzer target (Fuzz/Package.swift) with AddressSanitizer and coverage.
# Usage: Fuzz/build.sh [debug|release]   (default: $FUZZ_CONFIG or debug)
# Products: .build-fuzz/<config>/fuzz-<target>. The fuzz package is separate from the main
# package, so `swift build` / `swift test` never compile it.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
config="${1:-${FUZZ_CONFIG:-debug}}"
# libFuzzer comes with the toolchain's clang runtime; say so plainly when it does not.
resource="$(dirname "$(command -v swiftc)")/../lib/clang"
if ! ls "$resource"/*/lib/linux/libclang_rt.fuzzer-*.a >/dev/null 2>&1; then
    echo "fuzz: no libFuzzer runtime (libclang_rt.fuzzer) under $resource" >&2
    exit 1
fi
# SwiftPM does not notice files added to the parent package (a path dependency) until the
# fuzz manifest changes; touching it makes every build plan from the current tree.
touch Fuzz/Package.swift
swift build --package-path Fuzz --build-path .build-fuzz -c "$config" \
    -Xswiftc -sanitize=fuzzer,address 2>&1 \
    | grep -v "Cannot export local symbol" || true
# grep hides gold's noise about ASan's local helpers; the build's own status decides.
test "${PIPESTATUS[0]}" -eq 0
