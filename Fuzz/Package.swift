// swift-tools-version:6.1
// libFuzzer targets for every reader of TTHCKit. A package of its own so that the normal
// `swift build` / `swift test` of the parent never sees them; built by Fuzz/build.sh with
// `-sanitize=fuzzer,address -parse-as-library` (see docs/hardening.md).
import Foundation
import PackageDescription

/// The parent package's identity is the name of its directory (a path dependency), which
/// differs between checkouts, so it is derived from this manifest's location.
let parent = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let names = [
    "civil-date", "procedure-code", "settings", "holiday-overrides",
    "register-csv", "catalogue-csv", "decision-csv", "csv-tokenizer", "decision-xml", "catalogue-xml",
    "decision-html", "decision-pdf", "decision-xlsx", "decision-docx", "catalogue-xlsx",
]

let package = Package(
    name: "tthc-fuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .target(name: "FuzzDriver", path: "Driver"),
        .target(
            name: "FuzzSupport",
            dependencies: ["FuzzDriver", .product(name: "TTHCKit", package: parent)],
            path: "Support",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ] + names.map { name in
        .executableTarget(
            name: "fuzz-" + name,
            dependencies: ["FuzzSupport", .product(name: "TTHCKit", package: parent)],
            path: "Targets/" + name,
            swiftSettings: [.swiftLanguageMode(.v6)]
        )
    }
)
