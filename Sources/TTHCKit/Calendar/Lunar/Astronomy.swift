import Foundation

/// The astronomy behind the lunar calendar (thiên văn học cho âm lịch): instants of new
/// moons, the Sun's apparent longitude, the instants of the solar terms, and the step from
/// dynamical time to a civil day at a given UTC offset.
///
/// Written from Jean Meeus, *Astronomical Algorithms* (2nd ed., 1998):
/// - chapter 49, true phases of the Moon (new moon), with its periodic and planetary terms;
/// - chapters 25 and 32, the Sun's apparent longitude "with higher accuracy" from the
///   VSOP87 series for the Earth as abridged in Appendix III, converted to FK5, with
///   nutation in longitude (chapter 22, the four-term form) and aberration;
/// - ΔT = TT − UT from the polynomial expressions of Espenak and Meeus (2006), the
///   successors of Meeus's chapter 10.
///
/// Hand-written rather than taken from a library because no Swift package in this project
/// provides ephemerides, and the calendar needs only these few well-documented formulas.
/// Times are Julian Ephemeris Days (JDE, dynamical time) unless a name says `UT`.
enum Astronomy {
    /// JD of 2000 January 1.5 TT (epoch J2000.0).
    static let j2000 = 2_451_545.0

    // MARK: New moon (Meeus ch. 49)

    /// The instant (JDE) of the true new moon of lunation `k`, where `k = 0` is the new
    /// moon of 2000 January 6 and each unit is one synodic month.
    static func newMoon(lunation k: Int) -> Double {
        let k = Double(k)
        let t = k / 1236.85
        let t2 = t * t, t3 = t2 * t, t4 = t3 * t
        var jde = 2_451_550.097_66 + 29.530_588_861 * k + 0.000_154_37 * t2
            - 0.000_000_150 * t3 + 0.000_000_000_73 * t4
        let e = 1 - 0.002_516 * t - 0.000_007_4 * t2
        // Sun's mean anomaly, Moon's mean anomaly, Moon's argument of latitude, longitude of
        // the ascending node — all in degrees.
        let m = 2.5534 + 29.105_356_70 * k - 0.000_001_4 * t2 - 0.000_000_11 * t3
        let mp = 201.5643 + 385.816_935_28 * k + 0.010_758_2 * t2 + 0.000_012_38 * t3
            - 0.000_000_058 * t4
        let f = 160.7108 + 390.670_502_84 * k - 0.001_611_8 * t2 - 0.000_002_27 * t3
            + 0.000_000_011 * t4
        let omega = 124.7746 - 1.563_755_88 * k + 0.002_067_2 * t2 + 0.000_002_15 * t3

        jde += -0.407_20 * sinDeg(mp)
            + 0.172_41 * e * sinDeg(m)
            + 0.016_08 * sinDeg(2 * mp)
            + 0.010_39 * sinDeg(2 * f)
            + 0.007_39 * e * sinDeg(mp - m)
            - 0.005_14 * e * sinDeg(mp + m)
            + 0.002_08 * e * e * sinDeg(2 * m)
            - 0.001_11 * sinDeg(mp - 2 * f)
            - 0.000_57 * sinDeg(mp + 2 * f)
            + 0.000_56 * e * sinDeg(2 * mp + m)
            - 0.000_42 * sinDeg(3 * mp)
            + 0.000_42 * e * sinDeg(m + 2 * f)
            + 0.000_38 * e * sinDeg(m - 2 * f)
            - 0.000_24 * e * sinDeg(2 * mp - m)
            - 0.000_17 * sinDeg(omega)
            - 0.000_07 * sinDeg(mp + 2 * m)
            + 0.000_04 * sinDeg(2 * mp - 2 * f)
            + 0.000_04 * sinDeg(3 * m)
            + 0.000_03 * sinDeg(mp + m - 2 * f)
            + 0.000_03 * sinDeg(2 * mp + 2 * f)
            - 0.000_03 * sinDeg(mp + m + 2 * f)
            + 0.000_03 * sinDeg(mp - m + 2 * f)
            - 0.000_02 * sinDeg(mp - m - 2 * f)
            - 0.000_02 * sinDeg(3 * mp + m)
            + 0.000_02 * sinDeg(4 * mp)

        // Planetary arguments A1…A14.
        for (index, (coefficient, base, rate)) in planetaryTerms.enumerated() {
            var argument = base + rate * k
            if index == 0 { argument -= 0.009_173 * t2 }
            jde += coefficient * sinDeg(argument)
        }
        return jde
    }

