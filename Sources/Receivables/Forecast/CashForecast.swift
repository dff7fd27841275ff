import Foundation
import SolventModels
import SolventNumerics

/// Weekly cash-in for the weeks after an as-of date: from the invoices open at
/// it (the payment-timing model), from invoices not yet issued (an ETS forecast
/// of monthly sales spread by the collection pattern), and their total, each
/// with a mean and simulated intervals.
public struct CashForecast: Sendable {
    public struct Row: Sendable {
        public let weekStart: CalendarDate
        public let weekEnd: CalendarDate
        /// "open", "new" or "total".
        public let source: String
        /// Cents of the reporting currency, as Doubles (expected values are fractional).
        public let mean: Double
        /// (level, lower, upper), in the order of the levels asked for.
        public let intervals: [(level: Double, lower: Double, upper: Double)]
    }

    public let asOf: CalendarDate
    public let rows: [Row]
    public let model: PaymentTimingModel
    public let openInvoices: Int
    /// Cents open at the as-of date (positive invoices).
    public let openAmount: Int64
    /// The sales model (e.g. "ETS(M,N,M)"), or nil when there was too little history for new invoices.
    public let salesModel: String?
    public let notes: [String]
}

/// Builds cash forecasts and their backtests from a portfolio.
public struct CashForecaster: Sendable {
    public var weeks: Int
    public var levels: [Double]
    public var simulations: Int
    public var seed: UInt64
    /// Month ends before the as-of date whose open invoices train the timing model.
    public var trainingMonths: Int
    let ledger: InvoiceLedger
    let portfolio: PortfolioData

    public init(portfolio: PortfolioData, weeks: Int = 13, levels: [Double] = [80, 95], simulations: Int = 1_000,
                seed: UInt64 = 20261129, trainingMonths: Int = 12) {
        self.portfolio = portfolio
        ledger = InvoiceLedger(portfolio)
        self.weeks = weeks
        self.levels = levels
        self.simulations = simulations
        self.seed = seed
        self.trainingMonths = trainingMonths
    }

    /// The last day with an invoice or a payment in the portfolio.
    public var lastDataDate: CalendarDate { CalendarDate(dayNumber: ledger.lastDay) }

    /// The timing model fitted on the month ends before `asOf`, seeing nothing after it.
    public func timingModel(asOf: CalendarDate) throws(ModelError) -> PaymentTimingModel {
        var books = DayBooks(ledger)
        return try timingModel(asOf: asOf, books: &books)
    }

    /// The same, the books of its month ends taken from (and left in) `books`.
    func timingModel(asOf: CalendarDate, books: inout DayBooks) throws(ModelError) -> PaymentTimingModel {
        let dates = trainingDays(asOf: asOf)
        books.prefetch(dates)
        return try PaymentTimingModel.fit(ledger, books: dates.map { books.book(at: $0, for: .fit) }, weeks: weeks,
                                          censor: asOf.dayNumber)
    }

    /// Every book a forecast at `asOf` needs (the training month ends when
    /// `fitting`, the calibration origins, the open book at `asOf`), those not
    /// yet in `books` computed in one scan of the ledger.
    func prefetchBooks(asOf: CalendarDate, fitting: Bool, into books: inout DayBooks) {
        let t = asOf.dayNumber
        books.prefetch((fitting ? trainingDays(asOf: asOf) : []) + calibrationOrigins(before: t).prefix(12), keepingWhole: [t])
    }

    /// The month ends the timing model at `asOf` is fitted on, oldest first.
    func trainingDays(asOf: CalendarDate) -> [Int] {
        (1...trainingMonths).reversed().map { asOf.adding(months: -$0).endOfMonth.dayNumber }
    }

