import Foundation
import SolventNumerics

/// The invoices open at a date with their weekly payment probabilities, and
/// simulated weekly cash from them.
///
/// Simulation: in each path every customer draws one uniform u and each of
/// its open invoices is paid in the first week whose cumulative probability
/// reaches u (none within the horizon when u is above the total): invoices of
/// one customer move together, as customers pay in batches; customers are
/// independent. Customer c's draws for paths 0, 1, 2, … come from
/// `Xoshiro256StarStar(seed: seed + c · 0xD1B54A32D192ED03)`, rounded to single
/// precision, so results do not depend on the number of threads.
struct OpenBook: Sendable {
    let count: Int
    let total: Int64
    /// Expected cash per week, cents.
    let mean: [Double]
    let weeks: Int
    /// The day the book is taken at, the invoices open then (ledger entry, open cents) and the customers' delays.
    let day: Int
    let open: [(entry: Int, open: Int64)]
    let delays: InvoiceLedger.Delays
    /// Per invoice: customer, open cents, cumulative probabilities (weeks values). A customer's invoices are contiguous.
    let customer: [Int]
    let amount: [Double]
    let cumulative: [Double]

    /// Open invoices per work item when the probabilities are computed on all cores.
    private static let chunk = 4096

    /// The book of all the invoices open at the end of day `t`.
    init(_ ledger: InvoiceLedger, model: PaymentTimingModel, at t: Int, weeks: Int) {
        self.init(ledger, model: model, book: ledger.book(at: t), weeks: weeks)
    }