    /// Coefficient (days), A at k = 0 and its rate per lunation (degrees) of the planetary
    /// arguments A1…A14 of Meeus ch. 49; A1 also has a T² term.
    private static let planetaryTerms: [(Double, Double, Double)] = [
        (0.000_325, 299.77, 0.107_408),
        (0.000_165, 251.88, 0.016_321),
        (0.000_164, 251.83, 26.651_886),
        (0.000_126, 349.42, 36.412_478),
        (0.000_110, 84.66, 18.206_239),
        (0.000_062, 141.74, 53.303_771),
        (0.000_060, 207.14, 2.453_732),
        (0.000_056, 154.84, 7.306_860),
        (0.000_047, 34.52, 27.261_239),
        (0.000_042, 207.19, 0.121_824),
        (0.000_040, 291.34, 1.844_379),
        (0.000_037, 161.72, 24.198_154),
        (0.000_035, 239.56, 25.513_099),
        (0.000_023, 331.55, 3.592_518),
    ]

    /// The lunation number `k` whose mean new moon is nearest to `jde`. The true new moon
    /// can differ from the mean one by up to about 14 hours.
    static func lunation(near jde: Double) -> Int {
        Int(((jde - 2_451_550.097_66) / 29.530_588_861).rounded())
    }

    // MARK: The Sun (Meeus ch. 25, 32, 22)

    /// The Sun's apparent geocentric longitude at `jde`, in degrees in [0, 360).
    static func apparentSolarLongitude(_ jde: Double) -> Double {
        let tau = (jde - j2000) / 365_250  // Julian millennia from J2000.0
        let t = tau * 10                    // Julian centuries
        let earthLongitude = VSOP87Earth.longitude(tau)  // radians, heliocentric
        let radius = VSOP87Earth.radius(tau)             // astronomical units
        // Geocentric (Sun seen from the Earth), then the dynamical-to-FK5 correction.
        var lambda = earthLongitude * 180 / .pi + 180
        lambda += -0.090_33 / 3600
        // Nutation in longitude, four-term form (accurate to 0.5″).
        let omega = 125.044_52 - 1_934.136_261 * t
        let sunMean = 280.4665 + 36_000.7698 * t
        let moonMean = 218.3165 + 481_267.8813 * t
        let nutation = (-17.20 * sinDeg(omega) - 1.32 * sinDeg(2 * sunMean)
            - 0.23 * sinDeg(2 * moonMean) + 0.21 * sinDeg(2 * omega)) / 3600
        // Annual aberration.
        let aberration = -20.4898 / 3600 / radius
        return normalizedDegrees(lambda + nutation + aberration)
    }

    /// The instant (JDE) at which the Sun's apparent longitude equals `target` degrees,
    /// searched from the estimate `guess`, which must lie within a few weeks of the answer.
    static func solarLongitudeInstant(_ target: Double, near guess: Double) -> Double {
        var jde = guess
        // Newton's method. The Sun's rate, 0.9856°/day on average, varies by ±3.3 % with its
        // mean anomaly M (the equation of centre, Meeus ch. 25); with that correction each
        // step gains about three digits, so three or four steps reach 1e-7 day (0.01 s).
        for _ in 0..<20 {
            var difference = target - apparentSolarLongitude(jde)
            difference -= 360 * (difference / 360).rounded()
            let meanAnomaly = 357.529_11 + 0.985_600_28 * (jde - j2000)
            let rate = 360 / 365.242_2 * (1 + 2 * 0.016_709 * cos(meanAnomaly * .pi / 180))
            let step = difference / rate
            jde += step
            if abs(step) < 1e-7 { break }
        }
        return jde
    }

    // MARK: Time scales

