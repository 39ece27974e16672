// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("ExistentialAny"),
]

/// Relative relocations packed (RELR, glibc 2.36 and later), for lld: both release executables use them.
let packedRelocations = ["-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"]
/// The libraries the static FoundationEssentials needs beside it, which SwiftPM does not name.
let staticFoundationEssentialsSupport = ["-Xlinker", "-l_FoundationCollections", "-Xlinker", "-l_FoundationCShims"]

let package = Package(
    name: "maintd",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "maintd", targets: ["maintd"]),
        .executable(name: "maintctl", targets: ["maintctl"]),
        .executable(name: "maintd-web", targets: ["maintd-web"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // maintd-web only; no traits: neither swift-configuration nor full Foundation is needed.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // Pure scheduling core: configuration, calendar expressions, durations, due states. No I/O, no clock.
        .target(
            name: "MaintenanceCore",
            dependencies: [.product(name: "HashTreeCollections", package: "swift-collections")],
            swiftSettings: strict),
        // Reads configuration files (with includes) and the system's zoneinfo for the core.
        .target(name: "MaintenanceFiles", dependencies: ["MaintenanceCore"], swiftSettings: strict),
        // The history: append-only, hash-chained records in SQLite through GRDB.
        .target(
            name: "MaintenanceStore",
            dependencies: [
                "MaintenanceCore", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        // The Varlink interface io.maintd.Maintenance: framing, wire types, a client. Shared by maintd and maintctl.
        .target(
            name: "MaintenanceProtocol", dependencies: ["MaintenanceCore"],
            exclude: ["io.maintd.Maintenance.varlink"], swiftSettings: strict),
        // libsystemd (journal, sd_notify, socket activation) and a thin Swift face over it.
        .systemLibrary(name: "CSystemd", pkgConfig: "libsystemd", providers: [.apt(["libsystemd-dev"])]),
        .target(name: "Systemd", dependencies: ["CSystemd"], swiftSettings: strict),
        // The service: scheduling loop, timers, journald notifications, sd_notify, reload, the socket.
        .target(
            name: "MaintenanceDaemon",
            dependencies: [
                "MaintenanceCore", "MaintenanceFiles", "MaintenanceStore", "MaintenanceProtocol", "Systemd",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // What maintctl shows people: tables, reports, relative times. No I/O beyond what callers hand in.
        .target(
            name: "MaintenanceCLI", dependencies: ["MaintenanceCore", "MaintenanceProtocol"], swiftSettings: strict),
        .executableTarget(
            name: "maintctl",
            dependencies: [
                "MaintenanceCore", "MaintenanceFiles", "MaintenanceCLI", "MaintenanceProtocol",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict,
            // maintctl links FoundationEssentials only (no ICU). In release it is one static position-independent
            // executable (lld, relative relocations packed): no dynamic loader, no shared library to map or bind,
            // half the page faults, and the kernel still places it at a random address. It starts in well under half
            // the time systemd-analyze takes (BENCHMARKS.md).
            linkerSettings: [
                .unsafeFlags(
                    [
                        "-static-executable", "-use-ld=\(Context.packageDirectory)/scripts/ld-static-pie",
                        "-Xclang-linker", "-static-pie",
                    ] + packedRelocations + staticFoundationEssentialsSupport,
                    .when(configuration: .release))
            ]
        ),
        .executableTarget(
            name: "maintd",
            dependencies: [
                "MaintenanceCore", "MaintenanceFiles", "MaintenanceDaemon", "MaintenanceStore", "MaintenanceProtocol",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict,
            // In release, the Swift runtime and Foundation are linked in (only what maintd reaches) by lld, relative
            // relocations packed: the code a running daemon keeps mapped is 6 MiB smaller than with the shared
            // libraries (gold with the same static libraries: 3 MiB). libsystemd and SQLite stay shared.
            linkerSettings: [
                .unsafeFlags(
                    [
                        "-static-stdlib", "-use-ld=lld", "-Xlinker", "--no-export-dynamic", "-Xlinker",
                        "--symbol-ordering-file=\(Context.packageDirectory)/scripts/maintd.symbol-order", "-Xlinker",
                        "--no-warn-symbol-ordering",
                    ] + packedRelocations
                        + [
                            "-Xlinker", "-lCoreFoundation", "-Xlinker", "-lFoundationInternationalization", "-Xlinker",
                            "-l_FoundationICU", "-Xlinker", "-lFoundationEssentials",
                        ] + staticFoundationEssentialsSupport,
                    .when(configuration: .release))
            ]
        ),
        // The HTTP face (board, calendar feed, metrics): a client of maintd's socket, never of its database.
        .target(
            name: "MaintenanceWeb",
            dependencies: [
                "MaintenanceCore", "MaintenanceProtocol", "MaintenanceFiles", "MaintenanceCLI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .executableTarget(
            name: "maintd-web",
            dependencies: [
                "MaintenanceWeb", "MaintenanceProtocol",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        // Benchmarks of the built daemon (see BENCHMARKS.md): `make bench`.
        .executableTarget(
            name: "maintd-bench", dependencies: ["MaintenanceProtocol"], path: "Benchmarks/MaintdBench",
            swiftSettings: strict),
        .testTarget(name: "MaintenanceCoreTests", dependencies: ["MaintenanceCore"], swiftSettings: strict),
        .testTarget(
            name: "MaintenanceStoreTests",
            dependencies: [
                "MaintenanceStore", "MaintenanceCore", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["maintctl", "maintd", "MaintenanceCore", "MaintenanceProtocol", "MaintenanceStore"],
            swiftSettings: strict),
        .testTarget(
            name: "MaintenanceFilesTests", dependencies: ["MaintenanceCore", "MaintenanceFiles"], swiftSettings: strict),
        .testTarget(
            name: "MaintenanceCLITests", dependencies: ["MaintenanceCLI", "MaintenanceCore", "MaintenanceProtocol"],
            swiftSettings: strict),
        .testTarget(
            name: "MaintenanceProtocolTests", dependencies: ["MaintenanceProtocol", "MaintenanceCore"],
            swiftSettings: strict),
        .testTarget(
            name: "MaintenanceDaemonTests",
            dependencies: [
                "MaintenanceDaemon", "MaintenanceCore", "MaintenanceProtocol", "MaintenanceStore",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            swiftSettings: strict),
    ]
)
