import ArgumentParser
import Foundation
import Receivables
import SolventModels

/// `solvent metrics`: the DSO family, CEI and aging at a date, or month by month.
struct MetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "DSO (standard, countback, best possible), average days delinquent, CEI and aging, for the portfolio and per group.",
        discussion: """
        Columns: \(MetricsTable.columns.joined(separator: ", ")). group is "portfolio" or \
        the group's key (customers without a country or sector: "\(MetricsGrouping.unknownKey)").

        Definitions (DESIGN.md; docs/metrics.md has a worked example). A period is a calendar \
        month ending at its period end; a mid-month --as-of is a partial period: sales from the \
        1st to the as-of date, days = days elapsed. AR(t) = open amounts at t of invoices issued \
        on or before t (credit notes reduce it); current AR = the part not yet due (due date ≥ t). \
        DSO = AR / sales × days. Countback DSO walks back month by month from the period, \
        subtracting each month's sales from AR and adding its days, the last month pro rata. \
        Best possible DSO = current AR / sales × days. Average days delinquent = DSO − best \
        possible DSO. CEI = (AR(begin) + sales − AR(end)) / (AR(begin) + sales − current \
        AR(end)) × 100, AR(begin) = AR at the previous month's end. Aging: open amounts by days \
        past due: current (not yet due), 1-30, 31-60, 61-90, 91+.

        Money in currency units with 2 decimals; days and CEI with 2 decimals. A ratio whose \
        denominator is zero or negative is missing: an empty CSV cell, JSON null (never NaN). \
        Countback DSO is also missing when AR is negative, or when the history runs out \
        before the AR is covered. An as-of date before any invoice gives zero AR and missing \
        ratios. --by customer lists every customer, those without invoices with zeros.

        --monthly gives one period per month from --from's month (default: 11 months before \
        --as-of) to the as-of date; each ends on its month's last day, the last at --as-of.
        """
    )

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The date the metrics are taken at (yyyy-MM-dd).", valueName: "date"))
    var asOf: String

    @Flag(help: "One row per month from --from to --as-of instead of one period.")
    var monthly = false

    @Option(help: ArgumentHelp("First month of the --monthly series (any day of it).", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Rows per group besides the portfolio: customer, segment, country or sector.",
                               valueName: "customer|segment|country|sector"))
    var by: String?

    @Option(help: ArgumentHelp("With --by segment: the segments model (solvent train segments) that assigns customers at --as-of.",
                               valueName: "file"))
    var segments: String?

    @Option(help: ArgumentHelp("Write the table to this file (atomically) instead of standard output.", valueName: "file"))
    var out: String?

    @Option(help: ArgumentHelp("Table format.", valueName: "csv|json"))
    var format: String = "csv"

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    static let groupings = ["customer", "segment", "country", "sector"]

    func validate() throws {
        guard CalendarDate(iso: asOf) != nil else {
            throw ValidationError("--as-of must be a date yyyy-MM-dd, got \"\(asOf)\"")
        }
        if let from {
            guard monthly else { throw ValidationError("--from needs --monthly") }
            guard let first = CalendarDate(iso: from) else {
                throw ValidationError("--from must be a date yyyy-MM-dd, got \"\(from)\"")
            }
            if let end = CalendarDate(iso: asOf), first > end {
                throw ValidationError(MetricsError.fromAfterAsOf(from: first, asOf: end).description)
            }
        }
        if let by, !Self.groupings.contains(by) {
            throw ValidationError("--by must be one of \(Self.groupings.joined(separator: ", ")), got \"\(by)\"")
        }
        if by == "segment" && segments == nil {
            throw ValidationError("--by segment needs --segments MODEL, a model from `solvent train segments`")
        }
        if segments != nil && by != "segment" { throw ValidationError("--segments goes with --by segment") }
        guard format == "csv" || format == "json" else {
            throw ValidationError("--format must be csv or json, got \"\(format)\"")
        }
    }

    func run() throws {
        guard let end = CalendarDate(iso: asOf) else { throw ValidationError("--as-of must be a date yyyy-MM-dd") }
        let periodEnds = try periods(end: end)
        guard FileManager.default.fileExists(atPath: storeOptions.path) else {
            throw DataError("no store at \(storeOptions.path): run solvent ingest first (or pass --store)")
        }
        let clock = ContinuousClock()
        let started = clock.now
        let portfolio: PortfolioData
        do {
            portfolio = try storeOptions.open().loadPortfolio()
        } catch let error as PortfolioError {
            throw DataError(error.description)
        }
        let loaded = clock.now
        let grouping = try resolvedGrouping(portfolio: portfolio, asOf: end)
        let table: MetricsTable
        do {
            table = try MetricsTable(portfolio: portfolio, periodEnds: periodEnds, grouping: grouping)
        } catch {
            throw DataError(error.description)
        }
        let computed = clock.now
        var standardError = FileHandleOutputStream.standardError
        if table.firstIssueDate == nil && !output.quiet {
            print("Note: no invoice is issued on or before \(end): AR is zero and the ratios are missing.",
                  to: &standardError)
        }
        try write(table)
        if output.verbose {
            print("loaded \(grouped(portfolio.invoices.count)) invoices and \(grouped(portfolio.payments.count)) payments"
                  + (portfolio.fromCache ? " (from the cache)" : "") + " in "
                  + seconds(loaded - started) + ", swept them in " + seconds(computed - loaded)
                  + ", wrote the rows in " + seconds(clock.now - computed), to: &standardError)
        }
    }

    func seconds(_ d: Duration) -> String {
        String(format: "%.3f s", Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
    }

    func resolvedGrouping(portfolio: PortfolioData, asOf: CalendarDate) throws -> MetricsGrouping {
        switch by {
        case nil: return .portfolio
        case "customer": return .customer
        case "country": return .country
        case "sector": return .sector
        default: return .segment(try segmentMap(portfolio: portfolio, asOf: asOf))
        }
    }

    /// Customer index → segment name: the model applied to the profile at the as-of date.
    func segmentMap(portfolio: PortfolioData, asOf: CalendarDate) throws -> [Int: String] {
        guard let segments else { throw ValidationError("--by segment needs --segments MODEL") }
        let model = try ModelFileIO.readSegmentModel(segments)
        let assignments: [SegmentAssignment]
        do {
            let profile = try ProfileBuilder(portfolio: portfolio).profile(asOf: asOf)
            let table = try profile.dataTable().selecting(columns: ["customer_id"] + model.features)
            assignments = try model.assign(table, idColumn: "customer_id")
        } catch {
            throw DataError("\(segments): cannot assign segments at \(asOf): \(error)")
        }
        let index = Dictionary(portfolio.customers.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var map: [Int: String] = [:]
        for a in assignments { if let i = index[a.id] { map[i] = a.name } }
        return map
    }

    func periods(end: CalendarDate) throws -> [CalendarDate] {
        guard monthly else { return MetricsPeriods.single(asOf: end) }
        let first = from.flatMap { CalendarDate(iso: $0) } ?? end.adding(months: -11)
        do {
            return try MetricsPeriods.monthly(from: first, asOf: end)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// The table to --out (atomically) or standard output, in buffered pieces.
    func write(_ table: MetricsTable) throws {
        let json = format == "json"
        guard let out else {
            var buffer: [UInt8] = []
            buffer.reserveCapacity(1 << 20)
            table.write(json: json) { piece in
                buffer.append(contentsOf: piece.utf8)
                if buffer.count >= 1 << 20 {
                    FileHandle.standardOutput.write(Data(buffer))
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            FileHandle.standardOutput.write(Data(buffer))
            return
        }
        do {
            let writer = try AtomicFileWriter(path: out)
            try table.write(json: json) { piece throws(FileWriteError) in try writer.write(piece) }
            try writer.commit()
        } catch let error as FileWriteError {
            throw RunError(error.description)
        }
        if !output.quiet {
            let rows = table.periodEnds.count * (1 + table.groupKeys.count)
            print("Wrote \(grouped(rows)) row(s) to \(out)")
        }
    }
}
