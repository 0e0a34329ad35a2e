// swift-tools-version:5.9
import PackageDescription

let package = Package(
    name: "SalesClose",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "salesclose", targets: ["salesclose"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20")
    ],
    targets: [
        // The one place that touches C.
        .systemLibrary(
            name: "CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        .target(name: "XlsxWriter", dependencies: ["CXlsxWriter"]),
        // Pure domain: money, days, policy, rules. No I/O.
        .target(name: "SalesCore"),
        // bytes -> text -> CSV records -> typed rows.
        .target(
            name: "Ingest",
            dependencies: [
                "SalesCore",
                .product(name: "ZIPFoundation", package: "ZIPFoundation")
            ]),
        // policy.toml -> Policy, and the canonical printing of a Policy.
        .target(
            name: "PolicyFile",
            dependencies: [
                "SalesCore",
                .product(name: "TOMLKit", package: "TOMLKit")
            ]),
        .target(
            name: "Ledger",
            dependencies: [
                "SalesCore",
                .product(name: "GRDB", package: "GRDB.swift")
            ]),
        .target(name: "Report", dependencies: ["SalesCore", "XlsxWriter", "XlsxReader"]),
        .target(name: "Demo", dependencies: ["SalesCore"]),
        .target(
            name: "CloseRunner",
            dependencies: [
                "SalesCore", "Ingest", "PolicyFile", "Ledger", "Report"
            ]),
        .executableTarget(
            name: "salesclose",
            dependencies: [
                "CloseRunner", "Demo", "SalesCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser")
            ]),
        // Reads workbooks back (tests and the close's own verification helpers).
        .target(
            name: "XlsxReader",
            dependencies: [
                .product(name: "ZIPFoundation", package: "ZIPFoundation")
            ]),
        .testTarget(name: "SalesCoreTests", dependencies: ["SalesCore"]),
        .testTarget(
            name: "IngestTests",
            dependencies: [
                "Ingest", "SalesCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")
            ], exclude: ["Fixtures"]),
        .testTarget(name: "XlsxWriterTests", dependencies: ["XlsxWriter", "XlsxReader"]),
        .testTarget(name: "PolicyFileTests", dependencies: ["PolicyFile", "SalesCore"]),
        .testTarget(name: "LedgerTests", dependencies: ["Ledger", "SalesCore", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "EndToEndTests", dependencies: ["XlsxReader", "SalesCore"], exclude: ["Golden", "Fixtures"]),
        .testTarget(name: "DemoTests", dependencies: ["Demo", "SalesCore"]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "SalesCore", "XlsxReader", "XlsxWriter"]),
        .testTarget(name: "CloseRunnerTests", dependencies: ["CloseRunner", "SalesCore"])
    ]
)
