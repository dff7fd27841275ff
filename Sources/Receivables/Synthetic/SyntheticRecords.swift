/// One customer's simulated records, held in memory only while that customer
/// is generated and written (the generator streams customer by customer).
///
/// Invoices are referred to by `key`, their position in `invoices` once the
/// customer is complete (sorted by issue date); identifiers are assigned when
/// the rows are written.
struct InvoiceRecord: Sendable, Hashable {
    var issue: CalendarDate
    var due: CalendarDate
    var amount: Money
    var channel: InvoiceChannel
    /// Purchase-order number, 0 when the invoice carries none.
    var purchaseOrder: Int
    /// The date its payments covered it, nil when still open at the end of the history.
    var settledOn: CalendarDate?
    /// Creation order, to keep sorting stable and to map payments.
    var creation: Int
}

struct PaymentRecord: Sendable, Hashable {
    var invoice: Int
    var paidOn: CalendarDate
    var amount: Money
}

struct DisputeRecord: Sendable, Hashable {
    var invoice: Int
    var openedOn: CalendarDate
    var resolvedOn: CalendarDate?
    var reason: DisputeReason
}

struct RatingRecord: Sendable, Hashable {
    var agency: RatingAgency
    var ratedOn: CalendarDate
    var score: Int
    var rating: String
    var recommendedLimit: Money?
}

struct LimitRecord: Sendable, Hashable {
    var insurer: Int
    var validFrom: CalendarDate
    var amount: Money
    var validTo: CalendarDate?
}

struct OrderRecord: Sendable, Hashable {
    var orderedOn: CalendarDate
    var amount: Money
    var status: OrderStatus
}

struct OpportunityRecord: Sendable, Hashable {
    var stage: OpportunityStage
    var expectedAmount: Money
    var expectedClose: CalendarDate
}

enum InvoiceChannel: Int, Sendable, Hashable, CaseIterable {
    case electronic, paper, portal
    var code: StaticString {
        switch self {
        case .electronic: return "electronic"
        case .paper: return "paper"
        case .portal: return "portal"
        }
    }
}

enum DisputeReason: Int, Sendable, Hashable, CaseIterable {
    case wrongAddress, missingPO, price, quality, quantity
    var code: StaticString {
        switch self {
        case .wrongAddress: return "wrong address"
        case .missingPO: return "missing PO"
        case .price: return "price"
        case .quality: return "quality"
        case .quantity: return "quantity"
        }
    }
}

enum OrderStatus: Int, Sendable, Hashable {
    case accepted, refused, blocked
    var code: StaticString {
        switch self {
        case .accepted: return "accepted"
        case .refused: return "refused"
        case .blocked: return "blocked"
        }
    }
}

enum OpportunityStage: Int, Sendable, Hashable, CaseIterable {
    case prospecting, qualification, proposal, negotiation, won, lost
    var code: StaticString {
        switch self {
        case .prospecting: return "prospecting"
        case .qualification: return "qualification"
        case .proposal: return "proposal"
        case .negotiation: return "negotiation"
        case .won: return "won"
        case .lost: return "lost"
        }
    }
}

/// Everything one customer produced; reset (keeping capacity) between customers.
struct CustomerRecords: Equatable {
    var invoices: [InvoiceRecord] = []
    var payments: [PaymentRecord] = []
    var disputes: [DisputeRecord] = []
    var ratings: [RatingRecord] = []
    var limits: [LimitRecord] = []
    var orders: [OrderRecord] = []
    var opportunities: [OpportunityRecord] = []

    mutating func removeAll() {
        invoices.removeAll(keepingCapacity: true)
        payments.removeAll(keepingCapacity: true)
        disputes.removeAll(keepingCapacity: true)
        ratings.removeAll(keepingCapacity: true)
        limits.removeAll(keepingCapacity: true)
        orders.removeAll(keepingCapacity: true)
        opportunities.removeAll(keepingCapacity: true)
    }
}
