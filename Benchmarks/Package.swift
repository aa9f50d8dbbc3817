// swift-tools-version:6.0
// A nested package, so the root build never resolves benchmark dependencies.
import PackageDescription

let package = Package(
    name: "StaffGraphBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "StaffGraph", path: "..")],
    targets: [
        .executableTarget(
            name: "staffgraph-bench",
            dependencies: [
                .product(name: "StaffGraphCore", package: "StaffGraph"),
                .product(name: "StaffGraphIO", package: "StaffGraph"),
                .product(name: "StaffGraphRender", package: "StaffGraph"),
            ],
            swiftSettings: [.unsafeFlags(["-Ounchecked"])]
        ),
    ],
    swiftLanguageModes: [.v6]
)
