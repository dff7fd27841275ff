import Foundation
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

    @Test func anEmptyStoreLoadsEmpty() throws {
        let data = try SQLiteStore(path: temporaryStorePath()).loadPortfolio()
        #expect(data.customers.isEmpty && data.invoices.isEmpty)
    }
}
