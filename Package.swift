// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Solvent",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "solvent", targets: ["solvent"]),
        .library(name: "SolventNumerics", targets: ["SolventNumerics"]),
        .library(name: "SolventModels", targets: ["SolventModels"]),
        .library(name: "Receivables", targets: ["Receivables"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // OpenBLAS (CBLAS) and LAPACKE; see shared BLAS.md for the recipe.
        .systemLibrary(
            name: "CLAPACK",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        // The numeric core: matrices, BLAS/LAPACK, RNG, special functions, least squares.
        // Knows nothing about invoices.
        .target(name: "SolventNumerics", dependencies: ["CLAPACK"]),
        // The models: logistic regression and scorecards, validation, model files.
        // Depends only on the numeric core (BLAS directly in the fused hot loops,
        // swift-crypto for model checksums).
        .target(name: "SolventModels", dependencies: [
            "SolventNumerics", "CLAPACK",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The receivables domain: source records, the synthetic portfolio generator.
        .target(name: "Receivables", dependencies: [
            "SolventNumerics",
            "SolventModels",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
            .product(name: "TOMLKit", package: "TOMLKit"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The command-line program; the only code that prints.
        .executableTarget(
            name: "solvent",
            dependencies: [
                "SolventNumerics", "SolventModels", "Receivables",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Timings for the side-by-side comparisons in Benchmarks/ (release builds only).
        .executableTarget(name: "solvent-bench", dependencies: ["SolventNumerics", "SolventModels"],
                          path: "Benchmarks/SolventBench"),
        .testTarget(name: "SolventNumericsTests", dependencies: ["SolventNumerics"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "SolventModelsTests", dependencies: ["SolventModels"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "ReceivablesTests", dependencies: ["Receivables", .product(name: "GRDB", package: "GRDB.swift")],
                    resources: [.copy("Fixtures")]),
        // End-to-end tests of the command line: they run the built `solvent` binary.
        .testTarget(name: "solventTests", dependencies: ["solvent", "Receivables"]),
    ],
    swiftLanguageModes: [.v6]
)
