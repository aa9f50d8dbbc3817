import StaffGraphCore

/// The import itself: plan the relations from the spec, then read the rows.
extension SurveyImportSession {

    struct RelationPlan {
        var name: String
        var scale: SurveySpec.FrequencyScale
        /// Name generator: (names column, frequency column).
        var slots: [(names: Int, frequency: Int?)] = []
        /// Roster matrix: (column, colleague or nil when unresolved).
        var cells: [(column: Int, colleague: Int?)] = []
        var answerColumns: [Int] {
            slots.flatMap { [$0.names] + ($0.frequency.map { [$0] } ?? []) } + cells.map(\.column)
        }
    }

    struct Submission {
        var record: Int
        var person: Int
        var line: Int
        var time: String
    }

    mutating func plan() throws(InputError) -> (respondent: Int, timestamp: Int?, relations: [RelationPlan]) {
        let respondent = try single(spec.respondentColumn, at: spec.respondentColumnLocation, what: "respondent_column")
        var timestamp: Int? = nil
        if let name = spec.timestampColumn {
            timestamp = try single(name, at: spec.timestampColumnLocation ?? SpecLocation(line: 1, column: 1), what: "timestamp_column")
        } else {
            let lowered = headers[0].map(Self.normalise)
            timestamp = SurveyImporter.timestampAliases.lazy.compactMap { lowered.firstIndex(of: $0) }.first
        }
        var used: [Int: String] = [respondent: "respondent_column"]
        if let timestamp { used[timestamp] = "timestamp_column" }
        var plans: [RelationPlan] = []
        for relation in spec.relations {
            var plan = RelationPlan(name: relation.name, scale: spec.scale(for: relation))
            let names = try columns(relation.columns, what: "columns of '\(relation.name.clipped)'")
                .filter { $0.index != respondent && $0.index != timestamp }
            if names.isEmpty, let at = relation.columns.locations.first {
                throw InputError(file: spec.file, line: at.line, column: at.column, "the columns of '\(relation.name.clipped)' select only the respondent or timestamp column",
                                 hint: "name the answer columns")
            }
            var planColumns: [(Int, SpecLocation)] = names.map { ($0.index, $0.at) }
            switch spec.shape {
            case .nameGenerator:
                if let frequency = relation.frequency {
                    let freq = try columns(frequency, what: "frequency of '\(relation.name.clipped)'")
                    if freq.count != names.count, let at = frequency.locations.first {
                        throw InputError(file: spec.file, line: at.line, column: at.column,
                                         "'frequency' of '\(relation.name.clipped)' selects \(freq.count) column\(freq.count == 1 ? "" : "s") but 'columns' selects \(names.count)",
                                         hint: "give one frequency column per names column; the n-th frequency column belongs to the n-th names column")
                    }
                    plan.slots = zip(names, freq).map { ($0.index, $1.index) }
                    planColumns += freq.map { ($0.index, $0.at) }
                } else {
                    plan.slots = names.map { ($0.index, nil) }
                }
            case .rosterMatrix:
                var resolved = 0
                for column in names {
                    if column.capture.isEmpty { continue }
                    let (line, col) = (headerFields[column.row][column.index].line, csv.column(of: headerFields[column.row][column.index]))
                    switch matcher.match(column.capture) {
                    case let .matched(person, rule):
                        report.columnMatches.add(rule)
                        plan.cells.append((column.index, person))
                        resolved += 1
                    case let .ambiguous(candidates, rule):
                        report.columnMatches.ambiguous += 1
                        plan.cells.append((column.index, nil))
                        report.review.append(ReviewItem(line: line, column: col, columnName: columnName(column.index), text: column.capture, problem: .ambiguousColumn,
                                                        candidates: candidates, note: "the \(rule.rawValue) fits \(candidates.count) people; the column's answers are set aside"))
                    case let .unmatched(suggestions):
                        report.columnMatches.unmatched += 1
                        plan.cells.append((column.index, nil))
                        report.review.append(ReviewItem(line: line, column: col, columnName: columnName(column.index), text: column.capture, problem: .unmatchedColumn,
                                                        candidates: suggestions, note: Self.unmatchedNote(suggestions, matcher: matcher) + "; the column's answers are set aside"))
                    case .blank:
                        report.columnMatches.placeholders += 1
                    }
                }
                if resolved == 0, let first = names.first {
                    let examples = names.prefix(3).map { "'\($0.capture.clipped)'" }.joined(separator: ", ")
                    throw InputError(file: spec.file, line: first.at.line, column: first.at.column,
                                     "none of the \(names.count) columns of '\(relation.name.clipped)' names a colleague on the roster (the * stands for \(examples) …)",
                                     hint: "the * must stand for the colleague's name or id; in a Qualtrics export the names are in the second header row: set header_rows: 3 and write the question text, e.g. \"How often … - *\"")
                }
            }
            for (c, at) in planColumns {
                if let other = used[c] {
                    throw InputError(file: spec.file, line: at.line, column: at.column, "column '\(columnName(c).clipped)' is used twice (\(other) and '\(relation.name.clipped)')",
                                     hint: "each column of the export belongs to one question")
                }
                used[c] = "'\(relation.name.clipped)'"
            }
            plans.append(plan)
        }
        return (respondent, timestamp, plans)
    }

