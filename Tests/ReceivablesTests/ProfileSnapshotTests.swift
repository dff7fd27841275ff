import Foundation
import Testing
import GRDB
@testable import Receivables

/// The catalogue, the writers and the snapshot store.
@Suite struct ProfileSnapshotTests {
    let asOf = day("2026-06-30")

    @Test func theCatalogueHasUniqueNamesAndEveryIndicatorExists() {
        let names = FeatureCatalog.names
        #expect(Set(names).count == names.count)
        for spec in FeatureCatalog.specs {
            #expect(!spec.meaning.isEmpty && !spec.unit.isEmpty && !spec.window.isEmpty, "\(spec.name) is undocumented")
            if let m = spec.missingIndicator {
                #expect(FeatureCatalog.specs.first { $0.name == m }?.kind == .indicator, "\(spec.name): \(m) is not an indicator")
            }
        }
        #expect(Feature.allCases.map(\.rawValue) == Array(0..<Feature.allCases.count))
    }

    @Test func docsProfileMdHoldsTheGeneratedCatalogue() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let doc = try String(contentsOf: root.appendingPathComponent("docs/profile.md"), encoding: .utf8)
        let upToDate = doc.contains(FeatureCatalog.markdownTable())
        #expect(upToDate,
                "docs/profile.md is out of date: paste `solvent profile --describe --format markdown` between its catalogue markers")
        let versioned = doc.contains("catalogue version \(FeatureCatalog.version)")
        #expect(versioned)
    }

    @Test func csvHasTheHeaderAndEmptyCellsForMissing() throws {
        let t = try ProfileBuilder(portfolio: PortfolioFixture.worked().build()).profile(asOf: asOf)
        var lines: [String] = []
        t.csvLines { lines.append($0) }
        #expect(lines.count == 3)
        #expect(lines[0] == "customer_id," + FeatureCatalog.names.joined(separator: ",") + "\n")
        let c2 = lines[2].dropLast().split(separator: ",", omittingEmptySubsequences: false)
        #expect(c2.count == FeatureCatalog.names.count + 1)
        let i = try #require(FeatureCatalog.index(of: "pb_12m_days_late_mean"))
        #expect(c2[i + 1] == "")
        #expect(!lines.joined().contains("nan") && !lines.joined().contains("NaN"))
        #expect(ProfileFormat.number(15) == "15" && ProfileFormat.number(0.25) == "0.25" && ProfileFormat.number(-3) == "-3")
    }

    @Test func jsonIsValidAndUsesNull() throws {
        let t = try ProfileBuilder(portfolio: PortfolioFixture.worked().build()).profile(asOf: asOf)
        var text = ""
        t.jsonChunks { text += $0 }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["as_of"] as? String == "2026-06-30")
        let rows = try #require(object["rows"] as? [[String: Any]])
        #expect(rows.count == 2)
        #expect(rows[1]["pb_12m_days_late_mean"] is NSNull)
        #expect((rows[0]["pb_12m_days_late_mean"] as? NSNumber)?.doubleValue == 15)
        #expect(ProfileFormat.json("a\"b\\c\n\u{1}") == "\"a\\\"b\\\\c\\n\\u0001\"")
    }

    @Test func aSnapshotRoundTripsAndReplacesTheOneOfItsDate() throws {
        let store = try SQLiteStore(path: temporaryStorePath())
        #expect(try store.loadProfileSnapshot(asOf: asOf) == nil)
        let data = try #require(generatedPortfolio)
        let t = try ProfileBuilder(portfolio: data).profile(asOf: day("2026-06-30"))
        try store.saveProfileSnapshot(t)
        let back = try #require(try store.loadProfileSnapshot(asOf: day("2026-06-30")))
        #expect(bitIdentical(t, back) == nil, "\(bitIdentical(t, back) ?? "")")
        #expect(back.catalogVersion == FeatureCatalog.version)
        let small = try ProfileBuilder(portfolio: PortfolioFixture.worked().build()).profile(asOf: day("2026-06-30"))
        try store.saveProfileSnapshot(small)
        #expect(try store.loadProfileSnapshot(asOf: day("2026-06-30"))?.customerIDs == ["C1", "C2"])
        try store.saveProfileSnapshot(try ProfileBuilder(portfolio: data).profile(asOf: day("2026-01-31")))
        #expect(try store.profileSnapshotDates() == [day("2026-01-31"), day("2026-06-30")])
        #expect(try store.integrityCheck() == "ok")
    }

    @Test func aSnapshotOfAnotherCatalogueIsRefusedWithTheReason() throws {
        let path = temporaryStorePath()
        let store = try SQLiteStore(path: path)
        try store.saveProfileSnapshot(try ProfileBuilder(portfolio: PortfolioFixture.worked().build()).profile(asOf: asOf))
        try store.pool.write { db in
            try db.execute(sql: "UPDATE profile_catalogs SET feature_names = '[\"old_feature\"]', catalog_version = '0.9'")
        }
        #expect { try store.loadProfileSnapshot(asOf: asOf) } throws: { error in
            "\(error)".contains("feature old_feature (catalogue 0.9) is not in catalogue")
        }
    }
}
