// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "Isnad",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "isnad", targets: ["isnad"]),
        .library(name: "IsnadText", targets: ["IsnadText"]),
        .library(name: "IsnadIngest", targets: ["IsnadIngest"]),
        .library(name: "IsnadStore", targets: ["IsnadStore"]),
        .library(name: "IsnadEncoder", targets: ["IsnadEncoder"]),
        .library(name: "IsnadStories", targets: ["IsnadStories"]),
        .library(name: "IsnadClaims", targets: ["IsnadClaims"]),
        .library(name: "IsnadReport", targets: ["IsnadReport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        // The encoder's numeric kernels: always optimized (debug builds and tests included), with
        // per-function target attributes and run-time dispatch instead of -march flags.
        .target(
            name: "CIsnadKernels",
            cSettings: [.unsafeFlags(["-O3", "-fno-math-errno"])]),
        .target(name: "IsnadText", swiftSettings: strict),
        .target(name: "IsnadIngest", dependencies: ["IsnadText", "CLibXML2", "CZlib"], swiftSettings: strict),
        .target(name: "IsnadEncoder", dependencies: ["CIsnadKernels"], swiftSettings: strict),
        .target(name: "IsnadStories", dependencies: ["IsnadText", "IsnadIngest", "IsnadEncoder"], swiftSettings: strict),
        // Who said what: entity mentions, attributed statements (speaker, cue, stance, content,
        // via chain) and entities across articles and scripts. Cue lexicons are data files.
        .target(
            name: "IsnadClaims",
            dependencies: ["IsnadText", "IsnadIngest", .product(name: "GRDB", package: "GRDB.swift")],
            resources: [.copy("Resources/lexicon")],
            swiftSettings: strict),
        .target(
            name: "IsnadStore",
            dependencies: ["IsnadText", "IsnadIngest", "IsnadStories", "IsnadClaims", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict),
        // The story report (the JSON contract) and the pipeline that keeps a store's stories up to
        // date: above ingest, stories and the store (and, next, claims).
        .target(
            name: "IsnadReport",
            dependencies: ["IsnadText", "IsnadIngest", "IsnadEncoder", "IsnadStories", "IsnadClaims", "IsnadStore"],
            swiftSettings: strict),
        // Evaluation against the development data and the shared-data lookup: used by the CLI
        // (`eval`, `bench`) and the tests, never by the product libraries.
        .target(
            name: "IsnadEvaluation",
            dependencies: ["IsnadText", "IsnadIngest", "IsnadStories", "IsnadClaims", "IsnadStore", "IsnadReport"],
            swiftSettings: strict),
        .executableTarget(
            name: "isnad",
            dependencies: [
                "IsnadText", "IsnadIngest", "IsnadStore", "IsnadEncoder", "IsnadStories", "IsnadClaims", "IsnadEvaluation", "IsnadReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),
        .testTarget(name: "IsnadClaimsTests", dependencies: ["IsnadClaims", "IsnadIngest", "IsnadText", "IsnadEvaluation"], swiftSettings: strict),
        .testTarget(name: "IsnadTextTests", dependencies: ["IsnadText"], swiftSettings: strict),
        .testTarget(name: "IsnadIngestTests", dependencies: ["IsnadIngest", "IsnadText", "IsnadEvaluation"], swiftSettings: strict),
        .testTarget(name: "IsnadStoreTests", dependencies: ["IsnadStore", "IsnadIngest", "IsnadStories", "IsnadEvaluation", "IsnadReport", .product(name: "GRDB", package: "GRDB.swift")],
                    swiftSettings: strict),
        .testTarget(name: "IsnadEncoderTests", dependencies: ["IsnadEncoder", "IsnadIngest", "IsnadEvaluation"], swiftSettings: strict),
        .testTarget(name: "IsnadStoriesTests", dependencies: ["IsnadStories", "IsnadEncoder", "IsnadIngest", "IsnadEvaluation"], swiftSettings: strict),
        .testTarget(name: "IsnadCLITests", dependencies: ["IsnadIngest", "IsnadEvaluation", "IsnadEncoder", .product(name: "GRDB", package: "GRDB.swift")],
                    swiftSettings: strict),
    ]
)