    /// The book of a day (`InvoiceLedger.book(at:)`, perhaps limited) with its probabilities.
    init(_ ledger: InvoiceLedger, model: PaymentTimingModel, book: InvoiceLedger.DayBook, weeks: Int) {
        let t = book.day, delays = book.delays, open = book.open
        let n = open.count
        var cumulative = [Double](repeating: 0, count: n * weeks)
        cumulative.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            nonisolated(unsafe) let cells = base
            DispatchQueue.concurrentPerform(iterations: (n + Self.chunk - 1) / Self.chunk) { c in
                for i in c * Self.chunk..<min(n, (c + 1) * Self.chunk) {
                    let entry = ledger.entries[open[i].entry], out = cells + i * weeks
                    model.weekProbabilities(entry, open: open[i].open, t: t, weeks: weeks, disputed: ledger.disputed(entry, at: t),
                                            delay: delays.byCustomer[entry.customer], fallback: delays.fallback,
                                            into: out)
                    for k in 1..<max(weeks, 1) { out[k] += out[k - 1] }
                }
            }
        }
        var mean = [Double](repeating: 0, count: weeks)
        var customer: [Int] = [], amount: [Double] = [], total: Int64 = 0
        customer.reserveCapacity(n)
        amount.reserveCapacity(n)
        for (i, (e, cents)) in open.enumerated() {
            var previous = 0.0
            for k in 0..<weeks {
                mean[k] += Double(cents) * (cumulative[i * weeks + k] - previous)
                previous = cumulative[i * weeks + k]
            }
            customer.append(ledger.entries[e].customer)
            amount.append(Double(cents))
            total += cents
        }
        count = n
        self.total = total
        self.mean = mean
        self.weeks = weeks
        day = t
        self.open = open
        self.delays = delays
        self.customer = customer
        self.amount = amount
        self.cumulative = cumulative
    }

    /// The cash actually received in each week on the book's invoices (summed in
    /// fixed chunks, in order, on all cores).
    func actualCash(_ ledger: InvoiceLedger) -> [Double] {
        let chunks = (open.count + Self.chunk - 1) / Self.chunk
        let weeks = weeks, day = day, open = open
        let sums = concurrentMap(chunks) { c in
            var actual = [Double](repeating: 0, count: weeks), cash = [Int64](repeating: 0, count: weeks)
            for (e, _) in open[c * Self.chunk..<min(open.count, (c + 1) * Self.chunk)] {
                // The invoice's payments in (day, day + 7·weeks], week by week, in one pass over them.
                for k in 0..<weeks { cash[k] = 0 }
                for p in ledger.payments(of: ledger.entries[e]) where p.day > day && p.day <= day + 7 * weeks {
                    cash[(p.day - day - 1) / 7] += p.amount
                }
                for k in 0..<weeks { actual[k] += Double(cash[k]) }
            }
            return actual
        }
        var actual = [Double](repeating: 0, count: weeks)
        for sum in sums { for k in 0..<weeks { actual[k] += sum[k] } }
        return actual
    }

    /// P(paid within the horizon) of invoice i: its last cumulative probability.
    func paidWithinHorizon(_ i: Int) -> Double { cumulative[i * weeks + weeks - 1] }

    /// The first week by which invoice i is paid with probability ≥ ½, if any.
    func medianWeek(_ i: Int) -> Int? { (0..<weeks).first { cumulative[i * weeks + $0] >= 0.5 } }

    /// Customers per work item of the simulation; a fixed number, so that the
    /// sums (chunk by chunk, in order) do not depend on the number of threads.
    private static let customersPerChunk = 2048

    /// `paths` simulated weekly cash vectors.
    ///
    /// Customers outside, paths inside: a customer's probabilities are read once
    /// and stay in cache for all its paths, and each work item adds into its own
    /// paths × weeks table (100 KB for 1,000 paths of 13 weeks).
    func simulate(_ paths: Int, seed: UInt64) -> [[Double]] {
        let customer = customer, amount = amount, cumulative = cumulative
        let starts = (0..<count).filter { $0 == 0 || customer[$0] != customer[$0 - 1] } + [count]
        let groups = starts.count - 1
        let chunks = max(1, (groups + Self.customersPerChunk - 1) / Self.customersPerChunk)
        let weeks = weeks
        let tables = concurrentMap(chunks) { ch in
            // Unsafe buffers: captured arrays mutated in a closure pay an exclusivity check per access.
            let cash = UnsafeMutableBufferPointer<Double>.allocate(capacity: paths * weeks)
            // Draws and week counters eight paths to a vector (paths rounded up to eight;
            // the extra lanes draw 2, above every probability, and are never added).
            let lanes = (paths + 7) / 8
            let u = UnsafeMutableBufferPointer<SIMD8<Float>>.allocate(capacity: lanes)
            let week = UnsafeMutableBufferPointer<SIMD8<Int32>>.allocate(capacity: lanes)
            defer { u.deallocate(); week.deallocate() }
            cash.initialize(repeating: 0)
            cumulative.withUnsafeBufferPointer { cumulative in
                for g in ch * Self.customersPerChunk..<min(groups, (ch + 1) * Self.customersPerChunk) {
                    var generator = Xoshiro256StarStar(seed: seed &+ UInt64(customer[starts[g]]) &* 0xD1B5_4A32_D192_ED03)
                    for l in 0..<lanes {
                        var v = SIMD8<Float>(repeating: 2)
                        for j in 0..<min(8, paths - 8 * l) { v[j] = Float(generator.nextUnitDouble()) }
                        u[l] = v
                    }
                    for i in starts[g]..<starts[g + 1] {
                        // Each path's week: the first whose cumulative probability reaches the draw,
                        // that is the number of weeks below it (the values never decrease), counted
                        // week by week in single precision (a draw's 24 bits are far finer than any
                        // probability here).
                        for l in 0..<lanes { week[l] = .zero }
                        for j in 0..<weeks {
                            let c = SIMD8<Float>(repeating: Float(cumulative[i * weeks + j]))
                            for l in 0..<lanes { week[l].replace(with: week[l] &+ 1, where: c .< u[l]) }
                        }
                        let a = amount[i]
                        for s in 0..<paths {
                            let k = Int(week[s >> 3][s & 7])
                            if k < weeks { cash[s * weeks + k] += a }
                        }
                    }
                }
            }
            defer { cash.deallocate() }
            return Array(cash)
        }
        var out = [[Double]](repeating: [Double](repeating: 0, count: weeks), count: paths)
        for table in tables {
            for s in 0..<paths {
                for k in 0..<weeks { out[s][k] += table[s * weeks + k] }
            }
        }
        return out
    }
}

/// A buffer whose disjoint elements are written by different threads.
struct SendableBuffer<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T>
    init(_ buffer: UnsafeMutableBufferPointer<T>) { self.buffer = buffer }
}

/// `body(0)`, …, `body(count − 1)` on all cores, the results in index order
/// (the scans of the ledger and the open book: one result per part or chunk).
func concurrentMap<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
    let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
    results.initialize(repeating: nil)
    defer { results.deinitialize().deallocate() }
    let slots = SendableBuffer(results)
    withoutActuallyEscaping(body) { body in
        nonisolated(unsafe) let body = body
        DispatchQueue.concurrentPerform(iterations: count) { i in slots.buffer[i] = body(i) }
    }
    return results.compactMap { $0 }
}
