import Foundation
import SolventModels

/// The payment-timing model as a model file (kind "payment-dates"): written by
/// `solvent train payment-dates`, used by `solvent forecast cash --model` and
/// `solvent score`, checksummed and refused when edited like every model file.
public struct PaymentDatesModel: Sendable, Codable {
    public static let kind = "payment-dates"

    public var schemaVersion = ModelDocument.schemaVersion
    public var kind = PaymentDatesModel.kind
    public let name: String
    public let timing: PaymentTimingModel
    /// The as-of date it was fitted for: only records up to it were used.
    public let trainedAsOf: CalendarDate
    /// Weeks of each open invoice followed in training.
    public let weeks: Int
    public let trainingMonthEnds: [CalendarDate]
    public let createdAt: String
    public let solventVersion: String

    public func document() throws(ModelFileError) -> (data: Data, sha256: String) { try ModelDocument.encode(self) }

    public static func read(_ data: Data) throws(ModelFileError) -> PaymentDatesModel {
        try ModelDocument.decode(PaymentDatesModel.self, kind: kind, from: data)
    }

    /// The Markdown card beside the model file.
    public func modelCard(sha256: String) -> String {
        var md = "# Model card: \(name)\n\nPayment-timing model (discrete-time hazard, logistic regression on invoice-weeks), "
        md += "fitted for \(trainedAsOf) on the invoices open at \(trainingMonthEnds.count) month ends "
        md += "(\(trainingMonthEnds.first.map(\.description) ?? "")…\(trainingMonthEnds.last.map(\.description) ?? "")), "
        md += "\(weeks) weeks followed, nothing after \(trainedAsOf) used; by Solvent \(solventVersion) at \(createdAt). "
        md += "Checksum `\(sha256)`.\n\n"
        md += "Rows \(timing.trainingRows), payments \(timing.trainingEvents), log-likelihood \(String(format: "%.4f", timing.logLikelihood)), "
        md += "converged: \(timing.converged ? "yes" : "NO").\n\n| term | coefficient |\n|---|---:|\n"
        for (name, b) in zip(PaymentTimingModel.columnNames, timing.coefficients) {
            md += "| `\(name)` | " + (timing.aliased.contains(name) ? "aliased" : String(format: "%.5f", b)) + " |\n"
        }
        md += "\nFeatures and conventions: docs/forecasts.md.\n"
        return md
    }
}

/// One open invoice's payment outlook.
public struct InvoiceOutlook: Sendable {
    public let invoiceID: String
    public let customerID: String
    public let dueDate: CalendarDate
    /// Cents open at the as-of date.
    public let open: Int64
    /// P(paid within the horizon).
    public let paidWithinHorizon: Double
    /// The end of the first week by which it is paid with probability ≥ ½, if within the horizon.
    public let medianPaidBy: CalendarDate?
    /// Expected cents received within the horizon.
    public let expectedCash: Double
}

extension CashForecaster {
    /// A payment-dates model fitted for `asOf`.
    public func paymentDatesModel(asOf: CalendarDate, name: String, createdAt: String,
                                  solventVersion: String) throws(ModelError) -> PaymentDatesModel {
        let timing = try timingModel(asOf: asOf)
        return PaymentDatesModel(name: name, timing: timing, trainedAsOf: asOf, weeks: weeks,
                                 trainingMonthEnds: (1...trainingMonths).reversed().map { asOf.adding(months: -$0).endOfMonth },
                                 createdAt: createdAt, solventVersion: solventVersion)
    }

    /// Each invoice open at `asOf` with its chance of being paid within `weeks`, its median week and expected cash.
    public func outlook(asOf: CalendarDate, model: PaymentTimingModel) -> [InvoiceOutlook] {
        let book = OpenBook(ledger, model: model, at: asOf.dayNumber, weeks: weeks)
        return book.open.enumerated().map { i, item in
            let entry = ledger.entries[item.entry], paid = book.paidWithinHorizon(i)
            return InvoiceOutlook(invoiceID: portfolio.invoices[entry.invoice].id, customerID: portfolio.customers[entry.customer].id,
                                  dueDate: CalendarDate(dayNumber: entry.due), open: item.open, paidWithinHorizon: paid,
                                  medianPaidBy: book.medianWeek(i).map { asOf.adding(days: 7 * $0 + 7) },
                                  expectedCash: Double(item.open) * paid)
        }
    }
}
