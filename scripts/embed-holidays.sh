#!/usr/bin/env bash
# Regenerates Sources/TTHCKit/Calendar/EmbeddedSchedule.swift from
# catalogs/holidays/vn-public-sector.yaml: the schedule as a Swift value, so that the tthc
# binary carries the reviewed schedule, works outside the repository, and does not parse
# YAML at every start. The generator is the test EmbeddedScheduleTests, which parses the
# YAML file with the same reader as any holiday file and writes the source when
# TTHC_RECORD=1; without it, the test fails while the two differ. Run after every edit of
# the YAML file.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
TTHC_RECORD=1 swift test --filter EmbeddedScheduleTests >/dev/null 2>&1 || true
# The first run wrote the source; this one builds it and must pass.
swift test --filter EmbeddedScheduleTests
echo "wrote Sources/TTHCKit/Calendar/EmbeddedSchedule.swift"
