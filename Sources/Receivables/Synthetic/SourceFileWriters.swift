/// The nine output files of a generation run and how one customer's records
/// become their rows. Columns are DESIGN.md's canonical ones, key first.
///
/// Identifiers: customers `C000001`, invoices `I0000000001`, payments
/// `P0000000001`, disputes `D00000001`, orders `O0000000001`, opportunities
/// `Q00000001`; numbered in file order (customer, then date).
final class SourceFileWriters {
    static let fileNames = ["customers.csv", "invoices.csv", "payments.csv", "ratings.csv", "limits.csv",
                            "disputes.csv", "orders.csv", "opportunities.csv", "truth.csv"]

    let customers, invoices, payments, ratings, limits, disputes, orders, opportunities, truth: CSVRowWriter
    private var invoiceCount = 0, paymentCount = 0, disputeCount = 0, orderCount = 0, opportunityCount = 0

    init(folder: OutputFolder) throws(FileWriteError) {
        func open(_ name: String, _ header: [String]) throws(FileWriteError) -> CSVRowWriter {
            try CSVRowWriter(path: folder.stagingPath(name), header: header)
        }
        customers = try open("customers.csv", ["customer_id", "name", "country", "sector", "size_class", "region",
                                                "payment_terms_days", "category", "created_on"])
        invoices = try open("invoices.csv", ["invoice_id", "customer_id", "issue_date", "due_date", "amount",
                                              "currency", "channel", "po_number"])
        payments = try open("payments.csv", ["payment_id", "invoice_id", "paid_on", "amount"])
        ratings = try open("ratings.csv", ["customer_id", "agency", "rated_on", "score", "rating", "scale_min",
                                            "scale_max", "recommended_limit"])
        limits = try open("limits.csv", ["customer_id", "insurer", "valid_from", "limit_amount", "valid_to"])
        disputes = try open("disputes.csv", ["dispute_id", "invoice_id", "opened_on", "resolved_on", "reason"])
        orders = try open("orders.csv", ["order_id", "customer_id", "ordered_on", "amount", "status"])
        opportunities = try open("opportunities.csv", ["opportunity_id", "customer_id", "stage", "expected_amount",
                                                        "expected_close"])
        truth = try open("truth.csv", ["customer_id", "segment", "defaulted", "default_date", "pd_12m", "latent_risk",
                                        "base_segment", "stopped_paying_on"])
    }

    /// All writers in `fileNames` order.
    var all: [CSVRowWriter] { [customers, invoices, payments, ratings, limits, disputes, orders, opportunities, truth] }

    func write(_ c: CustomerProfile, _ r: CustomerRecords) throws(FileWriteError) {
        let id = c.index + 1
        customers.identifier("C", id, width: 6)
        customers.text(c.name)
        customers.code(c.country.code)
        customers.text(c.sector.name)
        customers.code(c.size.code)
        customers.text(c.region)
        customers.integer(c.termsDays)
        customers.code(c.category.code)
        customers.date(c.createdOn)
        try customers.endRow()

        let firstInvoice = invoiceCount + 1
        for inv in r.invoices {
            invoiceCount += 1
            invoices.identifier("I", invoiceCount, width: 10)
            invoices.identifier("C", id, width: 6)
            invoices.date(inv.issue)
            invoices.date(inv.due)
            invoices.money(inv.amount)
            invoices.code("EUR")
            invoices.code(inv.channel.code)
            if inv.purchaseOrder > 0 { invoices.identifier("PO", inv.purchaseOrder, width: 6) } else { invoices.empty() }
            try invoices.endRow()
        }
        for p in r.payments {
            paymentCount += 1
            payments.identifier("P", paymentCount, width: 10)
            payments.identifier("I", firstInvoice + p.invoice, width: 10)
            payments.date(p.paidOn)
            payments.money(p.amount)
            try payments.endRow()
        }
        for d in r.disputes {
            disputeCount += 1
            disputes.identifier("D", disputeCount, width: 8)
            disputes.identifier("I", firstInvoice + d.invoice, width: 10)
            disputes.date(d.openedOn)
            disputes.date(d.resolvedOn)
            disputes.code(d.reason.code)
            try disputes.endRow()
        }
        try writeExternal(id, r)
        try writeCommercial(id, r)
        try writeTruth(id, c)
    }

    private func writeExternal(_ id: Int, _ r: CustomerRecords) throws(FileWriteError) {
        for rating in r.ratings {
            ratings.identifier("C", id, width: 6)
            ratings.text(String(describing: rating.agency.name))
            ratings.date(rating.ratedOn)
            ratings.integer(rating.score)
            ratings.text(rating.rating)
            ratings.integer(rating.agency.scale.lowerBound)
            ratings.integer(rating.agency.scale.upperBound)
            if let limit = rating.recommendedLimit { ratings.money(limit) } else { ratings.empty() }
            try ratings.endRow()
        }
        for limit in r.limits {
            limits.identifier("C", id, width: 6)
            limits.code(CreditInsurers.names[limit.insurer])
            limits.date(limit.validFrom)
            limits.money(limit.amount)
            limits.date(limit.validTo)
            try limits.endRow()
        }
    }

    private func writeCommercial(_ id: Int, _ r: CustomerRecords) throws(FileWriteError) {
        for o in r.orders {
            orderCount += 1
            orders.identifier("O", orderCount, width: 10)
            orders.identifier("C", id, width: 6)
            orders.date(o.orderedOn)
            orders.money(o.amount)
            orders.code(o.status.code)
            try orders.endRow()
        }
        for o in r.opportunities {
            opportunityCount += 1
            opportunities.identifier("Q", opportunityCount, width: 8)
            opportunities.identifier("C", id, width: 6)
            opportunities.code(o.stage.code)
            opportunities.money(o.expectedAmount)
            opportunities.date(o.expectedClose)
            try opportunities.endRow()
        }
    }

    private func writeTruth(_ id: Int, _ c: CustomerProfile) throws(FileWriteError) {
        truth.identifier("C", id, width: 6)
        truth.text(c.segment.description)
        truth.integer(c.defaultDate == nil ? 0 : 1)
        truth.date(c.defaultDate)
        truth.fixed(c.pd12, decimals: 6)
        truth.fixed(c.latentRisk, decimals: 4)
        truth.text(c.baseSegment.description)
        truth.date(c.stopPayingOn)
        try truth.endRow()
    }
}