    /// ΔT = TT − UT in seconds for a decimal year. Before 2005 and after 2050: the
    /// polynomials of Espenak and Meeus (2006), valid from 1800. From 2005 to 2025: the
    /// observed yearly values (IERS, TT − UT1 on 1 January), which the 2005–2050 polynomial
    /// overestimates by up to 5 s. From 2025 to 2050: a straight line from the last
    /// observed value to the polynomial's value in 2050. Every value after 2025 is a
    /// prediction (see docs/lunar-calendar.md).
    static func deltaT(decimalYear y: Double) -> Double {
        switch y {
        case ..<1860:
            let t = y - 1800
            return 13.72 - 0.332_447 * t + 0.006_861_2 * pow(t, 2) + 0.004_111_6 * pow(t, 3)
                - 0.000_374_36 * pow(t, 4) + 0.000_012_127_2 * pow(t, 5)
                - 0.000_000_169_9 * pow(t, 6) + 0.000_000_000_875 * pow(t, 7)
        case ..<1900:
            let t = y - 1860
            return 7.62 + 0.5737 * t - 0.251_754 * pow(t, 2) + 0.016_806_68 * pow(t, 3)
                - 0.000_447_362_4 * pow(t, 4) + pow(t, 5) / 233_174
        case ..<1920:
            let t = y - 1900
            return -2.79 + 1.494_119 * t - 0.059_893_9 * pow(t, 2) + 0.006_196_6 * pow(t, 3)
                - 0.000_197 * pow(t, 4)
        case ..<1941:
            let t = y - 1920
            return 21.20 + 0.844_93 * t - 0.076_100 * pow(t, 2) + 0.002_093_6 * pow(t, 3)
        case ..<1961:
            let t = y - 1950
            return 29.07 + 0.407 * t - pow(t, 2) / 233 + pow(t, 3) / 2547
        case ..<1986:
            let t = y - 1975
            return 45.45 + 1.067 * t - pow(t, 2) / 260 - pow(t, 3) / 718
        case ..<2005:
            let t = y - 2000
            return 63.86 + 0.3345 * t - 0.060_374 * pow(t, 2) + 0.001_727_5 * pow(t, 3)
                + 0.000_651_814 * pow(t, 4) + 0.000_023_735_99 * pow(t, 5)
        case ..<2025:
            let position = y - 2005
            let index = Int(position)
            let fraction = position - Double(index)
            return observedDeltaT[index] * (1 - fraction) + observedDeltaT[index + 1] * fraction
        case ..<2050:
            let fraction = (y - 2025) / 25
            return observedDeltaT.last! * (1 - fraction) + deltaT(decimalYear: 2050) * fraction
        case ..<2150:
            let u = (y - 1820) / 100
            return -20 + 32 * u * u - 0.5628 * (2150 - y)
        default:
            let u = (y - 1820) / 100
            return -20 + 32 * u * u
        }
    }

    /// Observed ΔT in seconds on 1 January of 2005, 2006, … 2025.
    static let observedDeltaT: [Double] = [
        64.7, 64.8, 65.1, 65.5, 65.8, 66.1, 66.3, 66.6, 66.9, 67.3, 67.6,
        68.1, 68.6, 69.0, 69.2, 69.4, 69.4, 69.3, 69.2, 69.2, 69.1,
    ]

    /// Universal Time (as a Julian Day) of the dynamical instant `jde`.
    static func universalTime(_ jde: Double) -> Double {
        let decimalYear = 2000 + (jde - j2000) / 365.25
        return jde - deltaT(decimalYear: decimalYear) / 86_400
    }

    /// The civil day (``CivilDate/dayNumber``) that contains the dynamical instant `jde`
    /// on clocks at `utcOffsetHours` east of Greenwich.
    static func civilDayNumber(_ jde: Double, utcOffsetHours: Double) -> Int {
        // JD 2440587.5 is 1970-01-01 00:00 UT, day number 0.
        Int((universalTime(jde) + 0.5 + utcOffsetHours / 24 - 2_440_588).rounded(.down))
    }

    // MARK: Helpers

    @inline(__always)
    static func sinDeg(_ degrees: Double) -> Double { sin(degrees * .pi / 180) }

