import Foundation

/// Computes the customer profile (`FeatureCatalog`) from a `PortfolioData`
/// at an as-of date.
///
/// Point in time: only records dated on or before the as-of date count
/// (see `FeatureCatalog`), and customers created after it have no row.
/// Changing or adding any record dated after the as-of date leaves the table
/// bit-identical (ProfileBuilderTests' no-leakage test).
///
/// Cost: one sweep over each customer's records (plus sorting its paid
/// invoices and payment dates), so linear in the portfolio up to a log factor.
/// Customers are processed in fixed chunks of `chunkSize` on
/// `DispatchQueue.concurrentPerform`; each row depends only on its customer's
/// records, so the table is the same whatever the number of threads.
public struct ProfileBuilder: Sendable {
    public enum Concurrency: Sendable { case serial, parallel }

    /// Customers per work item.
    public static let chunkSize = 256

    public let portfolio: PortfolioData

    public init(portfolio: PortfolioData) { self.portfolio = portfolio }

    /// The profile at `asOf`. Throws `CustomerProfileError.invalidPortfolio` when the
    /// data breaks `PortfolioData`'s orderings or references.
    public func profile(asOf: CalendarDate, concurrency: Concurrency = .parallel) throws(CustomerProfileError) -> ProfileTable {
        try PortfolioCheck.validate(portfolio)
        let data = portfolio
        let dates = ProfileDates(asOf: asOf)
        let included = data.customers.indices.filter { (data.customers[$0].createdOn?.dayNumber ?? Int.min) <= dates.asOf }
        let index = RecordIndex(data)
        let width = Feature.allCases.count
        var cells = [Double](repeating: .nan, count: included.count * width)
        let chunks = (included.count + Self.chunkSize - 1) / Self.chunkSize
        cells.withUnsafeMutableBufferPointer { buffer in
            let address = UInt(bitPattern: buffer.baseAddress)
            let work: @Sendable (Int) -> Void = { chunk in
                guard let base = UnsafeMutablePointer<Double>(bitPattern: address) else { return }
                var scratch = ProfileScratch()
                let lo = chunk * Self.chunkSize, hi = min(included.count, lo + Self.chunkSize)
                for r in lo..<hi {
                    Self.computeRow(data, customer: included[r], index, dates, &scratch, FeatureRow(base: base + r * width))
                }
            }
            switch concurrency {
            case .serial: for c in 0..<chunks { work(c) }
            case .parallel: DispatchQueue.concurrentPerform(iterations: chunks, execute: work)
            }
        }
        return try Self.table(asOf: asOf, data, included, cells, width)
    }

    /// Every family's cells of one customer.
    static func computeRow(_ data: PortfolioData, customer c: Int, _ index: RecordIndex, _ dates: ProfileDates,
                           _ scratch: inout ProfileScratch, _ row: FeatureRow) {
        let records = index.records(of: c)
        CustomerFeatures.write(data.customers[c], dates, into: row)
        let sweep = InvoiceSweep.run(data, records, dates, &scratch)
        PaymentBehaviourFeatures.write(dates, &scratch, into: row)
        RegularityFeatures.write(&scratch, into: row)
        ExposureFeatures.write(sweep, into: row)
        DisputeFeatures.write(data, records, dates, issuedLastYear: sweep.issuedLastYear,
                              issued: sweep.issued, into: row)
        OrderFeatures.write(data, records, dates, into: row)
        ExternalFeatures.write(data, records, dates, arOpen: sweep.open, into: row)
        CustomerFeatures.writePipeline(data, records, dates, into: row)
    }

    /// The row-major cells as columns, NaN (missing) as nil, plus the categorical columns.
    static func table(asOf: CalendarDate, _ data: PortfolioData, _ included: [Int], _ cells: [Double],
                      _ width: Int) throws(CustomerProfileError) -> ProfileTable {
        let n = included.count
        var columns: [ProfileColumn] = []
        columns.reserveCapacity(width)
        for feature in Feature.allCases {
            if feature.isCategorical {
                columns.append(.texts(included.map { categorical(feature, data.customers[$0]) }))
            } else {
                let f = feature.rawValue
                columns.append(.numbers((0..<n).map { r in
                    let v = cells[r * width + f]
                    return v.isNaN ? nil : v
                }))
            }
        }
        return try ProfileTable(asOf: asOf, customerIDs: included.map { data.customers[$0].id }, columns: columns)
    }

    /// A categorical attribute; empty text counts as missing.
    static func categorical(_ feature: Feature, _ customer: PortfolioData.Customer) -> String? {
        let value: String?
        switch feature {
        case .country: value = customer.country
        case .sector: value = customer.sector
        case .sizeClass: value = customer.sizeClass
        case .region: value = customer.region
        case .category: value = customer.category
        default: value = nil
        }
        return value.flatMap { $0.isEmpty ? nil : $0 }
    }
}

/// Where each customer's records are: ranges over the arrays sorted by
/// customer, and, for payments and disputes (sorted by invoice), the span of
/// the customer's contiguous invoices found by binary search.
struct RecordIndex: Sendable {
    let invoices, ratings, limits, orders, opportunities: [Range<Int>]
    let paymentInvoices: [Int32]
    let disputeInvoices: [Int32]

    init(_ data: PortfolioData) {
        let n = data.customers.count
        invoices = data.invoiceRanges
        ratings = PortfolioData.ranges(of: data.ratings.map(\.customer), count: n)
        limits = PortfolioData.ranges(of: data.limits.map(\.customer), count: n)
        orders = PortfolioData.ranges(of: data.orders.map(\.customer), count: n)
        opportunities = PortfolioData.ranges(of: data.opportunities.map(\.customer), count: n)
        paymentInvoices = data.payments.map(\.invoice)
        disputeInvoices = data.disputes.map(\.invoice)
    }

    func records(of c: Int) -> CustomerRecordRanges {
        let inv = invoices[c]
        let lo = Int32(truncatingIfNeeded: inv.lowerBound), hi = Int32(truncatingIfNeeded: inv.upperBound)
        let payments = inv.isEmpty ? 0..<0 : Self.lowerBound(paymentInvoices, lo)..<Self.lowerBound(paymentInvoices, hi)
        let disputes = inv.isEmpty ? 0..<0 : Self.lowerBound(disputeInvoices, lo)..<Self.lowerBound(disputeInvoices, hi)
        return CustomerRecordRanges(invoices: inv, payments: payments, disputes: disputes, ratings: ratings[c], limits: limits[c],
                               orders: orders[c], opportunities: opportunities[c])
    }

    /// The first position whose key is ≥ `key` in ascending `keys`.
    static func lowerBound(_ keys: [Int32], _ key: Int32) -> Int {
        var lo = 0, hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if keys[mid] < key { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