    /// The calibration origins of an open book at day `t`, latest first: the month
    /// ends whose whole horizon lies before t, back to 90 days after the first
    /// invoice (`openCash` uses the first 12 whose expected cash is positive).
    func calibrationOrigins(before t: Int) -> [Int] {
        let latest = CalendarDate(dayNumber: t - 7 * weeks)
        var origin = latest == latest.endOfMonth ? latest : latest.startOfMonth.adding(days: -1)
        var origins: [Int] = []
        while origin.dayNumber > ledger.firstDay + 90 {
            origins.append(origin.dayNumber)
            origin = origin.adding(months: -1).endOfMonth
        }
        return origins
    }

    /// The books of past month ends, each computed once and kept only as the
    /// subsamples the fit and the calibration use: their month ends mostly
    /// coincide (10 of 12 with the defaults), and the books a forecast needs are
    /// computed together in one scan of the whole ledger (`prefetch`).
    struct DayBooks {
        /// What a book is for, and so how many of its open invoices are kept.
        enum Use {
            case fit, calibration
        }

        let ledger: InvoiceLedger
        private var kept: [Int: (fit: InvoiceLedger.DayBook, calibration: InvoiceLedger.DayBook)] = [:]
        private var whole: [Int: InvoiceLedger.DayBook] = [:]

        init(_ ledger: InvoiceLedger) { self.ledger = ledger }

        /// The book at the end of `day`, limited to `PaymentTimingModel.maxInvoicesPerDate`
        /// open invoices for a fit, to `CashForecaster.calibrationSample` for a calibration.
        mutating func book(at day: Int, for use: Use) -> InvoiceLedger.DayBook {
            let books = kept[day] ?? keep(ledger.book(at: day))
            return use == .fit ? books.fit : books.calibration
        }

        /// The whole book at the end of `day` (kept by `prefetch` when asked for).
        mutating func whole(at day: Int) -> InvoiceLedger.DayBook {
            if let book = whole.removeValue(forKey: day) { return book }
            return ledger.book(at: day)
        }

        /// Computes the books of those `days` not yet kept in one scan of the
        /// ledger (`InvoiceLedger.books(at:)`), keeping whole the books of `keepingWhole`.
        mutating func prefetch(_ days: [Int], keepingWhole wholeDays: Set<Int> = []) {
            let missing = Set(days.filter { kept[$0] == nil }).union(wholeDays.filter { whole[$0] == nil }).sorted()
            for book in ledger.books(at: missing) {
                if wholeDays.contains(book.day) { whole[book.day] = book }
                if days.contains(book.day) && kept[book.day] == nil { keep(book) }
            }
        }

        @discardableResult
        private mutating func keep(_ book: InvoiceLedger.DayBook) -> (fit: InvoiceLedger.DayBook, calibration: InvoiceLedger.DayBook) {
            let books = (fit: book.limited(to: PaymentTimingModel.maxInvoicesPerDate),
                         calibration: book.limited(to: CashForecaster.calibrationSample))
            kept[book.day] = books
            return books
        }
    }

    /// The forecast at `asOf`; `model` is fitted on the history before it when not given
    /// (`fitted` is called once that fit is done, for a caller that times the phases). The fit
    /// and the forecast take their books from one scan of the ledger.
    public func forecast(asOf: CalendarDate, model given: PaymentTimingModel? = nil,
                         fitted: () -> Void = {}) throws(ModelError) -> CashForecast {
        guard weeks >= 1, simulations >= 10, levels.allSatisfy({ $0 > 0 && $0 < 100 }) else {
            throw .invalidArgument("weeks ≥ 1, simulations ≥ 10 and levels in (0, 100) are needed")
        }
        var books = DayBooks(ledger)
        let t = asOf.dayNumber
        prefetchBooks(asOf: asOf, fitting: given == nil, into: &books)
        let model: PaymentTimingModel
        if let given {
            model = given
        } else {
            model = try timingModel(asOf: asOf, books: &books)
            fitted()
        }
        let (open, openMean, openPaths, calibrated) = openCash(model: model, at: t, books: &books)
        var notes: [String] = []
        if calibrated < 3 {
            notes.append("only \(calibrated) earlier month ends to calibrate the open-invoice intervals: they are too narrow")
        }
        let sales = try NewInvoiceCash(ledger, asOf: asOf, weeks: weeks)
        let newPaths = sales.map { $0.simulate(simulations, seed: seed &+ 0x9E37_79B9) }
        if sales == nil { notes.append("fewer than 6 complete months of sales before \(asOf): no forecast for invoices not yet issued") }
        var rows: [CashForecast.Row] = []
        for k in 0..<weeks {
            let start = asOf.adding(days: 7 * k + 1), end = asOf.adding(days: 7 * k + 7)
            let openWeek = openPaths.map { $0[k] }
            rows.append(row(start, end, "open", openMean[k], openWeek))
            if let sales, let newPaths {
                let newWeek = newPaths.map { $0[k] }
                rows.append(row(start, end, "new", sales.mean[k], newWeek))
                rows.append(row(start, end, "total", openMean[k] + sales.mean[k], zip(openWeek, newWeek).map { $0 + $1 }))
            }
        }
        return CashForecast(asOf: asOf, rows: rows, model: model, openInvoices: open.count, openAmount: open.total,
                            salesModel: sales?.method, notes: notes + (sales?.notes ?? []))
    }

