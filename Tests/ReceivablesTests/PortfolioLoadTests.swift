import Foundation
import GRDB
import Testing
@testable import Receivables

@Suite struct PortfolioLoadTests {
    @Test func loadsEveryKindWithIndexesAndOrder() throws {
        let store = try seededStore(invoices: true)
        _ = try Ingestor(store: store).ingest(IngestRequest(kind: .payments, path: ingestFixture("payments.csv"),
                                                           profile: .builtIn("default")!))
        let data = try store.loadPortfolio()
        #expect(data.reportingCurrency == "EUR")
        #expect(data.customers.map(\.id) == ["0000611365", "C2", "C3"])
        #expect(data.invoices.map(\.id) == ["I1", "I2", "I4", "I3"])   // by customer, then issue date
        #expect(data.invoices.map(\.customer) == [0, 1, 1, 2])
        #expect(data.invoices[3].amount == -8_000)
        let ranges = data.invoiceRanges
        #expect(ranges == [0..<1, 1..<3, 3..<4])
        #expect(data.payments.count == 4)
        #expect(data.payments.map { data.invoices[Int($0.invoice)].id } == ["I1", "I2", "I2", "I3"])
        #expect(data.paymentRanges[1] == 1..<3)
        #expect(data.customers[0].paymentTermsDays == 30)
    }

    @Test func aCurrencyWithoutARateIsAnError() throws {
        let store = try seededStore()
        let dir = (temporaryStorePath() as NSString).deletingLastPathComponent
        let path = dir + "/usd.csv"
        try """
            invoice_id,customer_id,issue_date,due_date,amount,currency
            U1,C2,2026-01-05,2026-02-04,10.00,USD
            E1,C2,2026-01-05,2026-02-04,10.00,EUR
            """.write(toFile: path, atomically: true, encoding: .utf8)
        _ = try Ingestor(store: store).ingest(IngestRequest(kind: .invoices, path: path, profile: .builtIn("default")!))
        #expect { try store.loadPortfolio() } throws: { error in
            "\(error)".contains("1 invoice(s) are in USD but there is no rate from USD to EUR")
        }
        try store.saveRates(["USD": "0.5"], reportingCurrency: "EUR", profile: "test")
        let data = try store.loadPortfolio()
        #expect(data.invoices.first { $0.id == "U1" }?.amount == 500)
    }

    /// More invoices than a lookup batch, stored in an order the load must permute (by
    /// customer, then issue date): every payment and dispute still finds its own invoice.
    @Test func paymentsAndDisputesFollowTheirInvoicesThroughTheSort() throws {
        let store = try seededStore()
        let dir = (temporaryStorePath() as NSString).deletingLastPathComponent
        var invoices = ["invoice_id,customer_id,issue_date,due_date,amount,currency"]
        var payments = ["payment_id,invoice_id,paid_on,amount"]
        var disputes = ["dispute_id,invoice_id,opened_on,resolved_on,reason"]
        for k in 0..<100 {
            let id = String(format: "I%03d", k), day = String(format: "2026-01-%02d", 28 - k % 27)
            invoices.append("\(id),\(k % 2 == 0 ? "C3" : "C2"),\(day),2026-03-31,\(k + 1).00,EUR")
            payments.append(String(format: "P%03d,", 99 - k) + "\(id),2026-04-01,\(k + 1).00")
            if k % 7 == 0 { disputes.append("D\(k),\(id),2026-02-01,,price") }
        }
        for (kind, lines) in [(SourceKind.invoices, invoices), (.payments, payments), (.disputes, disputes)] {
            let path = dir + "/\(kind.rawValue).csv"
            try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
            _ = try Ingestor(store: store).ingest(IngestRequest(kind: kind, path: path, profile: .builtIn("default")!))
        }
        let data = try store.loadPortfolio()
        #expect(data.invoices.count == 100 && data.payments.count == 100 && data.disputes.count == 15)
        #expect(data.invoices.map(\.id) != data.invoices.map(\.id).sorted())   // the load did permute
        for p in data.payments {
            let invoice = data.invoices[Int(p.invoice)]
            #expect(p.amount == invoice.amount, "\(invoice.id)")
        }
        #expect(data.disputes.allSatisfy { Int(data.invoices[Int($0.invoice)].id.dropFirst())! % 7 == 0 })
    }

    /// `.receivables` reads the same customers, invoices, payments and disputes as `.all`, and nothing else.
    @Test func theReceivablesScopeReadsOnlyTheReceivables() throws {
        let store = try #require(generatedStore)
        let all = try store.loadPortfolio(), receivables = try store.loadPortfolio(.receivables)
        #expect(receivables.customers == all.customers)
        #expect(receivables.invoices == all.invoices)
        #expect(receivables.payments == all.payments)
        #expect(receivables.disputes == all.disputes)
        #expect(!all.ratings.isEmpty && !all.limits.isEmpty && !all.orders.isEmpty && !all.opportunities.isEmpty)
        #expect(receivables.ratings.isEmpty && receivables.limits.isEmpty)
        #expect(receivables.orders.isEmpty && receivables.opportunities.isEmpty)
    }

    /// Repeated short texts come back from the memo, others are made each time; NULL stays nil.
    @Test func theTextMemoReturnsEveryValue() throws {
        let values: [String?] = (0..<40).map { $0 % 9 == 8 ? nil : "v\($0 % 20)" } + ["a text longer than sixteen bytes", "Zoë", "", "EUR"]
        let sql = "SELECT column1 FROM (VALUES " + values.map { $0.map { "('\($0)')" } ?? "(NULL)" }.joined(separator: ",") + ")"
        let queue = try DatabaseQueue()
        var memo = TextMemo()
        var read: [String?] = []
        try queue.read { db in try SQLiteRows.each(db.sqliteConnection, sql) { read.append(memo.text($0, 0)) } }
        #expect(read == values)
    }

    @Test func anEmptyStoreLoadsEmpty() throws {
        let data = try SQLiteStore(path: temporaryStorePath()).loadPortfolio()
        #expect(data.customers.isEmpty && data.invoices.isEmpty)
    }
}
