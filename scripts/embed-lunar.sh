#!/usr/bin/env bash
# Regenerates Sources/TTHCKit/Calendar/Lunar/EmbeddedLunarTable.swift: the lunar calendar's
# months for 1899–2199, computed from the astronomy (LunarTable.init(lunarYears:utcOffsetHours:))
# by the test that checks the file, so the computation and the file cannot drift apart.
# Run after changing the computation; EmbeddedLunarTableTests fails while the two differ.
set -euo pipefail
cd "$(dirname "$0")/.."
TTHC_RECORD=1 swift test --filter EmbeddedLunarTableTests
echo "wrote Sources/TTHCKit/Calendar/Lunar/EmbeddedLunarTable.swift"
