import FuzzSupport
import StaffGraphCore
import StaffGraphIO

/// The people the memberships may name: the sample school's ids and a few short ones.
let people = Roster(ids: (1 ... 62).map { $0 < 10 ? "p0\($0)" : "p\($0)" } + ["a", "b", "c", "1", "2"])

/// libFuzzer's entry: read the bytes as a memberships CSV; if they read, build the
/// two-mode network of every wave and compute its projections and centralities.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Fuzz.bytes(start, count)
    var options = MembershipOptions()
    options.allowUnknown = count % 2 == 0
    guard let read = try? MembershipReader.read(bytes: bytes, name: "input", roster: people, options: options) else { return 0 }
    for wave in [nil] + read.waves.map(Optional.init) {
        let (network, groups) = read.twoMode(over: people, wave: wave)
        precondition(network.groupCount == groups.count)
        for weight in ProjectionWeight.allCases {
            _ = network.personProjection(weight)
            _ = network.groupProjection(weight)
        }
        _ = network.degreeCentrality()
        _ = network.closenessCentrality(threads: 1)
        _ = network.betweennessCentrality(threads: 1)
        _ = network.connectingPeople()
        _ = network.unconnectedGroups()
    }
    return 0
}