    static func unmatchedNote(_ suggestions: [Int], matcher: NameMatcher) -> String {
        suggestions.isEmpty ? "no one on the roster has this name or a close one" : "no one on the roster has this name; closest: \(suggestions.map { matcher.displayName($0) }.joined(separator: ", "))"
    }

    mutating func run() throws(InputError) -> SurveyImport {
        let (respondentColumn, timestampColumn, plans) = try plan()
        let answerColumns = plans.flatMap(\.answerColumns)
        report.rows = records.count + blankLines
        report.blankRows = blankLines

        // Pass 1: who answered; check every label.
        var submissions: [Submission] = []
        for (r, fields) in records.enumerated() {
            if let extra = fields.dropFirst(headers[0].count).first(where: { !$0.isEmpty }) {
                throw InputError(file: path, line: extra.line, column: csv.column(of: extra), "this row has \(fields.count) fields; the header has \(headers[0].count)",
                                 hint: "quote answers that contain the separator, e.g. \"Núñez, José\"")
            }
            let who = cell(fields, respondentColumn)
            if who.isEmpty && answerColumns.allSatisfy({ cell(fields, $0).isEmpty }) {
                report.blankRows += 1
                continue
            }
            for plan in plans {
                for slot in plan.slots { if let f = slot.frequency { _ = try weight(fields, f, scale: plan.scale, relation: plan.name) } }
                for c in plan.cells { _ = try weight(fields, c.column, scale: plan.scale, relation: plan.name) }
            }
            let (line, column) = location(fields, respondentColumn)
            if who.isEmpty {
                report.rowsWithoutRespondent += 1
                report.review.append(ReviewItem(line: line, column: column, columnName: columnName(respondentColumn), text: "", problem: .missingRespondent,
                                                note: "the row has answers but no respondent; its answers are set aside"))
                continue
            }
            guard let person = identify(who, line: line, column: column, respondentColumn: respondentColumn) else { continue }
            submissions.append(Submission(record: r, person: person, line: line, time: timestampColumn.map { cell(fields, $0) } ?? ""))
        }

        // Keep the latest submission per person.
        let keys = order(submissions, timestampColumn: timestampColumn)
        var latest: [Int: Int] = [:] // person -> submission index
        for (s, submission) in submissions.enumerated() {
            if let k = latest[submission.person], keys[k] > keys[s] { continue }
            latest[submission.person] = s
        }
        var kept: [Submission] = []
        for (s, submission) in submissions.enumerated() {
            guard let k = latest[submission.person] else { continue }
            if k == s { kept.append(submission); continue }
            report.duplicatesDropped += 1
            let fields = records[submission.record]
            let (line, column) = location(fields, respondentColumn)
            let when: String
            switch report.order {
            case .timestamps: when = "submitted later"
            case .fileOrder: when = "later in the file"
            }
            report.review.append(ReviewItem(line: line, column: column, columnName: columnName(respondentColumn), text: cell(fields, respondentColumn), problem: .duplicateSubmission,
                                            candidates: [submission.person], note: "dropped: the same person's submission on line \(submissions[k].line) is kept (\(when))"))
        }

        // Pass 2: the answers of the kept submissions.
        let before = roster.responses(wave: report.wave) ?? Array(repeating: nil, count: roster.count)
        var strongest: [TieKey: Double] = [:]
        for submission in kept {
            let fields = records[submission.record]
            for (p, plan) in plans.enumerated() {
                for slot in plan.slots {
                    let text = cell(fields, slot.names)
                    var strength: Double? = nil
                    if let f = slot.frequency { strength = try weight(fields, f, scale: plan.scale, relation: plan.name) }
                    if text.isEmpty {
                        if strength != nil { report.frequenciesWithoutName += 1 }
                        continue
                    }
                    let (line, column) = location(fields, slot.names)
                    let header = columnName(slot.names)
                    let item = { (problem: ReviewItem.Problem, candidates: [Int], note: String) in
                        ReviewItem(line: line, column: column, columnName: header, text: text, problem: problem, candidates: candidates, note: note)
                    }
                    switch matcher.match(text) {
                    case .blank:
                        report.nameMatches.placeholders += 1
                    case let .ambiguous(candidates, rule):
                        report.nameMatches.ambiguous += 1
                        report.review.append(item(.ambiguousName, candidates, "the \(rule.rawValue) fits \(candidates.count) people"))
                    case let .unmatched(suggestions):
                        report.nameMatches.unmatched += 1
                        report.review.append(item(.unmatchedName, suggestions, Self.unmatchedNote(suggestions, matcher: matcher)))
                    case let .matched(target, rule):
                        report.nameMatches.add(rule)
                        if target == submission.person {
                            report.selfNominations += 1
                            report.review.append(item(.selfNomination, [target], "dropped: the respondent named themselves"))
                            continue
                        }
                        var w = spec.defaultWeight
                        if let strength { w = strength } else if slot.frequency != nil { report.namesWithoutFrequency += 1 }
                        if w == 0 { report.zeroStrengthAnswers += 1; continue }
                        add(TieKey(relation: p, source: submission.person, target: target), w, to: &strongest)
                    }
                }
                for c in plan.cells {
                    guard let strength = try weight(fields, c.column, scale: plan.scale, relation: plan.name) else { continue }
                    guard let target = c.colleague else { report.answersInUnresolvedColumns += 1; continue }
                    if strength == 0 { report.zeroStrengthAnswers += 1; continue }
                    if target == submission.person {
                        report.selfNominations += 1
                        let (line, column) = location(fields, c.column)
                        report.review.append(ReviewItem(line: line, column: column, columnName: columnName(c.column), text: cell(fields, c.column), problem: .selfNomination,
                                                        candidates: [target], note: "dropped: the respondent rated themselves"))
                        continue
                    }
                    add(TieKey(relation: p, source: submission.person, target: target), strength, to: &strongest)
                }
            }
        }

        // Response status for the wave.
        var submitted = Array(repeating: false, count: roster.count)
        for s in kept { submitted[s.person] = true }
        var values: [ResponseStatus?] = []
        values.reserveCapacity(roster.count)
        for i in 0 ..< roster.count {
            if submitted[i] {
                report.respondents += 1
                if before[i] == .absent { report.absentButSubmitted += 1 }
                values.append(.responded)
            } else if before[i] == .absent {
                report.absent += 1
                values.append(.absent)
            } else {
                report.nonrespondents += 1
                values.append(.nonrespondent)
            }
        }
        roster.setResponses(wave: report.wave, values: values)

        // Ties in order.
        let tieKeys = strongest.keys.sorted { ($0.relation, $0.source, $0.target) < ($1.relation, $1.source, $1.target) }
        var ties: [SurveyTie] = []
        ties.reserveCapacity(tieKeys.count)
        var perRelation = Array(repeating: 0, count: plans.count)
        for key in tieKeys {
            ties.append(SurveyTie(source: key.source, target: key.target, weight: strongest[key] ?? 0, relation: plans[key.relation].name))
            perRelation[key.relation] += 1
            if values[key.target] == .absent { report.tiesToAbsent += 1 }
        }
        report.ties = zip(plans, perRelation).map { RelationCount(relation: $0.name, ties: $1) }
        report.review.sort { ($0.line, $0.column) < ($1.line, $1.column) }

        if options.strict {
            let unresolved = report.unresolved
            if let first = unresolved.first {
                let details = unresolved.prefix(20).map { item -> String in
                    let candidates = item.candidates.isEmpty ? "" : " (\(item.problem == .ambiguousName || item.problem == .ambiguousRespondent || item.problem == .ambiguousColumn ? "could be" : "closest"): \(item.candidates.map { matcher.displayName($0) }.joined(separator: ", ")))"
                    return "\(path):\(item.line):\(item.column): \(item.problem.rawValue) '\(item.text.clipped)'\(candidates)"
                } + (unresolved.count > 20 ? ["… and \(unresolved.count - 20) more"] : [])
                throw InputError(file: path, line: first.line, column: first.column,
                                 "\(unresolved.count) name\(unresolved.count == 1 ? "" : "s") could not be matched to the roster (\(setting: .strict))",
                                 hint: "add the spellings to the roster's aliases column (separated by ; or |), correct the export, or import without \(setting: .strict) to write them to review.csv",
                                 details: details)
            }
        }
        let names = roster.ids.indices.map { matcher.displayName($0) }
        return SurveyImport(roster: roster, ties: ties, report: report, names: names)
    }

