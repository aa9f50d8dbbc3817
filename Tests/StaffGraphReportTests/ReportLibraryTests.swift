import Testing
@testable import StaffGraphReport

@Suite struct ReportLibraryTests {
    @Test func versionIsSet() { #expect(!ReportLibrary.version.isEmpty) }
}
