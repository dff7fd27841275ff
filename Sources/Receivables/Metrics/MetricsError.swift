/// Why metrics cannot be computed, with the values involved.
public enum MetricsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The portfolio holds no invoices at all (a store never ingested).
    case noInvoices
    /// No period end was given.
    case noPeriods
    /// A monthly series whose first month is after its as-of date.
    case fromAfterAsOf(from: CalendarDate, asOf: CalendarDate)

    public var description: String {
        switch self {
        case .noInvoices:
            "the store holds no invoices: run solvent ingest first"
        case .noPeriods:
            "no period end given: pass an as-of date"
        case let .fromAfterAsOf(from, asOf):
            "--from \(from) is after --as-of \(asOf): the series runs from --from's month to the as-of date"
        }
    }
}
