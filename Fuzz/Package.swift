// swift-tools-version: 6.1
// libFuzzer targets for the CSV reader and the value parsers of `Receivables`.
//
// A separate package because a libFuzzer executable (no `main`; libFuzzer supplies
// it) breaks `swift test` in the main package. Build only with the fuzzer sanitizer:
//
//     swift build -c debug --sanitize fuzzer --scratch-path .build
//
// See README.md and run.sh.
import PackageDescription

// libFuzzer provides `main`; the Swift files must not (no top-level code).
let fuzzerSettings: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
    name: "SolventFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Solvent", path: ".."),
    ],
    targets: [
        // CSVReader: crashes, hangs, chunk-size independence, limit behaviour, write/read round trip.
        .executableTarget(
            name: "fuzz-csv",
            dependencies: [.product(name: "Receivables", package: "Solvent")],
            path: "Sources/FuzzCSV",
            swiftSettings: fuzzerSettings
        ),
        // AmountParser, DateParser, ValueMap: crashes and round-trip / differential invariants.
        .executableTarget(
            name: "fuzz-parsers",
            dependencies: [.product(name: "Receivables", package: "Solvent")],
            path: "Sources/FuzzParsers",
            swiftSettings: fuzzerSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
