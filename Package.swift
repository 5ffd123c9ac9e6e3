// swift-tools-version: 6.1
import PackageDescription

/// One setting list for every target, so the whole tree builds under the same rules.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

/// The service modules, each a folder `Modules/<Name>` holding `struct <Name>: ServicePlugin`.
/// Adding a module is that folder plus its name here; the registry is generated from this list.
let moduleNames = ["Traefik", "Authentik", "Planka", "Kopia", "Watchtower", "Restic", "Dozzle", "Caddy", "UptimeKuma"]

let moduleTargets: [Target] = moduleNames.map { name in
    .target(
        name: "Berth\(name)",
        dependencies: ["ServicePlugin"],
        path: "Modules/\(name)",
        swiftSettings: swiftSettings
    )
}

/// Every module has a test target; a module without `Tests/Modules/<Name>Tests` does not build.
let moduleTestTargets: [Target] = moduleNames.map { name in
    .testTarget(
        name: "Berth\(name)Tests",
        dependencies: [.target(name: "Berth\(name)"), "ServicePlugin", "PluginTesting"],
        path: "Tests/Modules/\(name)Tests",
        exclude: ["__Snapshots__"],
        swiftSettings: swiftSettings
    )
}

let package = Package(
    name: "berth",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "berth", targets: ["Host"]),
        .library(name: "ServicePlugin", targets: ["ServicePlugin"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.0"),
        // Already built for swift-nio-ssl: the certificates Berth issues for Traefik's `internal` source.
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        .target(name: "ServicePlugin", swiftSettings: swiftSettings),
        .target(
            name: "BerthCore",
            dependencies: [
                "ServicePlugin",
                .product(name: "Yams", package: "Yams"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOSOCKS", package: "swift-nio-extras"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
            ] + moduleNames.map { .target(name: "Berth\($0)") },
            swiftSettings: swiftSettings,
            plugins: ["RegistryPlugin"]
        ),
        .plugin(name: "RegistryPlugin", capability: .buildTool()),
        .plugin(name: "VersionPlugin", capability: .buildTool()),
        .target(
            name: "BerthCLI",
            dependencies: [
                "BerthCore",
                "ServicePlugin",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings,
            plugins: ["VersionPlugin"]
        ),
        .target(name: "CArguments", path: "Sources/CArguments"),
        .executableTarget(name: "Host", dependencies: ["BerthCLI", "CArguments"], path: "Sources/Host", swiftSettings: swiftSettings),
        .target(name: "PluginTesting", dependencies: ["ServicePlugin"], path: "Tests/Support/PluginTesting", swiftSettings: swiftSettings),
        .testTarget(name: "ServicePluginTests", dependencies: ["ServicePlugin"], swiftSettings: swiftSettings),
        .testTarget(
            name: "BerthCoreTests",
            dependencies: [
                "BerthCore", "ServicePlugin", "PluginTesting", .product(name: "Yams", package: "Yams"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Deploy/__Snapshots__", "Apps/__Snapshots__", "CI/__Snapshots__", "Adopt/__Snapshots__", "Swarm/__Snapshots__"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HostTests", dependencies: ["BerthCore", "Host", "PluginTesting"], exclude: ["Support/registry-front.py", "Support/load.py"], swiftSettings: swiftSettings),
    ] + moduleTargets + moduleTestTargets
)
