import FuzzSupport

/// libFuzzer's entry: read the bytes as json; if they read, write and read them back.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    Fuzz.roundTrip(Fuzz.bytes(start, count), .json)
    return 0
}
