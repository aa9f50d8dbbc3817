import Foundation
import Testing
import StaffGraphIO

fileprivate func jsonObject(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

fileprivate let school = ["Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv", "--relation", "advice", "--wave", "fall"]
fileprivate let formalRoles = "role=principal,assistant principal,instructional coach,department chair"

@Suite struct GroupsLeadersTests {
    @Test func groupsJSONHasTheDocumentedKeys() throws {
        let run = try runStaffGraph(["groups"] + school + ["--by", "team", "--format", "json", "--permutations", "500"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try jsonObject(run.stdout)
        for key in ["ei_index", "ei_p_value", "groups", "block_density", "modularity", "permutations", "seed", "people"] {
            #expect(json[key] != nil, "missing \(key)")
        }
        let groups = try #require(json["groups"] as? [[String: Any]])
        #expect(groups.count == 10)
        #expect(groups.map { $0["group"] as? String ?? "" } == groups.map { $0["group"] as? String ?? "" }.sorted())
        let sizes = groups.compactMap { $0["size"] as? Int }
        #expect(sizes.reduce(0, +) == 61)   // p29 is absent in fall
        let density = try #require(json["block_density"] as? [[Any]])
        #expect(density.count == 10 && density.allSatisfy { $0.count == 10 })
        // Ties stay inside departments far more than chance would have them.
        let ei = try #require(json["ei_index"] as? Double), p = try #require(json["ei_p_value"] as? Double)
        #expect(ei < 0.5 && p < 0.05)
        #expect(json["seed"] as? Int == 42 && json["permutations"] as? Int == 500)
        let internalTies = try #require(json["internal_ties"] as? Int), external = try #require(json["external_ties"] as? Int)
        #expect(internalTies + external == 407)
    }

    @Test func groupsIsDeterministicAndSeeded() throws {
        let a = try runStaffGraph(["groups"] + school + ["--by", "level", "--format", "json", "--permutations", "300", "--seed", "9"])
        let b = try runStaffGraph(["groups"] + school + ["--by", "level", "--format", "json", "--permutations", "300", "--seed", "9"])
        #expect(a.status == 0 && a.stdout == b.stdout)
        let table = try runStaffGraph(["groups"] + school + ["--by", "level", "--permutations", "300", "--seed", "9"])
        #expect(table.stdout.contains("seed 9"))
        #expect(table.stdout.contains("Block densities"))
    }

    @Test func groupsCSV() throws {
        let run = try runStaffGraph(["groups"] + school + ["--by", "team", "--format", "csv", "--permutations", "0"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 11)
        #expect(lines[0].hasPrefix("group,size,internal,external,ei_index,broker_coordinator"))
        #expect(lines[0].contains("\"density_to_Special Education\"") == false)
        #expect(lines[0].contains("density_to_Special Education"))
        let people = try runStaffGraph(["groups"] + school + ["--by", "team", "--format", "csv", "--per-person", "--permutations", "0"])
        #expect(people.stdout.split(separator: "\n").count == 62)
        #expect(people.stdout.hasPrefix("id,group,ei_index\n"))
    }

    @Test func groupsOnTheTinySampleByHand() throws {
        // Math: ana, ben, cai, dev; Arts: eli, fay; Science: gus. Every tie stays in its team: E-I = −1.
        let run = try runStaffGraph(["groups", "Samples/tiny/edges.csv", "--nodes", "Samples/tiny/roster.csv", "--by", "team", "--format", "json", "--permutations", "100"])
        #expect(run.status == 0)
        let json = try jsonObject(run.stdout)
        #expect(json["ei_index"] as? Double == -1)
        let groups = try #require(json["groups"] as? [[String: Any]])
        #expect(groups.map { $0["group"] as? String } == ["Arts", "Math", "Science"])
        #expect(groups.map { $0["internal"] as? Int } == [2, 7, 0])
        // Block density Math → Math: 7 ties over the observed rows (3 respondents × 3 others) = 7/9.
        let density = try #require(json["block_density"] as? [[Any]])
        #expect(abs(((density[1][1] as? Double) ?? 0) - 7.0 / 9.0) < 1e-12)
        #expect(density[2][2] is NSNull)
    }

    @Test func groupsErrors() throws {
        let noColumn = try runStaffGraph(["groups"] + school + ["--by", "department"])
        #expect(noColumn.status == 64)
        #expect(noColumn.stderr.contains("no column 'department'") && noColumn.stderr.contains("team"))
        let several = try runStaffGraph(["groups", "Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv", "--by", "team"])
        #expect(several.status == 64)
        #expect(several.stderr.contains("--relation and --wave"))
        let noRoster = try runStaffGraph(["groups", "Samples/tiny/edges.csv", "--by", "team"])
        #expect(noRoster.status == 64)
    }

    @Test func leadersFindsThePlantedStories() throws {
        let run = try runStaffGraph(["leaders"] + school + ["--formal", formalRoles, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try jsonObject(run.stdout)
        let informal = try #require(json["informal"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        #expect(Set(informal) == ["p33", "p38", "p50"])
        let rarely = try #require(json["rarely_sought"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        #expect(rarely == ["p09"])
        let formal = try #require(json["formal"] as? [[String: Any]])
        #expect(formal.count == 9)
        #expect(formal.first?["rank"] as? Int == 1)
        let distribution = try #require(json["distribution"] as? [String: Any])
        for key in ["in_degree_centralization", "in_degree_gini", "top_shares", "people_for_half", "density", "reciprocity"] {
            #expect(distribution[key] != nil, "missing \(key)")
        }
        let champions = try #require(json["resilience"] as? [String: Any])
        #expect(champions["group_column"] as? String == "team")
        let byInDegree = try #require(champions["in_degree"] as? [String: Any])
        let removals = try #require(byInDegree["removals"] as? [[String: Any]])
        #expect(removals.map { $0["k"] as? Int } == [1, 3, 5])
        let byBetweenness = try #require(champions["betweenness"] as? [String: Any])
        let betweennessRemovals = try #require(byBetweenness["removals"] as? [[String: Any]])
        // Carmen Ortiz, the informal leader who bridges teams, sits on the most shortest chains.
        #expect((betweennessRemovals.first?["removed"] as? [String]) == ["p38"])
        let three = try #require(removals.first { $0["k"] as? Int == 3 })
        for key in ["stayers", "linked_pairs_before", "linked_pairs_after", "share_kept", "orphaned", "orphaned_within_group", "efficiency_loss", "random", "rank_among_random"] {
            #expect(three[key] != nil, "missing \(key)")
        }
        #expect((three["rank_among_random"] as? Double ?? 0) > 0.9)
        let keyPlayers = try #require(json["key_players"] as? [String: Any])
        let fragmentation = try #require(keyPlayers["fragmentation"] as? [String: Any])
        #expect((fragmentation["members"] as? [String])?.count == 3 && fragmentation["exact"] as? Bool == true)
        let share = try #require(json["formal_share"] as? Double)
        #expect(share > 0.3 && share < 0.4)
    }

    @Test func leadersTableReadsLikeAReport() throws {
        let run = try runStaffGraph(["leaders"] + school + ["--formal", formalRoles])
        #expect(run.status == 0)
        for phrase in ["How concentrated is influence?", "Informal leaders", "Carmen Ortiz (p38)", "rarely sought", "Robert Ellison (p09)",
                       "What if the most sought people left?", "costs far more than losing 3 people at random", "Key players", "0 = everyone is sought equally often"] {
            #expect(run.stdout.contains(phrase), "missing '\(phrase)'")
        }
        let again = try runStaffGraph(["leaders"] + school + ["--formal", formalRoles])
        #expect(again.stdout == run.stdout)
    }

    @Test func leadersThresholdsAreOptions() throws {
        let run = try runStaffGraph(["leaders"] + school + ["--formal", formalRoles, "--format", "json", "--top-fraction", "0.05", "--min-nominations", "25", "--rarely-sought-below", "10", "--top", "2"])
        #expect(run.status == 0)
        let json = try jsonObject(run.stdout)
        #expect(try #require(json["informal"] as? [[String: Any]]).compactMap { $0["id"] as? String } == ["p38"])
        #expect(Set(try #require(json["rarely_sought"] as? [[String: Any]]).compactMap { $0["id"] as? String }) == ["p09", "p02"])
        let distribution = try #require(json["distribution"] as? [String: Any])
        #expect((distribution["top_shares"] as? [[String: Any]])?.count == 1)
    }

    @Test func leadersErrors() throws {
        let bad = try runStaffGraph(["leaders"] + school + ["--formal", "role"])
        #expect(bad.status == 64)
        let noColumn = try runStaffGraph(["leaders"] + school + ["--formal", "title=principal"])
        #expect(noColumn.status == 64 && noColumn.stderr.contains("no column 'title'"))
        // A value no one on the roster has is a usage error with the closest value, not a quiet empty list.
        let nobody = try runStaffGraph(["leaders"] + school + ["--formal", "role=janitor"])
        #expect(nobody.status == 64 && nobody.stderr.contains("no one on the roster has role 'janitor'"))
        let typo = try runStaffGraph(["leaders"] + school + ["--formal", "role=principle,coach"])
        #expect(typo.status == 64 && typo.stderr.contains("did you mean 'principal'?"), "\(typo.stderr)")
        // Case, accents and spacing do not matter; the roster's spelling is echoed.
        let loose = try runStaffGraph(["leaders"] + school + ["--formal", "role= PRINCIPAL , Assistant  Principal", "--format", "json"])
        #expect(loose.status == 0, "\(loose.stderr)")
        #expect(loose.stdout.contains("\"formal\""))
    }

    @Test func summaryJSONHasTheCohesionKeys() throws {
        let run = try runStaffGraph(["summary", "Samples/tiny/edges.csv", "--nodes", "Samples/tiny/roster.csv", "--format", "json"])
        #expect(run.status == 0)
        let json = try jsonObject(run.stdout)
        for key in ["reciprocity_dyadic", "transitivity_directed", "transitivity_undirected", "triad_census", "krackhardt", "communities"] {
            #expect(json[key] != nil, "missing \(key)")
        }
        let triads = try #require(json["triad_census"] as? [String: Int])
        #expect(triads.count == 16 && triads.values.reduce(0, +) == 35)   // C(7, 3)
        #expect(triads["030T"] == 2 && triads["120U"] == 1)
        let k = try #require(json["krackhardt"] as? [String: Any])
        #expect(Set(k.keys) == ["connectedness", "hierarchy", "efficiency", "lubness"])
        // Weak components {ana, ben, cai, dev}, {eli, fay}, {gus}: (6 + 1) / 21 pairs connected.
        #expect(abs((k["connectedness"] as? Double ?? 0) - 7.0 / 21.0) < 1e-12)
        let c = try #require(json["communities"] as? [String: Any])
        #expect(c["seed"] as? Int == 42 && c["count"] as? Int == 3)
        let seeded = try runStaffGraph(["summary", "Samples/tiny/edges.csv", "--format", "json", "--seed", "7"])
        #expect(seeded.stdout.contains("\"seed\": 7"))
    }

    @Test func csvWriterQuotes() {
        #expect(CSVWriter.row(["p01", "Okonkwo, Margaret", "say \"hi\"", "two\nlines", ""]) == "p01,\"Okonkwo, Margaret\",\"say \"\"hi\"\"\",\"two\nlines\",")
        #expect(CSVWriter.field("a;b", separator: ";") == "\"a;b\"")
        #expect(CSVWriter.table(header: ["a"], rows: [["1"], ["2"]]) == "a\n1\n2\n")
    }
}

/// `--min-group-size`: small groups' figures are left out, by default under `--anonymize`.
@Suite struct SmallGroupSuppressionTests {
    let school = ["Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv", "--relation", "advice", "--wave", "spring", "--by", "team", "--permutations", "0"]

    @Test func anonymizedGroupsHideSmallTeams() throws {
        let run = try runStaffGraph(["groups"] + school + ["--anonymize-seed", "3", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let groups = try #require(json["groups"] as? [[String: Any]])
        let leadership = try #require(groups.first { $0["group"] as? String == "Leadership" })
        #expect(leadership["suppressed"] as? Bool == true)
        #expect(leadership["size"] is NSNull && leadership["ei_index"] is NSNull)
        let math = try #require(groups.first { $0["group"] as? String == "Math" })
        #expect(math["size"] as? Int == 11)
        let index = try #require(groups.firstIndex { $0["group"] as? String == "Leadership" })
        let density = try #require(json["block_density"] as? [[Any]])
        #expect(density[index].allSatisfy { $0 is NSNull })
        #expect(json["min_group_size"] as? Int == 5)
        #expect(run.stderr.contains("4 groups have fewer than 5 people"))
    }

    @Test func everyGroupShownByDefaultAndOnRequest() throws {
        let plain = try runStaffGraph(["groups"] + school + ["--format", "csv"])
        #expect(!plain.stdout.contains(",,,,"))
        let shown = try runStaffGraph(["groups"] + school + ["--anonymize-seed", "3", "--min-group-size", "1"])
        #expect(!shown.stdout.contains("fewer than"))
        let table = try runStaffGraph(["groups"] + school + ["--min-group-size", "9"])
        #expect(table.stdout.contains("Science            fewer than 9") || table.stdout.contains("fewer than 9"))
        let bad = try runStaffGraph(["groups"] + school + ["--min-group-size", "0"])
        #expect(bad.status == 64)
    }
}

/// Actual departures across waves: what a leaver's going did, ranked among every single departure.
@Suite struct DepartureTests {
    @Test func leaversCarryTheirDepartureFigures() throws {
        let run = try runStaffGraph(["compare", "Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv", "--relation", "advice", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let leavers = try #require(json["leavers"] as? [[String: Any]])
        let stone = try #require(leavers.first { $0["id"] as? String == "p33" })
        let departure = try #require(stone["departure"] as? [String: Any])
        let loss = try #require(departure["efficiency_loss"] as? Double)
        #expect(loss > 0 && loss < 0.05)
        let rank = try #require(departure["loss_rank"] as? Double)
        #expect(rank > 0.5 && rank <= 1)
        #expect((stone["left_without_source"] as? [String]) == [])
        let text = try runStaffGraph(["compare", "Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv", "--relation", "advice"])
        #expect(text.stdout.contains("Their leaving lengthened chains of advice by"))
    }
}
