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
    /// Customers outside, paths inside. A customer's cash in a path depends
    /// only on where its draw u falls among the customer's thresholds (the
    /// cumulative probabilities of all its open invoices, in single
    /// precision): an invoice is paid in the week given by how many of its own
    /// thresholds lie below u. So the thresholds are sorted once per customer,
    /// the customer's weekly cash is tabulated for each interval between them
    /// (each threshold passed moves one invoice a week later, or out of the
    /// horizon), and each path finds its interval by a binary search and adds
    /// that row: a few steps and one weekly row per customer and path, not a
    /// comparison per week and an addition per invoice and path. Cents are
    /// whole numbers well below 2⁵³, so every sum is exact and the order of the
    /// additions does not change a path. Each work item adds into its own
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
            cash.initialize(repeating: 0)
            let u = UnsafeMutableBufferPointer<Float>.allocate(capacity: (paths + 15) / 16 * 16)
            u.initialize(repeating: 0)
            var table = CustomerCashTable(weeks: weeks)
            defer { u.deallocate(); cash.deallocate() }
            cumulative.withUnsafeBufferPointer { cumulative in
                amount.withUnsafeBufferPointer { amount in
                    for g in ch * Self.customersPerChunk..<min(groups, (ch + 1) * Self.customersPerChunk) {
                        var generator = Xoshiro256StarStar(seed: seed &+ UInt64(customer[starts[g]]) &* 0xD1B5_4A32_D192_ED03)
                        for s in 0..<paths { u[s] = Float(generator.nextUnitDouble()) }
                        let invoices = starts[g]..<starts[g + 1]
                        table.tabulate(thresholds: UnsafeBufferPointer(rebasing: cumulative[invoices.lowerBound * weeks..<invoices.upperBound * weeks]),
                                       amounts: UnsafeBufferPointer(rebasing: amount[invoices]))
                        table.add(u, paths: paths, into: cash)
                    }
                }
            }
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

/// One customer's weekly cash as a step function of its draw u (`OpenBook.simulate`):
/// its thresholds sorted, and row r of `rows` the weekly cash when exactly r of
/// them lie below u. Reused from customer to customer (it only grows).
struct CustomerCashTable {
    let weeks: Int
    /// The bits of the customer's thresholds (non-negative Floats), sorted.
    private var thresholds: [Int32] = []
    /// Each threshold's bits above its invoice's position (sorting them sorts the thresholds).
    private var keys: [UInt64] = []
    /// Per invoice, how many of its thresholds have been passed.
    private var week: [Int] = []
    /// (thresholds + 1) × weeks cents.
    private var rows: [Double] = []

    init(weeks: Int) { self.weeks = weeks }

    /// Tabulates a customer: `thresholds[i · weeks + k]` is invoice i's probability of
    /// being paid by week k (non-decreasing in k), `amounts[i]` its open cents.
    mutating func tabulate(thresholds cumulative: UnsafeBufferPointer<Double>, amounts: UnsafeBufferPointer<Double>) {
        let m = amounts.count, n = cumulative.count
        // Sorted by the single-precision value (a non-negative Float's bits order like it; −0 counts
        // as 0, as it does against a draw, and NaN, never below a draw, as infinity), the invoice
        // in the low bits.
        keys.removeAll(keepingCapacity: true)
        for i in 0..<m {
            for k in 0..<weeks {
                let c = Float(cumulative[i * weeks + k]), value = c.isNaN ? .infinity : max(c, 0)
                keys.append(UInt64(value.bitPattern) << 32 | UInt64(i))
            }
        }
        keys.sort()
        thresholds.removeAll(keepingCapacity: true)
        for key in keys { thresholds.append(Int32(truncatingIfNeeded: key >> 32)) }
        // Row 0: below every threshold, every invoice is paid in the first week. Passing a
        // threshold moves its invoice one week later (out of the horizon after the last week).
        week.removeAll(keepingCapacity: true)
        week.append(contentsOf: repeatElement(0, count: m))
        rows.removeAll(keepingCapacity: true)
        rows.append(contentsOf: repeatElement(0, count: (n + 1) * weeks))
        rows.withUnsafeMutableBufferPointer { rows in
            guard let first = rows.baseAddress else { return }
            for i in 0..<m { first[0] += amounts[i] }
            for r in 0..<n {
                let i = Int(truncatingIfNeeded: keys[r] & 0xFFFF_FFFF)
                let next = first + (r + 1) * weeks
                next.update(from: next - weeks, count: weeks)
                next[week[i]] -= amounts[i]
                week[i] += 1
                if week[i] < weeks { next[week[i]] += amounts[i] }
            }
        }
    }

    /// Adds the tabulated customer's row of each path's draw (`u[s]`, s < `paths`; `u` holds
    /// `paths` rounded up to sixteen) to `cash[s · weeks …]`.
    func add(_ u: UnsafeMutableBufferPointer<Float>, paths: Int, into cash: UnsafeMutableBufferPointer<Double>) {
        let n = thresholds.count, weeks = weeks
        guard n > 0 else { return }
        guard let cells = cash.baseAddress else { return }
        thresholds.withUnsafeBufferPointer { t in
            rows.withUnsafeBufferPointer { rows in
                guard let first = rows.baseAddress else { return }
                // How many thresholds lie below each draw: a lower bound whose steps depend only on
                // n, taken by sixteen paths in lockstep (two independent groups of eight, so that
                // one group's loads overlap the other's), with vector selects instead of branches
                // (the draws are random, so a branch would be mispredicted half the time).
                // Non-negative Floats compare like their bits.
                @inline(__always) func at(_ base: SIMD8<Int32>, _ offset: Int) -> SIMD8<Int32> {
                    SIMD8(t[Int(base[0]) &+ offset], t[Int(base[1]) &+ offset], t[Int(base[2]) &+ offset], t[Int(base[3]) &+ offset],
                          t[Int(base[4]) &+ offset], t[Int(base[5]) &+ offset], t[Int(base[6]) &+ offset], t[Int(base[7]) &+ offset])
                }
                @inline(__always) func draws(_ s: Int) -> SIMD8<Int32> {
                    unsafeBitCast(SIMD8(u[s], u[s + 1], u[s + 2], u[s + 3], u[s + 4], u[s + 5], u[s + 6], u[s + 7]), to: SIMD8<Int32>.self)
                }
                for s in stride(from: 0, to: paths, by: 16) {
                    let x0 = draws(s), x1 = draws(s + 8)
                    var base0 = SIMD8<Int32>(repeating: 0), base1 = base0, size = n
                    while size > 1 {
                        let half = size &>> 1, step = SIMD8<Int32>(repeating: Int32(truncatingIfNeeded: half))
                        base0.replace(with: base0 &+ step, where: at(base0, half) .< x0)
                        base1.replace(with: base1 &+ step, where: at(base1, half) .< x1)
                        size &-= half
                    }
                    base0.replace(with: base0 &+ 1, where: at(base0, 0) .< x0)
                    base1.replace(with: base1 &+ 1, where: at(base1, 0) .< x1)
                    for j in 0..<min(16, paths - s) {
                        let r = Int(j < 8 ? base0[j] : base1[j - 8])
                        let row = first + r * weeks, out = cells + (s + j) * weeks
                        for k in 0..<weeks { out[k] += row[k] }
                    }
                }
            }
        }
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
