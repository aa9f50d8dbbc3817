import Testing
import StaffGraphCore
@testable import StaffGraphIO

fileprivate func roster(_ text: String) throws -> Roster {
    try RosterReader.read(bytes: Array(text.utf8), name: "roster.csv")
}

fileprivate func codebook(_ text: String) throws(InputError) -> Codebook {
    try Codebook.read(bytes: Array(text.utf8), name: "codebook.csv")
}

@Suite struct CodebookTests {
    @Test func labelsReplaceCodesAsIfTheRosterHeldThem() throws {
        let people = try roster("id,office,status\na,1,1\nb,2,2\nc, 3 ,1\nd,,9\n")
        let book = try codebook("Column;VALUE;label;source\noffice;1;Boston;Lazega 2001\noffice;2;Hartford;\noffice;3;Providence;\nOffice;4;Nowhere;\nstatus;9;;\nrank;1;top;\n")
        let (labelled, report) = try book.apply(to: people)
        #expect(labelled.attribute("office") == ["Boston", "Hartford", "Providence", ""])
        #expect(labelled.attribute("status") == ["1", "2", "1", ""])
        #expect(labelled.ids == people.ids)
        #expect(report.changedCells == 4)
        #expect(report.columns.map(\.column) == ["office", "status"])
        #expect(report.columns[0].unusedValues == ["4"])
        #expect(report.columns[1].madeMissing == 1 && report.columns[1].unlabelledValues == ["1", "2"])
        #expect(report.unknownColumns.map(\.column) == ["rank"])
        let notes = report.notes(showingValues: true)
        #expect(notes[0] == "codebook codebook.csv: 4 cells relabelled in 2 columns: office 3, status 0 (+ 1 made missing)")
        #expect(notes.contains("codebook codebook.csv: status: 3 cells hold values the codebook does not list ('1', '2'), kept as they are"))
        #expect(notes.contains("codebook codebook.csv: office: 1 value '4' in the codebook is on no one's row"))
        // Without values (anonymization): counts only.
        #expect(report.notes(showingValues: false).allSatisfy { !$0.contains("'1'") && !$0.contains("'4'") })
    }

    @Test func badRowsAreLocated() {
        func error(_ text: String) -> InputError? {
            do { _ = try codebook(text); return nil } catch { return error }
        }
        let twice = error("column,value,label\noffice,1,Boston\nOFFICE,1,Hartford\n")
        #expect(twice?.line == 3 && twice?.column == 8 && twice?.exitCode == 65)
        #expect(twice?.message == "OFFICE '1' is labelled twice (first on line 2)")
        let noColumn = error("column,value,label\n,1,Boston\n")
        #expect(noColumn?.line == 2 && noColumn?.column == 1 && noColumn?.message == "this row names no column")
        let short = error("column,value,label\noffice,1\n")
        #expect(short?.line == 2 && short?.message.hasPrefix("this row has 2 fields") == true)
        #expect(error("")?.message == "the codebook is empty")
        #expect(error("column,value,label,label\n")?.message.contains("appears twice") == true)
        #expect(error("<?xml version=\"1.0\"?><graphml/>") != nil)
    }

    @Test func aCodebookForAnotherRosterIsRefused() throws {
        let people = try roster("id,team\na,Math\n")
        do throws(InputError) {
            _ = try codebook("column,value,label\noffice,1,Boston\n").apply(to: people)
            Issue.record("no error")
        } catch {
            #expect(error.exitCode == 64)
            #expect(error.hint?.contains("team") == true)
        }
        // An empty codebook labels nothing, and says so.
        let (same, report) = try codebook("column,value,label\n").apply(to: people)
        #expect(same.attribute("team") == ["Math"] && report.changedCells == 0)
    }
}

@Suite struct GroupColorsTests {
    static let school = "id,team\na,Math\nb,Arts\nc,Science\nd,math \ne,\nf,Science\n"

    @Test func aSelectionKeepsTheColoursOfTheWholeRoster() throws {
        let people = try roster(Self.school)
        let whole = try people.groupColors(by: "Team", file: "roster.csv")
        #expect(whole.column == "team")
        #expect(whole.groups.map(\.value) == ["Arts", "Math", "Science"])
        #expect(whole.groups.map(\.count) == [1, 2, 2])
        #expect(whole.groups.map(\.color) == Array(GroupColors.palette.prefix(3)))
        // "math " is Math (case and spaces ignored, as --where and --per match values).
        #expect(whole.color(of: "math ") == whole.color(of: "Math"))
        #expect(whole.color(of: "") == GroupColors.missingColor)
        // Math alone, and after anonymization's reordering, keep Math's colour.
        let network = Network(roster: people, layers: [])
        let math = network.restricted(to: [0, 3], description: "team = Math").roster
        #expect(try math.groupColors(by: "team", file: "roster.csv") == whole)
        let anonymized = Anonymization(roster: people, key: 7).apply(to: network.restricted(to: [2, 5], description: "team = Science"))
        #expect(try anonymized.roster.groupColors(by: "team", file: "roster.csv") == whole)
        // Relabelling a column (a codebook) makes its values the whole roster's anew.
        var relabelled = math
        relabelled.setAttribute("team", values: ["Maths", "Maths"])
        #expect(try relabelled.groupColors(by: "team", file: "roster.csv").groups.map(\.value) == ["Maths"])
    }

    @Test func beyondThePaletteTheLargestGroupsKeepColours() {
        // 12 groups: g00 has 3 people, g11 2, the rest 1: nine keep colours, g00, g11 and
        // the first seven of the others in name order (g01 … g07); g08, g09, g10 are "other".
        var values = (0 ..< 12).map { $0 < 10 ? "g0\($0)" : "g\($0)" }
        values += ["g00", "g00", "g11"]
        let colors = GroupColors(column: "team", values: values)
        #expect(colors.groups.count == 12)
        #expect(colors.otherGroups.map(\.value) == ["g08", "g09", "g10"])
        #expect(colors.color(of: "g10") == GroupColors.otherColor)
        #expect(colors.groups.compactMap(\.color) == Array(GroupColors.palette.prefix(9)))
        #expect(colors.description == "team (the 9 largest of 12 values; the other 3 grey)")
        // Colours go to the kept groups in name order.
        #expect(colors.group(of: "g11")?.color == GroupColors.palette[8])
        #expect(colors.color(of: "not on the roster") == GroupColors.otherColor)
    }

    @Test func numbersAreOrderedAsNumbers() {
        let years = GroupColors(column: "years", values: ["11", "2", "1", "2.5", "", "11"])
        #expect(years.groups.map(\.value) == ["1", "2", "2.5", "11"])
        #expect(GroupColors(column: "grade", values: ["10", "K", "2"]).groups.map(\.value) == ["10", "2", "K"])
    }
}
