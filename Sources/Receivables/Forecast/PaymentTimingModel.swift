import Foundation
import SolventModels
import SolventNumerics

/// When an open invoice is paid: a discrete-time hazard model, a logistic
/// regression on invoice-week rows (the default-scores estimator).
///
/// For an invoice open at the end of day t, week k covers days (t + 7k, t + 7k + 7];
/// the hazard hₖ is the probability that it is settled in week k given it was
/// not before. Features of the row (`columnNames`):
/// - lateness at the end of the week relative to the customer's usual delay,
///   r = (t + 7k + 7 − due) − m_c, in bins (≤ −14 the reference; −13…−7, −6…0,
///   1…7, 8…14, 15…30, > 30): customers pay around due + their own delay;
/// - days past due at the end of the week, e, in bins (≤ 0 the reference; 1…30,
///   31…60, 61…90, > 90): hazards fall once an invoice is long overdue;
/// - log(1 + open amount in units), electronic invoice, disputed at t, the
///   customer's spread of days late ÷ 10, and a flag for a customer with no
///   settled invoice yet (then m_c is the portfolio's median delay).
/// m_c and its spread are the amount-weighted mean and standard deviation of
/// days late of the customer's invoices settled in the 365 days before t (all
/// history if none). An invoice counts as paid in the week its payments first
/// cover it; part payments before that are not modelled. A training date with
/// more than 20,000 open invoices contributes every s-th of them.
public struct PaymentTimingModel: Sendable, Codable {
    public static let columnNames = [
        "(Intercept)", "rel_-13_-7", "rel_-6_0", "rel_1_7", "rel_8_14", "rel_15_30", "rel_gt30",
        "dpd_1_30", "dpd_31_60", "dpd_61_90", "dpd_gt90", "log_open", "electronic", "disputed", "delay_sd_10", "no_history",
    ]

    public let coefficients: [Double]
    /// Days late used for customers without a settled invoice.
    public let fallbackDelay: Double
    public let trainingRows: Int
    public let trainingEvents: Int
    public let logLikelihood: Double
    public let converged: Bool
    public let aliased: [String]

    /// Lower edges of the lateness bins (r > edge), and of the days-past-due bins.
    private static let relEdges: [Double] = [-14, -7, 0, 7, 14, 30]
    private static let dpdEdges: [Double] = [0, 30, 60, 90]

    /// The feature row of invoice-week k for an invoice open at the end of day `t`.
    static func features(_ e: InvoiceLedger.Entry, open: Int64, t: Int, week k: Int, disputed: Bool,
                         delay: (mean: Double, sd: Double)?, fallback: Double, into row: inout [Double]) {
        let end = t + 7 * k + 7
        let dpd = Double(end - e.due)
        let r = dpd - (delay?.mean ?? fallback)
        row[0] = 1
        for j in 1...10 { row[j] = 0 }
        if let bin = relEdges.lastIndex(where: { r > $0 }) { row[1 + bin] = 1 }
        if let bin = dpdEdges.lastIndex(where: { dpd > $0 }) { row[7 + bin] = 1 }
        row[11] = log1p(Double(open) / 100)
        row[12] = e.electronic ? 1 : 0
        row[13] = disputed ? 1 : 0
        row[14] = (delay?.sd ?? 0) / 10
        row[15] = delay == nil ? 1 : 0
    }

    /// Open invoices per training date beyond which every s-th is used.
    static let maxInvoicesPerDate = 20_000

