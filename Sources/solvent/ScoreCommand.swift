import ArgumentParser
import Foundation
import Receivables
import SolventModels

/// `solvent score`: applies a model file to a table or to the profile at a date.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Apply a model file to a table (--data) or to the customer profile at a date (--as-of).",
        discussion: """
        Default models write id, pd, score, band, reason_1 … reason_4: the probability of \
        default, the points score (higher = safer; the scaling is in the model file), the risk \
        band, and the features that lowered the score most. Segments models write id, segment, \
        segment_name, distance (to the segment's centre, scaled units), and with --policy the \
        segment's reminders (days from the due date), channel, credit_hold and limit_review. \
        Payment-dates models (--as-of only) write each open invoice's invoice_id, customer_id, \
        due_date, open_amount, chance of payment within the model's weeks, median_paid_by and \
        expected_cash. The model file is refused if its checksum or schema version does not \
        match; the data must carry the model's features (an error lists missing and unknown columns).
        """
    )

    @Option(help: ArgumentHelp("The model file (JSON) written by solvent train.", valueName: "file")) var model: String
    @Option(help: ArgumentHelp("A CSV table with the model's feature columns.", valueName: "file")) var data: String?
    @Option(name: .customLong("as-of"), help: ArgumentHelp("Score the profile at this date (store).", valueName: "date")) var asOf: String?
    @Option(help: ArgumentHelp("Write the scores here (atomically) instead of standard output.", valueName: "file")) var out: String?
    @Option(help: ArgumentHelp("Segments models: add each segment's actions from this policy file (TOML; `default` = the built-in policies/segments.toml).", valueName: "file|default"))
    var policy: String?
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard (data == nil) != (asOf == nil) else { throw ValidationError("give --data FILE or --as-of DATE") }
        if let asOf, CalendarDate(iso: asOf) == nil { throw ValidationError("--as-of must be a date yyyy-MM-dd, got \"\(asOf)\"") }
    }

    func run() throws {
        let started = ContinuousClock().now
        let scored: Int, what: String
        switch try ModelFileIO.readModel(model) {
        case .pd(let pd):
            scored = try scoreDefault(pd)
            what = "\(pd.name) (\(pd.method.rawValue))"
        case .segments(let segments):
            scored = try scoreSegments(segments)
            what = "\(segments.name) (\(segments.k) segments)"
        case .paymentDates(let timing):
            scored = try scorePaymentDates(timing)
            what = "\(timing.name) (payment dates, \(timing.weeks) weeks)"
        }
        if !output.quiet {
            let line = "scored \(grouped(scored)) rows with \(what)"
                + (out.map { ", written to \($0)" } ?? "") + String(format: " (%.2f s)", (ContinuousClock().now - started).seconds)
            if out == nil {
                var standardError = FileHandleOutputStream.standardError
                print(line, to: &standardError)
            } else {
                print(line)
            }
        }
    }

    private func scoreDefault(_ pd: DefaultModel) throws -> Int {
        if policy != nil { throw ValidationError("--policy applies to segments models; \(model) is a default model") }
        let table: DataTable
        if let data {
            table = try ModelFileIO.readTable(data, id: pd.idColumn, categorical: pd.categoricalFeatures)
        } else {
            table = try Self.profileTable(asOf: asOf ?? "", store: storeOptions, features: pd.features)
        }
        let scores: [DefaultScore]
        do { scores = try pd.score(table) } catch { throw DataError("\(error)") }
        try Self.write(scores, to: out)
        return scores.count
    }

    /// Every invoice open at --as-of: its chance of being paid within the model's weeks, the week
    /// by which it is paid with probability ½, and the expected cash.
    private func scorePaymentDates(_ model: PaymentDatesModel) throws -> Int {
        if policy != nil { throw ValidationError("--policy applies to segments models") }
        guard data == nil, let date = asOf.flatMap(CalendarDate.init(iso:)) else {
            throw ValidationError("a payment-dates model scores the invoices open in the store: give --as-of DATE, not --data")
        }
        let portfolio = try storeOptions.portfolio(.receivables)
        let outlook = CashForecaster(portfolio: portfolio, weeks: model.weeks).outlook(asOf: date, model: model.timing)
        var lines = ["invoice_id,customer_id,due_date,open_amount,p_paid_\(model.weeks)w,median_paid_by,expected_cash\n"]
        for o in outlook {
            lines.append(CSVText.safeText(o.invoiceID) + "," + CSVText.safeText(o.customerID) + ",\(o.dueDate),"
                         + String(format: "%.2f,%.6f,", Double(o.open) / 100, o.paidWithinHorizon)
                         + (o.medianPaidBy.map(\.description) ?? "") + String(format: ",%.2f\n", o.expectedCash / 100))
        }
        try writeOutput(lines.joined(), to: out)
        return outlook.count
    }

    private func scoreSegments(_ segments: SegmentModel) throws -> Int {
        let policy = try self.policy.map { path in
            do { return try SegmentPolicy.load(path: path) } catch { throw DataError("\(error)") }
        }
        let table: DataTable, idColumn: String?
        if let data {
            idColumn = segments.training.idColumn
            table = try ModelFileIO.readTable(data, id: idColumn, categorical: [])
        } else {
            idColumn = "customer_id"
            table = try Self.profileTable(asOf: asOf ?? "", store: storeOptions, features: segments.features)
        }
        let assignments: [SegmentAssignment]
        do { assignments = try segments.assign(table, idColumn: idColumn) } catch { throw DataError("\(error)") }
        try Self.write(assignments, policy: policy, to: out)
        return assignments.count
    }

    /// The profile at `asOf` from the store, reduced to the model's features and the customer id.
    static func profileTable(asOf: String, store options: StoreOptions, features: [String]) throws -> DataTable {
        guard let date = CalendarDate(iso: asOf) else { throw ValidationError("--as-of must be a date") }
        let profile = try options.profile(asOf: date)
        do {
            return try profile.dataTable().selecting(columns: ["customer_id"] + features)
        } catch {
            throw DataError("the profile does not carry the model's features: \(error)")
        }
    }

    /// `id, segment, segment_name, distance`, and with a policy `reminders, channel, credit_hold, limit_review`.
    static func write(_ assignments: [SegmentAssignment], policy: SegmentPolicy?, to out: String?) throws {
        var lines = ["id,segment,segment_name,distance" + (policy == nil ? "" : ",reminders,channel,credit_hold,limit_review") + "\n"]
        lines.reserveCapacity(assignments.count + 1)
        for a in assignments {
            var line = CSVText.safeText(a.id) + ",\(a.segment)," + CSVText.safeText(a.name) + "," + String(format: "%.6f", a.distance)
            if let actions = policy?.actions(for: a.behaviour) {
                line += "," + actions.reminderText + "," + actions.channel.rawValue + "," + actions.creditHold.rawValue
                    + "," + actions.limitReview.rawValue
            }
            lines.append(line + "\n")
        }
        try writeOutput(lines.joined(), to: out)
    }

    static func write(_ scores: [DefaultScore], to out: String?) throws {
        var text = "id,pd,score,band,reason_1,reason_2,reason_3,reason_4\n"
        var lines: [String] = [text]
        lines.reserveCapacity(scores.count + 1)
        for s in scores {
            var line = CSVText.safeText(s.id) + "," + String(format: "%.10g", s.pd) + "," + String(format: "%.2f", s.score) + "," + s.band
            for k in 0..<DefaultModel.reasonCodes { line += "," + (k < s.reasons.count ? CSVText.safeText(s.reasons[k]) : "") }
            lines.append(line + "\n")
        }
        text = lines.joined()
        try writeOutput(text, to: out)
    }
}

extension DefaultModel {
    /// Features the model treats as text (read them as text from a CSV even when they look numeric).
    var categoricalFeatures: [String] {
        if let design { return design.categoricalFeatures }
        return scorecard?.binnings.filter { $0.kind == .categorical }.map(\.feature) ?? []
    }
}
