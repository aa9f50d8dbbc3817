import FuzzSupport
import StaffGraphIO

/// libFuzzer's entry: read the bytes as a roster CSV; if they read, write the roster and read it back.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Fuzz.bytes(start, count)
    guard let roster = try? RosterReader.read(bytes: bytes, name: "input") else { return 0 }
    Fuzz.rosterRoundTrip(roster)
    return 0
}