    struct TieKey: Hashable {
        var relation: Int
        var source: Int
        var target: Int
    }

    mutating func add(_ key: TieKey, _ weight: Double, to ties: inout [TieKey: Double]) {
        if let old = ties[key] {
            report.repeatedNamesMerged += 1
            ties[key] = max(old, weight)
        } else {
            ties[key] = weight
        }
    }

    /// The roster index of a respondent, or `nil` (with a review item) when they cannot be identified.
    mutating func identify(_ who: String, line: Int, column: Int, respondentColumn: Int) -> Int? {
        let name = columnName(respondentColumn)
        if let keys = respondentKeys {
            let hits = keys[who.lowercased(), default: []]
            if hits.count == 1 { report.respondentMatches.add(.exact); return hits[0] }
            if hits.count > 1 {
                report.respondentMatches.ambiguous += 1
                report.ambiguousRespondents += 1
                report.review.append(ReviewItem(line: line, column: column, columnName: name, text: who, problem: .ambiguousRespondent, candidates: hits,
                                                note: "\(hits.count) people have this \(spec.respondentRosterColumn ?? "value") on the roster; the row's answers are set aside"))
                return nil
            }
            report.respondentMatches.unmatched += 1
            report.unknownRespondents += 1
            // Suggest only values within two edits: addresses share their domain, so looser matches mean nothing.
            let typed = Array(who.lowercased().unicodeScalars)
            var guess: [Int] = []
            for (i, value) in respondentKeyValues.enumerated() where guess.count < 3 {
                let v = value.trimmingSpaces.lowercased()
                if !v.isEmpty && editDistance(typed, Array(v.unicodeScalars), limit: 2) <= 2 { guess.append(i) }
            }
            report.review.append(ReviewItem(line: line, column: column, columnName: name, text: who, problem: .unknownRespondent, candidates: guess,
                                            note: "no one on the roster has this \(spec.respondentRosterColumn ?? "value"); the row's answers are set aside"))
            return nil
        }
        switch matcher.match(who) {
        case let .matched(person, rule):
            report.respondentMatches.add(rule)
            return person
        case let .ambiguous(candidates, rule):
            report.respondentMatches.ambiguous += 1
            report.ambiguousRespondents += 1
            report.review.append(ReviewItem(line: line, column: column, columnName: name, text: who, problem: .ambiguousRespondent, candidates: candidates,
                                            note: "the \(rule.rawValue) fits \(candidates.count) people; the row's answers are set aside"))
        case let .unmatched(suggestions):
            report.respondentMatches.unmatched += 1
            report.unknownRespondents += 1
            report.review.append(ReviewItem(line: line, column: column, columnName: name, text: who, problem: .unknownRespondent, candidates: suggestions,
                                            note: Self.unmatchedNote(suggestions, matcher: matcher) + "; the row's answers are set aside"))
        case .blank:
            report.respondentMatches.placeholders += 1
            report.rowsWithoutRespondent += 1
            report.review.append(ReviewItem(line: line, column: column, columnName: name, text: who, problem: .missingRespondent,
                                            note: "the row has answers but no respondent; its answers are set aside"))
        }
        return nil
    }

