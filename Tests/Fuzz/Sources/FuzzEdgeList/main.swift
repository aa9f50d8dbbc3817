import FuzzSupport
import StaffGraphIO

/// libFuzzer's entry: read the bytes as a CSV edge list (no roster; then on the roster of its own
/// ids with a relation and wave given); if they read, write and read them back.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Fuzz.bytes(start, count)
    Fuzz.roundTrip(bytes, .csv)
    if let first = try? EdgeListReader.read(bytes: bytes, name: "input") {
        var options = EdgeListOptions()
        options.relation = "advice"
        options.wave = "fall"
        options.minimumWeight = 1
        _ = try? EdgeListReader.read(bytes: bytes, name: "input", roster: first.network.roster, options: options)
    }
    return 0
}
