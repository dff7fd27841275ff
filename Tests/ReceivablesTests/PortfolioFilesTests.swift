import Foundation
import Testing
@testable import Receivables

/// The written files: DESIGN.md's columns, valid references, safe output folders.
@Suite struct PortfolioFilesTests {
    static func folder(_ name: String) -> String {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("solvent-files-\(ProcessInfo.processInfo.processIdentifier)-\(name)").path
    }

    static func lines(_ dir: String, _ file: String) throws -> [Substring] {
        let text = try String(contentsOfFile: (dir as NSString).appendingPathComponent(file), encoding: .utf8)
        return text.split(separator: "\n")
    }

    @Test func filesHaveTheCanonicalColumnsAndValidReferences() throws {
        let dir = Self.folder("canonical")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let summary = try PortfolioGenerator(settings: PortfolioSettings(customers: 120, months: 18, seed: 5))
            .write(to: dir, force: false)
        let headers = [
            "customers.csv": "customer_id,name,country,sector,size_class,region,payment_terms_days,category,created_on",
            "invoices.csv": "invoice_id,customer_id,issue_date,due_date,amount,currency,channel,po_number",
            "payments.csv": "payment_id,invoice_id,paid_on,amount",
            "ratings.csv": "customer_id,agency,rated_on,score,rating,scale_min,scale_max,recommended_limit",
            "limits.csv": "customer_id,insurer,valid_from,limit_amount,valid_to",
            "disputes.csv": "dispute_id,invoice_id,opened_on,resolved_on,reason",
            "orders.csv": "order_id,customer_id,ordered_on,amount,status",
            "opportunities.csv": "opportunity_id,customer_id,stage,expected_amount,expected_close",
            "truth.csv": "customer_id,segment,defaulted,default_date,pd_12m,latent_risk,base_segment,stopped_paying_on",
        ]
        for (file, header) in headers {
            let lines = try Self.lines(dir, file)
            #expect(lines.first.map(String.init) == header, "\(file)")
            #expect(lines.count - 1 == summary.rows(file), "\(file)")
        }
        #expect(summary.files.last?.name == "truth.csv")
        let invoices = try Self.lines(dir, "invoices.csv").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(invoices.allSatisfy { $0.count == 8 })
        let invoiceIDs = Set(invoices.map { $0[0] })
        #expect(invoiceIDs.count == invoices.count)
        for line in try Self.lines(dir, "payments.csv").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(f.count == 4 && invoiceIDs.contains(f[1]), "\(line)")
        }
        for line in try Self.lines(dir, "disputes.csv").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(f.count == 5 && invoiceIDs.contains(f[1]), "\(line)")
        }
        // Customer ids and dates are in order in every file keyed by customer.
        var previous = ("", "")
        for f in invoices {
            let key = (String(f[1]), String(f[2]))
            #expect(key >= previous)
            previous = key
        }
    }

    @Test func refusesANonEmptyFolderWithoutForce() throws {
        let dir = Self.folder("nonempty")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: dir + "/keep.txt", contents: Data("x".utf8))
        let generator = try PortfolioGenerator(settings: PortfolioSettings(customers: 3, months: 2, seed: 1))
        #expect(throws: OutputFolderError.notEmpty(path: dir, entries: 1)) { try generator.write(to: dir, force: false) }
        _ = try generator.write(to: dir, force: true)
        let entries = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        #expect(entries == (SourceFileWriters.fileNames + ["keep.txt"]).sorted())
    }

    @Test func refusesAnUnwritableFolder() throws {
        let generator = try PortfolioGenerator(settings: PortfolioSettings(customers: 3, months: 2, seed: 1))
        #expect(throws: OutputFolderError.self) { try generator.write(to: "/proc/solvent-no", force: false) }
    }
}