    /// Fits the model on the invoices open in the books of the training dates
    /// (`InvoiceLedger.book(at:)`), their weeks observed up to `censor` (nothing
    /// after it is used; books at `censor` or later are skipped).
    static func fit(_ ledger: InvoiceLedger, books: some Sequence<InvoiceLedger.DayBook>, weeks: Int,
                    censor: Int) throws(ModelError) -> PaymentTimingModel {
        let p = columnNames.count
        // Every s-th open invoice when a date has more than `maxInvoicesPerDate`: a uniform
        // subsample leaves the hazards unbiased and keeps the design in memory at any size.
        let used = books.filter { $0.day < censor }.map { $0.limited(to: maxInvoicesPerDate) }
        /// The weeks invoice `entry` open at `t` is followed: up to its payment, within the horizon and before `censor`.
        func followed(_ entry: InvoiceLedger.Entry, t: Int) -> Int {
            var k = 0
            while k < weeks && t + 7 * k + 7 <= censor {
                k += 1
                if let settled = entry.settled, settled > t + 7 * k - 7 && settled <= t + 7 * k { break }
            }
            return k
        }
        // The rows are counted first, so that the design is written once, column-major, in place
        // (appending rows and transposing wrote it three times, most of it into fresh pages).
        let n = used.reduce(0) { sum, book in book.open.reduce(sum) { $0 + followed(ledger.entries[$1.entry], t: book.day) } }
        guard n > 0 else {
            throw .empty("no invoice-weeks with both paid and unpaid outcomes before the as-of date to learn payment timing from")
        }
        var x = [Double](repeating: 0, count: n * p), y = [Double](repeating: 0, count: n)
        var row = [Double](repeating: 0, count: p), i = 0
        for book in used {
            let t = book.day, delays = book.delays
            for (e, open) in book.open {
                let entry = ledger.entries[e]
                let disputed = ledger.disputed(entry, at: t)
                for k in 0..<followed(entry, t: t) {
                    features(entry, open: open, t: t, week: k, disputed: disputed, delay: delays.byCustomer[entry.customer],
                             fallback: delays.fallback, into: &row)
                    for j in 0..<p { x[j * n + i] = row[j] }
                    y[i] = entry.settled.map { $0 > t + 7 * k && $0 <= t + 7 * k + 7 } ?? false ? 1 : 0
                    i += 1
                }
            }
        }
        let fallbacks = used.map(\.delays.fallback)
        guard y.contains(1), y.contains(0) else {
            throw .empty("no invoice-weeks with both paid and unpaid outcomes before the as-of date to learn payment timing from")
        }
        let design: Matrix
        do { design = try Matrix(rows: n, columns: p, columnMajor: x) } catch { throw .numeric("payment-timing design", error) }
        let model = try LogisticRegression().fit(design, y, names: columnNames, target: "paid_in_week")
        return PaymentTimingModel(coefficients: model.coefficients.map { $0.estimate ?? 0 },
                                  fallbackDelay: median(fallbacks), trainingRows: n, trainingEvents: Int(y.reduce(0, +)),
                                  logLikelihood: model.logLikelihood, converged: model.converged, aliased: model.aliased)
    }

    /// P(settled in week k) for k = 0..<weeks, for an invoice open at the end of
    /// day `t`, written to `out[0..<weeks]`.
    ///
    /// The linear predictor of `features` taken apart: the terms that do not
    /// change from week to week (intercept, amount, channel, dispute, spread,
    /// history) once, then per week the coefficients of its two bins.
    func weekProbabilities(_ e: InvoiceLedger.Entry, open: Int64, t: Int, weeks: Int, disputed: Bool,
                           delay: (mean: Double, sd: Double)?, fallback: Double, into out: UnsafeMutablePointer<Double>) {
        let b = coefficients
        var fixed = b[0] + b[11] * log1p(Double(open) / 100) + b[14] * ((delay?.sd ?? 0) / 10)
        if e.electronic { fixed += b[12] }
        if disputed { fixed += b[13] }
        if delay == nil { fixed += b[15] }
        let shift = delay?.mean ?? fallback
        var survive = 1.0
        for k in 0..<weeks {
            let dpd = Double(t + 7 * k + 7 - e.due), r = dpd - shift
            var eta = fixed
            if let bin = Self.relEdges.lastIndex(where: { r > $0 }) { eta += b[1 + bin] }
            if let bin = Self.dpdEdges.lastIndex(where: { dpd > $0 }) { eta += b[7 + bin] }
            let a = exp(-abs(eta)), h = eta >= 0 ? 1 / (1 + a) : a / (1 + a)
            out[k] = survive * h
            survive *= 1 - h
        }
    }

    /// The median (0 for no values).
    static func median(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : SampleQuantile.linear(sorted: values.sorted(), 0.5)
    }
}
