import Foundation
import SolventNumerics
import Testing
@testable import Receivables

/// The invoice ledger, the timing model's prediction path and the open book
/// (InvoiceLedger.swift, PaymentTimingModel.swift, OpenBook.swift), checked on
/// the generated portfolio against direct computations from `PortfolioData`.
@Suite struct CashLedgerTests {
    let portfolio: PortfolioData
    let ledger: InvoiceLedger
    let day = CalendarDate(year: 2026, month: 6, day: 30)!.dayNumber

    init() throws {
        portfolio = try #require(generatedPortfolio)
        ledger = InvoiceLedger(portfolio)
    }

    @Test func openAmountsAreTheInvoicesLessTheirPaymentsByThen() {
        var expected: [Int: Int64] = [:]
        var paidBy = [Int64](repeating: 0, count: portfolio.invoices.count)
        for p in portfolio.payments where p.paidOn.dayNumber <= day { paidBy[Int(p.invoice)] += p.amount }
        for (i, invoice) in portfolio.invoices.enumerated() where invoice.amount > 0 && invoice.issueDate.dayNumber <= day {
            let paid = paidBy[i]
            if invoice.amount - paid > 0 { expected[i] = invoice.amount - paid }
        }
        let open = ledger.book(at: day).open
        #expect(open.count == expected.count)
        #expect(open.map(\.entry) == open.map(\.entry).sorted())
        for (e, cents) in open { #expect(expected[ledger.entries[e].invoice] == cents) }
    }

    /// Entries keep what they were built from (32-bit fields, `Int32.max` for never settled).
    @Test func entriesKeepTheirInvoicesDatesAndSettlement() {
        #expect(MemoryLayout<InvoiceLedger.Entry>.stride == 48)
        var settledSeen = false, openSeen = false
        for entry in ledger.entries.prefix(2_000) {
            let invoice = portfolio.invoices[entry.invoice]
            #expect(entry.customer == Int(invoice.customer) && entry.issued == invoice.issueDate.dayNumber)
            #expect(entry.due == invoice.dueDate.dayNumber && entry.amount == invoice.amount)
            #expect(entry.payments == portfolio.paymentRanges[entry.invoice])
            if let settled = entry.settled {
                settledSeen = true
                #expect(!entry.unsettled(at: settled) && entry.unsettled(at: settled - 1))
            } else {
                openSeen = true
                #expect(entry.unsettled(at: Int(Int32.max) - 1))
            }
        }
        #expect(settledSeen && openSeen)
    }

    /// The one-scan books of several days are each day's book computed alone (whose open
    /// invoices and delays the tests above check against the portfolio).
    @Test func booksOfSeveralDaysAreEachDaysOpenInvoicesAndDelays() {
        let days = [day - 400, day - 31, day, day - 31, day + 10, ledger.firstDay - 1]
        let books = ledger.books(at: days)
        #expect(books.map(\.day) == days)
        for book in books {
            let single = ledger.book(at: book.day), open = single.open, delays = single.delays
            #expect(book.open.map(\.entry) == open.map(\.entry) && book.open.map(\.open) == open.map(\.open))
            #expect(book.delays.byCustomer.map { $0?.mean } == delays.byCustomer.map { $0?.mean })
            #expect(book.delays.byCustomer.map { $0?.sd } == delays.byCustomer.map { $0?.sd })
            #expect(book.delays.fallback == delays.fallback)
        }
        #expect(books[1].open.count > 1_000 && books[5].open.isEmpty)
        #expect(ledger.books(at: []).isEmpty)
    }

    /// Books kept for the fit and the calibration are the books computed afresh, and the
    /// model fitted from them is the model fitted date by date.
    @Test func sharedDayBooksAreTheBooksComputedAfresh() throws {
        let forecaster = CashForecaster(portfolio: portfolio)
        let asOf = CalendarDate(dayNumber: day)
        var books = CashForecaster.DayBooks(forecaster.ledger)
        let shared = try forecaster.timingModel(asOf: asOf, books: &books)
        let dates = (1...forecaster.trainingMonths).reversed().map { asOf.adding(months: -$0).endOfMonth.dayNumber }
        let afresh = { (d: Int) in ledger.book(at: d) }
        let fresh = try PaymentTimingModel.fit(ledger, books: dates.map(afresh), weeks: forecaster.weeks, censor: day)
        #expect(shared.coefficients == fresh.coefficients && shared.trainingRows == fresh.trainingRows)
        for d in dates.suffix(3) {
            let kept = books.book(at: d, for: .calibration)
            let fresh = afresh(d).limited(to: CashForecaster.calibrationSample)
            #expect(kept.open.map(\.entry) == fresh.open.map(\.entry) && kept.open.map(\.open) == fresh.open.map(\.open))
            #expect(kept.delays.fallback == fresh.delays.fallback)
        }
        let small = ledger.book(at: day).limited(to: 100)
        #expect(small.open.count <= 100 && small.open.count >= 50)
    }

    @Test func partsCoverTheEntriesAndNeverSplitACustomer() {
        #expect(ledger.parts.count > 1)
        #expect(ledger.parts.first?.lowerBound == 0 && ledger.parts.last?.upperBound == ledger.entries.count)
        for (a, b) in zip(ledger.parts, ledger.parts.dropFirst()) {
            #expect(a.upperBound == b.lowerBound)
            #expect(ledger.entries[a.upperBound - 1].customer != ledger.entries[b.lowerBound].customer)
        }
    }

    @Test func delaysAreAmountWeightedOverTheLastYearElseAllHistory() throws {
        let delays = ledger.book(at: day).delays
        var checked = 0
        let byCustomer = Dictionary(grouping: ledger.entries.filter { ($0.settled ?? .max) <= day }, by: \.customer)
        for c in stride(from: 0, to: portfolio.customers.count, by: 7) {
            let settled = byCustomer[c] ?? []
            let recent = settled.filter { $0.settled! > day - 365 }
            let used = recent.isEmpty ? settled : recent
            guard !used.isEmpty else {
                #expect(delays.byCustomer[c] == nil)
                continue
            }
            let w = used.reduce(0.0) { $0 + Double($1.amount) }
            let mean = used.reduce(0.0) { $0 + Double($1.amount) * Double($1.settled! - $1.due) } / w
            let got = try #require(delays.byCustomer[c])
            #expect(abs(got.mean - mean) <= 1e-9 * max(1, abs(mean)))
            checked += 1
        }
        #expect(checked > 20)
    }

    @Test func weekProbabilitiesEqualTheLogisticOfTheFeatureRow() throws {
        var generator = Xoshiro256StarStar(seed: 5)
        let coefficients = PaymentTimingModel.columnNames.map { _ in generator.nextUnitDouble() * 2 - 1 }
        let model = PaymentTimingModel(coefficients: coefficients, fallbackDelay: 4, trainingRows: 0, trainingEvents: 0,
                                       logLikelihood: 0, converged: true, aliased: [])
        let book = ledger.book(at: day), delays = book.delays
        var row = [Double](repeating: 0, count: coefficients.count)
        var out = [Double](repeating: 0, count: 13)
        for (e, cents) in book.open.prefix(200) {
            let entry = ledger.entries[e], disputed = ledger.disputed(entry, at: day)
            let delay = delays.byCustomer[entry.customer]
            model.weekProbabilities(entry, open: cents, t: day, weeks: 13, disputed: disputed, delay: delay,
                                    fallback: delays.fallback, into: &out)
            var survive = 1.0
            for k in 0..<13 {
                PaymentTimingModel.features(entry, open: cents, t: day, week: k, disputed: disputed, delay: delay,
                                            fallback: delays.fallback, into: &row)
                let eta = zip(row, coefficients).reduce(0.0) { $0 + $1.0 * $1.1 }
                let h = 1 / (1 + exp(-eta))
                #expect(abs(out[k] - survive * h) <= 1e-12)
                survive *= 1 - h
            }
        }
    }

    @Test func simulatedPathsAreSeededAndAverageToTheExpectedCash() throws {
        let forecaster = CashForecaster(portfolio: portfolio)
        let model = try forecaster.timingModel(asOf: CalendarDate(dayNumber: day))
        let book = OpenBook(ledger, model: model, at: day, weeks: 13)
        let paths = book.simulate(2_000, seed: 11)
        #expect(paths == book.simulate(2_000, seed: 11))
        #expect(paths != book.simulate(2_000, seed: 12))
        for k in 0..<13 {
            let values = paths.map { $0[k] }
            let mean = values.reduce(0, +) / Double(values.count)
            let sd = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)).squareRoot()
            // The simulated mean is within 5 standard errors of the expectation.
            #expect(abs(mean - book.mean[k]) <= 5 * sd / Double(values.count).squareRoot() + 1e-6 * book.mean[k])
        }
        let expected = book.mean.reduce(0, +)
        #expect(expected > 0 && expected <= Double(book.total))
    }

    /// The published open-invoice mean is the model's expectation times the week's average
    /// calibration ratio, which is what the calibrated paths average to.
    @Test func theOpenMeanIsTheExpectationOfTheCalibratedPaths() throws {
        var forecaster = CashForecaster(portfolio: portfolio)
        forecaster.simulations = 4_000
        var books = CashForecaster.DayBooks(forecaster.ledger)
        let model = try forecaster.timingModel(asOf: CalendarDate(dayNumber: day), books: &books)
        let (book, mean, paths, calibrated) = forecaster.openCash(model: model, at: day, books: &books)
        #expect(calibrated >= 3)
        #expect(mean != book.mean)
        for k in 0..<13 {
            let values = paths.map { $0[k] }
            let average = values.reduce(0, +) / Double(values.count)
            let sd = (values.map { ($0 - average) * ($0 - average) }.reduce(0, +) / Double(values.count - 1)).squareRoot()
            #expect(abs(mean[k] - average) <= 5 * sd / Double(values.count).squareRoot() + 1e-9 * mean[k], "week \(k)")
        }
    }
}