    /// Open invoices per calibration origin beyond which a uniform subsample of
    /// this size estimates the ratios (their sampling error is then far below
    /// the week-to-week errors they measure).
    static let calibrationSample = 100_000

    /// The open book at day `t`, its expected weekly cash, its simulated weekly
    /// cash, and how many earlier origins calibrated them.
    ///
    /// The customer-level simulation alone gives intervals that are far too
    /// narrow: with thousands of invoices the sampling noise averages out, and
    /// what remains is the model's own error (the timing of a whole month's
    /// collections shifts). So each path is also multiplied, week by week, by
    /// the ratio actual ÷ expected observed at one of up to 12 earlier month
    /// ends whose whole horizon lies before t (the same model applied there, to
    /// at most `calibrationSample` of the invoices open then; one origin drawn
    /// per path, keeping the weeks of a path together): an
    /// empirical (split-conformal style) widening by the errors the model made.
    /// The expected cash is calibrated the same way — the model's expectation
    /// times the week's average ratio, the expectation of the calibrated paths —
    /// so that the point forecast and its intervals tell the same story (a model
    /// that, month end after month end, underestimated the third week is
    /// corrected there in both).
    func openCash(model: PaymentTimingModel, at t: Int, books: inout DayBooks)
        -> (book: OpenBook, mean: [Double], paths: [[Double]], calibrated: Int) {
        let book = OpenBook(ledger, model: model, book: books.whole(at: t), weeks: weeks)
        var paths = book.simulate(simulations, seed: seed &+ UInt64(bitPattern: Int64(t)))
        var ratios: [[Double]] = []
        for o in calibrationOrigins(before: t) where ratios.count < 12 {
            let past = OpenBook(ledger, model: model, book: books.book(at: o, for: .calibration), weeks: weeks)
            let actual = past.actualCash(ledger)
            if past.mean.allSatisfy({ $0 > 0 }) { ratios.append(zip(actual, past.mean).map { $0 / $1 }) }
        }
        var mean = book.mean
        if !ratios.isEmpty {
            var generator = Xoshiro256StarStar(seed: seed ^ 0xCA11_B8A7)
            for s in paths.indices {
                let r = ratios[Int(generator.next() % UInt64(ratios.count))]
                for k in 0..<weeks { paths[s][k] *= r[k] }
            }
            for k in 0..<weeks { mean[k] *= ratios.reduce(0) { $0 + $1[k] } / Double(ratios.count) }
        }
        return (book, mean, paths, ratios.count)
    }

    private func row(_ start: CalendarDate, _ end: CalendarDate, _ source: String, _ mean: Double, _ paths: [Double]) -> CashForecast.Row {
        let sorted = paths.sorted()
        return CashForecast.Row(weekStart: start, weekEnd: end, source: source, mean: mean, intervals: levels.map { level in
            let (lower, upper) = SampleQuantile.central(sorted: sorted, level: level)
            return (level, lower, upper)
        })
    }
}
