#!/usr/bin/env bash
# Regenerates the calendar tables the binary carries, each by the test that checks it, so
# that a computation and its table cannot drift apart:
#
# - Sources/TTHCKit/Calendar/Lunar/EmbeddedLunarTable.swift: the lunar calendar's months
#   for 1899–2199, computed from the astronomy (LunarTable.init(lunarYears:utcOffsetHours:));
#   EmbeddedLunarTableTests fails while the two differ.
# - Sources/TTHCKit/Calendar/EmbeddedStatutoryDays.swift: the days off the statutory rules
#   give in 1900–2199 (StatutoryHolidays.days(in:)), which use the lunar table, so it is
#   written second, by a build that carries the new lunar table;
#   EmbeddedStatutoryDaysTests fails while the two differ.
#
# Run after changing the astronomy or the statutory rules.
set -euo pipefail
cd "$(dirname "$0")/.."
TTHC_RECORD=1 swift test --filter EmbeddedLunarTableTests
echo "wrote Sources/TTHCKit/Calendar/Lunar/EmbeddedLunarTable.swift"
TTHC_RECORD=1 swift test --filter EmbeddedStatutoryDaysTests
echo "wrote Sources/TTHCKit/Calendar/EmbeddedStatutoryDays.swift"