    static func normalizedDegrees(_ degrees: Double) -> Double {
        let r = degrees.truncatingRemainder(dividingBy: 360)
        return r < 0 ? r + 360 : r
    }
}

/// The Earth's heliocentric longitude and radius vector from VSOP87 (Bretagnon and Francou
/// 1988), abridged as in Meeus, *Astronomical Algorithms*, Appendix III. Each term is
/// `A cos(B + C τ)` with `A` in units of 10⁻⁸ (radians or AU), `τ` in Julian millennia
/// from J2000.0. The radius is truncated further: it serves only the aberration, where
/// 10⁻⁵ AU changes nothing measurable.
enum VSOP87Earth {
    typealias Term = (a: Double, b: Double, c: Double)

    static func longitude(_ tau: Double) -> Double { series(longitudeSeries, tau) }

    static func radius(_ tau: Double) -> Double { series(radiusSeries, tau) }

    private static let longitudeSeries = [l0, l1, l2, l3, l4, l5]
    private static let radiusSeries = [r0, r1, r2, r3]

    private static func series(_ powers: [[Term]], _ tau: Double) -> Double {
        var total = 0.0
        var tauPower = 1.0
        for terms in powers {
            var sum = 0.0
            for term in terms { sum += term.a * cos(term.b + term.c * tau) }
            total += sum * tauPower
            tauPower *= tau
        }
        return total / 1e8
    }

    static let l0: [Term] = [
        (175_347_046, 0, 0),
        (3_341_656, 4.669_256_8, 6_283.075_850_0),
        (34_894, 4.626_10, 12_566.151_70),
        (3497, 2.7441, 5753.3849),
        (3418, 2.8289, 3.5231),
        (3136, 3.6277, 77_713.7715),
        (2676, 4.4181, 7860.4194),
        (2343, 6.1352, 3930.2097),
        (1324, 0.7425, 11_506.7698),
        (1273, 2.0371, 529.6910),
        (1199, 1.1096, 1577.3435),
        (990, 5.233, 5884.927),
        (902, 2.045, 26.298),
        (857, 3.508, 398.149),
        (780, 1.179, 5223.694),
        (753, 2.533, 5507.553),
        (505, 4.583, 18_849.228),
        (492, 4.205, 775.523),
        (357, 2.920, 0.067),
        (317, 5.849, 11_790.629),
        (284, 1.899, 796.298),
        (271, 0.315, 10_977.079),
        (243, 0.345, 5486.778),
        (206, 4.806, 2544.314),
        (205, 1.869, 5573.143),
        (202, 2.458, 6069.777),
        (156, 0.833, 213.299),
        (132, 3.411, 2942.463),
        (126, 1.083, 20.775),
        (115, 0.645, 0.980),
        (103, 0.636, 4694.003),
        (102, 0.976, 15_720.839),
        (102, 4.267, 7.114),
        (99, 6.21, 2146.17),
        (98, 0.68, 155.42),
        (86, 5.98, 161_000.69),
        (85, 1.30, 6275.96),
        (85, 3.67, 71_430.70),
        (80, 1.81, 17_260.15),
        (79, 3.04, 12_036.46),
        (75, 1.76, 5088.63),
        (74, 3.50, 3154.69),
        (74, 4.68, 801.82),
        (70, 0.83, 9437.76),
        (62, 3.98, 8827.39),
        (61, 1.82, 7084.90),
        (57, 2.78, 6286.60),
        (56, 4.39, 14_143.50),
        (56, 3.47, 6279.55),
        (52, 0.19, 12_139.55),
        (52, 1.33, 1748.02),
        (51, 0.28, 5856.48),
        (49, 0.49, 1194.45),
        (41, 5.37, 8429.24),
        (41, 2.40, 19_651.05),
        (39, 6.17, 10_447.39),
        (37, 6.04, 10_213.29),
        (37, 2.57, 1059.38),
        (36, 1.71, 2352.87),
        (36, 1.78, 6812.77),
        (33, 0.59, 17_789.85),
        (30, 0.44, 83_996.85),
        (30, 2.74, 1349.87),
        (25, 3.16, 4690.48),
    ]

