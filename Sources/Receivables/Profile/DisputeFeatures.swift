import Foundation

/// Disputes on the customer's invoices and its refused and blocked orders.
enum DisputeFeatures {
    /// The reason columns, matched case-insensitively on the trimmed reason;
    /// anything else (or no reason) is `other`.
    static func reasonColumn(_ reason: String?) -> Feature {
        guard let reason else { return .dsp12Other }
        switch reason.trimmingCharacters(in: .whitespaces).lowercased() {
        case "wrong address": return .dsp12WrongAddress
        case "missing po", "missing po number": return .dsp12MissingPO
        case "price": return .dsp12Price
        case "quality": return .dsp12Quality
        case "quantity": return .dsp12Quantity
        default: return .dsp12Other
        }
    }

    static let reasons: [Feature] = [.dsp12WrongAddress, .dsp12MissingPO, .dsp12Price, .dsp12Quality, .dsp12Quantity, .dsp12Other]

    /// Disputes opened on or before as-of on invoices issued on or before it;
    /// `issued` and `issuedLastYear` count the positive invoices issued on or
    /// before as-of and in its last 12 months.
    static func write(_ data: PortfolioData, _ records: CustomerRecordRanges, _ dates: ProfileDates,
                      issuedLastYear: Int, issued: Int, into row: FeatureRow) {
        var lastYear = 0, open = 0, all = 0
        for f in reasons { row.count(f, 0) }
        for k in records.disputes {
            let dispute = data.disputes[k]
            let opened = dispute.openedOn.dayNumber
            guard opened <= dates.asOf, data.invoices[Int(dispute.invoice)].issueDate.dayNumber <= dates.asOf else { continue }
            all += 1
            if (dispute.resolvedOn?.dayNumber ?? Int.max) > dates.asOf { open += 1 }
            guard opened > dates.yearAgo else { continue }
            lastYear += 1
            let column = reasonColumn(dispute.reason)
            row[column] = (row[column] ?? 0) + 1
        }
        row.count(.dsp12Count, lastYear)
        row.count(.dspOpen, open)
        row.flag(.dspRateMissing, issuedLastYear == 0)
        if issuedLastYear > 0 { row[.dsp12Rate] = Double(lastYear) / Double(issuedLastYear) }
        row[.dspAllRate] = issued > 0 ? Double(all) / Double(issued) : 0
    }
}

/// Orders placed in the last 12 months and how many the credit check refused or blocked.
enum OrderFeatures {
    static func write(_ data: PortfolioData, _ records: CustomerRecordRanges, _ dates: ProfileDates, into row: FeatureRow) {
        var count = 0, refused = 0, blocked = 0
        for k in records.orders {
            let order = data.orders[k]
            guard dates.inLastYear(order.orderedOn.dayNumber) else { continue }
            count += 1
            switch order.status.lowercased() {
            case "refused": refused += 1
            case "blocked": blocked += 1
            default: break
            }
        }
        row.count(.ord12Count, count)
        row.count(.ord12Refused, refused)
        row.count(.ord12Blocked, blocked)
        row.flag(.ordMissing, count == 0)
        if count > 0 { row[.ord12RefusedBlockedShare] = Double(refused + blocked) / Double(count) }
    }
}
