#!/usr/bin/env bash
# Regenerates the tables the binary carries instead of computing them at every start, each
# by the test that checks it, so that a computation and its table cannot drift apart:
#
# - Sources/TTHCKit/Calendar/Lunar/EmbeddedLunarTable.swift: the lunar calendar's months
#   for 1899–2199, computed from the astronomy (LunarTable.init(lunarYears:utcOffsetHours:));
#   EmbeddedLunarTableTests fails while the two differ.
# - Sources/TTHCKit/Calendar/EmbeddedStatutoryDays.swift: the days off the statutory rules
#   give in 1900–2199 (StatutoryHolidays.days(in:)), which use the lunar table, so it is
#   written second, by a build that carries the new lunar table;
#   EmbeddedStatutoryDaysTests fails while the two differ.
# - Sources/TTHCKit/Core/EmbeddedFoldTable.swift: what each Latin and Vietnamese scalar
#   contributes to a folded key, from Foundation's Unicode data
#   (TextNormalization.computedFoldTable()); EmbeddedFoldTableTests fails while the two
#   differ, after a toolchain whose Unicode data changed, for one.
#
# Run after changing the astronomy, the statutory rules or the fold.
set -euo pipefail
cd "$(dirname "$0")/.."
TTHC_RECORD=1 swift test --filter EmbeddedLunarTableTests
echo "wrote Sources/TTHCKit/Calendar/Lunar/EmbeddedLunarTable.swift"
TTHC_RECORD=1 swift test --filter EmbeddedStatutoryDaysTests
echo "wrote Sources/TTHCKit/Calendar/EmbeddedStatutoryDays.swift"
TTHC_RECORD=1 swift test --filter EmbeddedFoldTableTests
echo "wrote Sources/TTHCKit/Core/EmbeddedFoldTable.swift"