    static let l1: [Term] = [
        (628_331_966_747, 0, 0),
        (206_059, 2.678_235, 6_283.075_850),
        (4303, 2.6351, 12_566.1517),
        (425, 1.590, 3.523),
        (119, 5.796, 26.298),
        (109, 2.966, 1577.344),
        (93, 2.59, 18_849.23),
        (72, 1.14, 529.69),
        (68, 1.87, 398.15),
        (67, 4.41, 5507.55),
        (59, 2.89, 5223.69),
        (56, 2.17, 155.42),
        (45, 0.40, 796.30),
        (36, 0.47, 775.52),
        (29, 2.65, 7.11),
        (21, 5.34, 0.98),
        (19, 1.85, 5486.78),
        (19, 4.97, 213.30),
        (17, 2.99, 6275.96),
        (16, 0.03, 2544.31),
        (16, 1.43, 2146.17),
        (15, 1.21, 10_977.08),
        (12, 2.83, 1748.02),
        (12, 3.26, 5088.63),
        (12, 5.27, 1194.45),
        (12, 2.08, 4694.00),
        (11, 0.77, 553.57),
        (10, 1.30, 6286.60),
        (10, 4.24, 1349.87),
        (9, 2.70, 242.73),
        (9, 5.64, 951.72),
        (8, 5.30, 2352.87),
        (6, 2.65, 9437.76),
        (6, 4.67, 4690.48),
    ]

    static let l2: [Term] = [
        (52919, 0, 0),
        (8720, 1.0721, 6283.0758),
        (309, 0.867, 12_566.152),
        (27, 0.05, 3.52),
        (16, 5.19, 26.30),
        (16, 3.68, 155.42),
        (10, 0.76, 18_849.23),
        (9, 2.06, 77_713.77),
        (7, 0.83, 775.52),
        (5, 4.66, 1577.34),
        (4, 1.03, 7.11),
        (4, 3.44, 5573.14),
        (3, 5.14, 796.30),
        (3, 6.05, 5507.55),
        (3, 1.19, 242.73),
        (3, 6.12, 529.69),
        (3, 0.31, 398.15),
        (3, 2.28, 553.57),
        (2, 4.38, 5223.69),
        (2, 3.75, 0.98),
    ]

    static let l3: [Term] = [
        (289, 5.844, 6283.076),
        (35, 0, 0),
        (17, 5.49, 12_566.15),
        (3, 5.20, 155.42),
        (1, 4.72, 3.52),
        (1, 5.30, 18_849.23),
        (1, 5.97, 242.73),
    ]

    static let l4: [Term] = [
        (114, 3.142, 0),
        (8, 4.13, 6283.08),
        (1, 3.84, 12_566.15),
    ]

    static let l5: [Term] = [
        (1, 3.14, 0),
    ]

    static let r0: [Term] = [
        (100_013_989, 0, 0),
        (1_670_700, 3.098_463_5, 6_283.075_850_0),
        (13956, 3.055_25, 12_566.151_70),
        (3084, 5.1985, 77_713.7715),
        (1628, 1.1739, 5753.3849),
        (1576, 2.8469, 7860.4194),
        (925, 5.453, 11_506.770),
        (542, 4.564, 3930.210),
        (472, 3.661, 5884.927),
        (346, 0.964, 5507.553),
        (329, 5.900, 5223.694),
        (307, 0.299, 5573.143),
        (243, 4.273, 11_790.629),
        (212, 5.847, 1577.344),
        (186, 5.022, 10_977.079),
        (175, 3.012, 18_849.228),
        (110, 5.055, 5486.778),
    ]

    static let r1: [Term] = [
        (103_019, 1.107_490, 6_283.075_850),
        (1721, 1.0644, 12_566.1517),
        (702, 3.142, 0),
        (32, 1.02, 18_849.23),
        (31, 2.84, 5507.55),
        (25, 1.32, 5223.69),
    ]

    static let r2: [Term] = [
        (4359, 5.7846, 6283.0758),
        (124, 5.579, 12_566.152),
        (12, 3.14, 0),
    ]

    static let r3: [Term] = [
        (145, 4.273, 6283.076),
        (7, 3.92, 12_566.15),
    ]
}
