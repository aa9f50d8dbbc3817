import FuzzSupport
import StaffGraphIO

/// libFuzzer's entry: read the bytes as a survey spec (YAML).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    _ = try? SurveySpec.read(bytes: Fuzz.bytes(start, count), name: "input")
    return 0
}
