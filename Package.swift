// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "StaffGraph",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "StaffGraphCore", targets: ["StaffGraphCore"]),
        .library(name: "StaffGraphIO", targets: ["StaffGraphIO"]),
        .library(name: "StaffGraphRender", targets: ["StaffGraphRender"]),
        .library(name: "StaffGraphReport", targets: ["StaffGraphReport"]),
        .executable(name: "staffgraph", targets: ["staffgraph"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.0"),
    ],
    targets: [
        .target(name: "StaffGraphCore"),
        .target(name: "StaffGraphIO", dependencies: ["StaffGraphCore", .product(name: "Yams", package: "Yams")]),
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"]), .brew(["graphviz"])]
        ),
        .target(name: "StaffGraphRender", dependencies: ["CGraphviz", "StaffGraphCore"]),
        .target(name: "StaffGraphReport", dependencies: ["StaffGraphCore", "StaffGraphIO", "StaffGraphRender"]),
        .executableTarget(
            name: "staffgraph",
            dependencies: [
                "StaffGraphCore",
                "StaffGraphIO",
                "StaffGraphRender",
                "StaffGraphReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "StaffGraphCoreTests", dependencies: ["StaffGraphCore"]),
        .testTarget(name: "StaffGraphIOTests", dependencies: ["StaffGraphIO", "StaffGraphCore"]),
        .testTarget(name: "StaffGraphRenderTests", dependencies: ["StaffGraphRender", "StaffGraphCore"]),
        .testTarget(name: "StaffGraphReportTests", dependencies: ["StaffGraphReport", "StaffGraphCore", "StaffGraphIO", "StaffGraphRender"]),
        .testTarget(name: "StaffGraphCLITests", dependencies: ["staffgraph", "StaffGraphIO"]),
    ],
    swiftLanguageModes: [.v6]
)
