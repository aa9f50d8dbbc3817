// swift-tools-version:6.0
// libFuzzer targets for StaffGraphIO's readers: a nested package (as Benchmarks/ is), so the
// root build never builds them. Build and run with `make fuzz` (see Tests/Fuzz/README.md):
//   swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
import PackageDescription

/// One executable per reader; each holds a `LLVMFuzzerTestOneInput` that feeds the bytes to it.
let readers = ["FuzzEdgeList", "FuzzRoster", "FuzzGraphML", "FuzzGEXF", "FuzzNodeLinkJSON", "FuzzPajek", "FuzzUCINETDL", "FuzzSurveySpec", "FuzzMemberships"]

let package = Package(
    name: "StaffGraphFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "StaffGraph", path: "../..")],
    targets: [
        // <Module>_main for each executable, which SwiftPM's link needs and -parse-as-library leaves out.
        .target(name: "FuzzEntry"),
        .target(
            name: "FuzzSupport",
            dependencies: ["FuzzEntry", .product(name: "StaffGraphIO", package: "StaffGraph"), .product(name: "StaffGraphCore", package: "StaffGraph")]
        ),
    ] + readers.map { name in
        .executableTarget(name: name, dependencies: ["FuzzSupport", "FuzzEntry", .product(name: "StaffGraphIO", package: "StaffGraph"), .product(name: "StaffGraphCore", package: "StaffGraph")])
    },
    swiftLanguageModes: [.v6]
)
