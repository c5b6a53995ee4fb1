// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "tthc",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "TTHCKit", targets: ["TTHCKit"]),
        .executable(name: "tthc", targets: ["tthc"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // ZIP containers of the Word and Excel files tthc writes
        // (OfficeWriting/OfficePackageWriter.swift); no other file imports it. Reading is
        // done by Import/Office/ZIPArchiveReader.swift with zlib (see there why).
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // libxml2 from the system (Debian: libxml2-dev). The module map includes a shim
        // header that switches off LIBXML_ICU_ENABLED, so the system ICU headers never meet
        // Foundation's bundled ICU in the same module graph.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // poppler from the system (Debian: libpoppler-glib-dev), for the text layer of PDF
        // decisions. Its headers drag in GLib, GObject and cairo; only the C shim CPDFText
        // includes them, and Swift sees nothing but the shim's plain-C API.
        .systemLibrary(
            name: "CPoppler",
            pkgConfig: "poppler-glib",
            providers: [.apt(["libpoppler-glib-dev"])]
        ),
        // zlib from the system (Debian: zlib1g-dev): the parts of Word and Excel files are
        // inflated with it from the file's bytes, bounded by their packed size
        // (Import/Office/ZIPArchiveReader.swift).
        .systemLibrary(
            name: "CSystemZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // The PDF shim loads poppler when the first PDF is opened (dlopen), so that no run
        // pays for loading its ~50 libraries at start; it links nothing of poppler.
        .target(name: "CPDFText"),
        // Checks the shim's own declarations of poppler against poppler's headers at build
        // time; only the tests depend on it.
        .target(
            name: "CPDFTextABICheck",
            dependencies: ["CPoppler"]
        ),
        .target(
            name: "TTHCKit",
            dependencies: [
                "CLibXML2",
                "CPDFText",
                "CSystemZlib",
                .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "tthc",
            dependencies: [
                "TTHCKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The Swift runtime and Foundation linked into the binary: loading and binding
            // their shared libraries was a third of every start (docs/performance.md). The
            // module is compiled with the flag too, so that its imports link Foundation's
            // static libraries; lld, because gold prints glibc's link-time warning about
            // mktemp in static Foundation. Nothing else links this module: the command
            // tests run the binary (a test bundle with the shared runtime cannot take it).
            swiftSettings: [.swiftLanguageMode(.v6), .unsafeFlags(["-static-stdlib"])],
            linkerSettings: [.unsafeFlags(["-static-stdlib", "-use-ld=lld"])]
        ),
        .executableTarget(
            name: "tthc-bench",
            dependencies: ["TTHCKit"],
            path: "Benchmarks/tthc-bench",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // Helpers both test targets use (running python3 with a real parser).
        .target(
            name: "TestSupport",
            path: "Tests/TestSupport",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .testTarget(
            name: "TTHCKitTests",
            dependencies: ["TTHCKit", "TestSupport", "CPDFTextABICheck"],
            resources: [.copy("Fixtures")],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // Runs the tthc binary, which `swift test` builds with every product; it does not
        // import the executable's module (statically linked runtime, above).
        .testTarget(
            name: "tthcTests",
            dependencies: ["TTHCKit", "TestSupport"],
            exclude: ["Golden"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
