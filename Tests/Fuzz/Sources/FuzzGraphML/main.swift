import FuzzSupport

/// libFuzzer's entry: read the bytes as graphml; if they read, write and read them back.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    Fuzz.roundTrip(Fuzz.bytes(start, count), .graphml)
    return 0
}