/// `OpenBook.simulate` against the plain definition: every customer's draw per path,
/// each invoice paid in the week given by how many of its single-precision
/// cumulative probabilities lie below the draw.
@Suite struct CustomerCashTableTests {
    /// The weekly cash of one customer for each draw, invoice by invoice.
    static func direct(_ cumulative: [Double], _ amounts: [Double], weeks: Int, u: Float) -> [Double] {
        var cash = [Double](repeating: 0, count: weeks)
        for i in amounts.indices {
            let week = (0..<weeks).filter { Float(cumulative[i * weeks + $0]) < u }.count
            if week < weeks { cash[week] += amounts[i] }
        }
        return cash
    }

    @Test func tabulatedRowsEqualTheInvoiceByInvoiceCash() {
        var generator = Xoshiro256StarStar(seed: 41)
        var table = CustomerCashTable(weeks: 5)
        for trial in 0..<300 {
            let weeks = 5, m = 1 + Int(generator.next() % (trial % 10 == 0 ? 60 : 6))
            var cumulative: [Double] = [], amounts: [Double] = []
            for _ in 0..<m {
                var c = 0.0
                for _ in 0..<weeks {
                    // Ties (weeks without payment, equal invoices), zeros and probabilities reaching 1.
                    switch generator.next() % 4 {
                    case 0: break
                    case 1: c = min(1, c + 0.25)
                    default: c = min(1, c + generator.nextUnitDouble() * 0.3)
                    }
                    cumulative.append(c)
                }
                amounts.append(Double(Int64(generator.next() % 2_000_000) - 100_000))
            }
            if trial % 7 == 0 { cumulative.replaceSubrange(0..<weeks, with: cumulative[(m - 1) * weeks..<m * weeks]) }
            var draws = (0..<200).map { _ in Float(generator.nextUnitDouble()) }
            draws += [0, 0.25, Float(cumulative[0]), Float(cumulative[weeks - 1]), 1 - .ulpOfOne]
            let u = UnsafeMutableBufferPointer<Float>.allocate(capacity: (draws.count + 15) / 16 * 16)
            let cash = UnsafeMutableBufferPointer<Double>.allocate(capacity: draws.count * weeks)
            defer { u.deallocate(); cash.deallocate() }
            u.initialize(repeating: 0)
            _ = u.initialize(from: draws)
            cash.initialize(repeating: 0)
            cumulative.withUnsafeBufferPointer { c in
                amounts.withUnsafeBufferPointer { a in table.tabulate(thresholds: c, amounts: a) }
            }
            table.add(u, paths: draws.count, into: cash)
            for (s, x) in draws.enumerated() {
                #expect(Array(cash[s * weeks..<(s + 1) * weeks]) == Self.direct(cumulative, amounts, weeks: weeks, u: x))
            }
        }
    }
}
