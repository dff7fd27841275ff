import Foundation
import SolventNumerics

/// The invoices open at a date with their weekly payment probabilities, and
/// simulated weekly cash from them.
///
/// Simulation: in each path every customer draws one uniform u and each of
/// its open invoices is paid in the first week whose cumulative probability
/// reaches u (none within the horizon when u is above the total): invoices of
/// one customer move together, as customers pay in batches; customers are
/// independent. Path s uses `Xoshiro256StarStar(seed: seed + s)`, so results
/// do not depend on the number of threads.
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
    /// Per invoice: customer, open cents, cumulative probabilities (weeks values).
    let customer: [Int]
    let amount: [Double]
    let cumulative: [Double]
    let customerCount: Int

    init(_ ledger: InvoiceLedger, model: PaymentTimingModel, at t: Int, weeks: Int) {
        let delays = ledger.delays(at: t)
        let open = ledger.open(at: t)
        var mean = [Double](repeating: 0, count: weeks), cumulative: [Double] = []
        cumulative.reserveCapacity(open.count * weeks)
        var customer: [Int] = [], amount: [Double] = [], total: Int64 = 0
        for (e, cents) in open {
            let entry = ledger.entries[e]
            let p = model.weekProbabilities(entry, open: cents, t: t, weeks: weeks, delay: delays.byCustomer[entry.customer],
                                            fallback: delays.fallback)
            var c = 0.0
            for k in 0..<weeks {
                mean[k] += Double(cents) * p[k]
                c += p[k]
                cumulative.append(c)
            }
            customer.append(entry.customer)
            amount.append(Double(cents))
            total += cents
        }
        count = open.count
        self.total = total
        self.mean = mean
        self.weeks = weeks
        day = t
        self.open = open
        self.delays = delays
        self.customer = customer
        self.amount = amount
        self.cumulative = cumulative
        customerCount = ledger.customerCount
    }

    /// The cash actually received in each week on the book's invoices.
    func actualCash(_ ledger: InvoiceLedger) -> [Double] {
        var actual = [Double](repeating: 0, count: weeks)
        for (e, _) in open {
            for k in 0..<weeks { actual[k] += Double(ledger.entries[e].cash(after: day + 7 * k, through: day + 7 * k + 7)) }
        }
        return actual
    }

    /// P(paid within the horizon) of invoice i: its last cumulative probability.
    func paidWithinHorizon(_ i: Int) -> Double { cumulative[i * weeks + weeks - 1] }

    /// The first week by which invoice i is paid with probability ≥ ½, if any.
    func medianWeek(_ i: Int) -> Int? { (0..<weeks).first { cumulative[i * weeks + $0] >= 0.5 } }

    /// `paths` simulated weekly cash vectors.
    func simulate(_ paths: Int, seed: UInt64) -> [[Double]] {
        let out = UnsafeMutableBufferPointer<[Double]>.allocate(capacity: paths)
        out.initialize(repeating: [])
        defer { out.deallocate() }
        let slots = SendableBuffer(out)
        DispatchQueue.concurrentPerform(iterations: 2) { span in
            var u = [Double](repeating: 0, count: customerCount)
            for s in stride(from: span, to: paths, by: 2) {
                var generator = Xoshiro256StarStar(seed: seed &+ UInt64(s))
                for c in 0..<customerCount { u[c] = generator.nextUnitDouble() }
                var cash = [Double](repeating: 0, count: weeks)
                for i in 0..<count {
                    let draw = u[customer[i]], base = i * weeks
                    var k = 0
                    while k < weeks && cumulative[base + k] < draw { k += 1 }
                    if k < weeks { cash[k] += amount[i] }
                }
                slots.buffer[s] = cash
            }
        }
        return Array(out)
    }
}

/// A buffer whose disjoint elements are written by different threads.
struct SendableBuffer<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T>
    init(_ buffer: UnsafeMutableBufferPointer<T>) { self.buffer = buffer }
}