    /// Sort keys for submissions (higher = later): times when every submission has a readable one, else file order.
    mutating func order(_ submissions: [Submission], timestampColumn: Int?) -> [Int64] {
        let fileOrder = submissions.indices.map { Int64($0) }
        guard let timestampColumn else {
            report.order = .fileOrder(reason: nil)
            return fileOrder
        }
        let column = columnName(timestampColumn)
        var slash: SurveyTimestamp.SlashOrder = spec.dateOrder == .dayFirst ? .dayFirst : .monthFirst
        if spec.dateOrder == nil {
            var firstOver12 = false, secondOver12 = false
            for s in submissions {
                if let (a, b) = SurveyTimestamp.slashParts(s.time) {
                    if a > 12 { firstOver12 = true }
                    if b > 12 { secondOver12 = true }
                }
            }
            if firstOver12 && secondOver12 {
                report.order = .fileOrder(reason: "the dates in '\(column.clipped)' mix day-first and month-first forms")
                return fileOrder
            }
            if firstOver12 { slash = .dayFirst }
        }
        var times: [Int64] = []
        times.reserveCapacity(submissions.count)
        for s in submissions {
            guard let t = SurveyTimestamp.parse(s.time, slashOrder: slash) else {
                report.order = .fileOrder(reason: s.time.isEmpty ? "line \(s.line) has no time in '\(column.clipped)'" : "'\(s.time.clipped)' on line \(s.line) is not a date and time StaffGraph reads")
                return fileOrder
            }
            times.append(t)
        }
        report.order = .timestamps(column: column)
        // Time first, file order to break ties: fits in 64 bits for any real date.
        return zip(times, fileOrder).map { $0 &* 1_000_000 &+ $1 }
    }
}
