import ArgumentParser
import Foundation
import Receivables
import SolventModels

/// `solvent train`: fits models and writes model files with their cards.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Fit a model and write its model file (JSON) and model card (Markdown).",
        subcommands: [TrainPDCommand.self, TrainSegmentsCommand.self, TrainPaymentDatesCommand.self]
    )
}

/// `solvent train pd`: a default (PD) model from any table, or from the store.
struct TrainPDCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pd",
        abstract: "Fit a default model: logistic regression or a WoE points scorecard.",
        discussion: """
        From any table: --data FILE --target COL (0/1, 1 = default). Every other column is a \
        feature unless it is the --id, the --weights or listed in --exclude; text columns are \
        treatment-coded (levels sorted, the first is the reference) or, with --woe, binned.

        From the store: --as-of-from DATE --as-of-to DATE --horizon MONTHS (or --as-of DATE for \
        one date) stacks the customer \
        profiles at each month end in the range, labelled with default (90+ days past due) \
        within the horizon after it; customers already in default at a date are left out.

        Protected attributes (gender, sex, ethnicity, race, religion, nationality, marital \
        status, foreign) are refused unless --allow-feature NAME is given; the model card says so. \
        The fit matches R glm(family = binomial) and statsmodels; the coefficient summary, the \
        validation figures and any warning (aliased columns, separation, no convergence) are \
        printed, and --out FILE gets the model, FILE.md the model card. A fit that did not \
        converge is written but flagged, and exits 1.
        """
    )

    @Option(help: ArgumentHelp("A CSV table with a header row.", valueName: "file")) var data: String?
    @Option(help: ArgumentHelp("The 0/1 target column (1 = default).", valueName: "column")) var target: String?
    @Option(help: ArgumentHelp("The identifier column (kept as text).", valueName: "column")) var id: String?
    @Option(help: ArgumentHelp("Case weights (frequency; 0 = row left out).", valueName: "column")) var weights: String?
    @Option(parsing: .upToNextOption, help: ArgumentHelp("Columns that are not features (comma-separated or repeated).", valueName: "columns"))
    var exclude: [String] = []
    @Option(parsing: .upToNextOption, help: ArgumentHelp("Columns read as text even when they hold numbers (codes).", valueName: "columns"))
    var categorical: [String] = []
    @Option(name: .customLong("allow-feature"), help: ArgumentHelp("Allow a protected attribute as a feature (repeatable).", valueName: "name"))
    var allowFeature: [String] = []
    @Flag(help: "A points scorecard on weight-of-evidence bins instead of a plain logistic regression.") var woe = false
    @Option(help: ArgumentHelp("With --woe: at most this many bins per feature (default 10).", valueName: "n")) var bins: Int?
    @Flag(help: "With --woe: merge bins until WoE is monotone in each numeric feature.") var monotonic = false
    @Option(help: ArgumentHelp("Ridge penalty λ (glmnet convention: −ℓ/N + λ/2·Σβ², intercept free).", valueName: "lambda")) var l2: Double?
    @Flag(help: "Firth's bias-reduced fit (for separated or small data).") var firth = false
    @Option(help: ArgumentHelp("k-fold cross-validation on the training rows.", valueName: "k")) var cv: Int?
    @Option(name: .customLong("test-fraction"), help: ArgumentHelp("Hold out this share of rows (stratified).", valueName: "f")) var testFraction: Double?
    @Option(name: .customLong("split-date"), help: ArgumentHelp("Out-of-time test: rows with COL ≥ DATE.", valueName: "col:date")) var splitDate: String?
    @Option(help: ArgumentHelp("Seed of the splits and folds.", valueName: "n")) var seed: UInt64 = 20261129
    @Option(name: .customLong("as-of"), help: ArgumentHelp("Store path: one as-of date (same as --as-of-from D --as-of-to D).", valueName: "date")) var asOf: String?
    @Option(name: .customLong("as-of-from"), help: ArgumentHelp("Store path: first as-of month end.", valueName: "date")) var asOfFrom: String?
    @Option(name: .customLong("as-of-to"), help: ArgumentHelp("Store path: last as-of month end.", valueName: "date")) var asOfTo: String?
    @Option(help: ArgumentHelp("Store path: default horizon in months (default 12).", valueName: "months")) var horizon: Int?
    @Option(help: ArgumentHelp("Where to write the model file (e.g. models/pd.json).", valueName: "file")) var out: String
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    /// The as-of range of the store path.
    var range: (from: String?, to: String?) { (asOfFrom ?? asOf, asOfTo ?? asOf) }

    func validate() throws {
        if asOf != nil && (asOfFrom != nil || asOfTo != nil) {
            throw ValidationError("--as-of is one date; for a range give --as-of-from and --as-of-to instead")
        }
        let fromStore = range.from != nil || range.to != nil
        guard fromStore != (data != nil) else {
            throw ValidationError("give either --data FILE --target COL, or --as-of-from DATE --as-of-to DATE (the store)")
        }
        if data != nil && target == nil { throw ValidationError("--data needs --target COL (the 0/1 default column)") }
        if fromStore {
            guard let a = range.from, CalendarDate(iso: a) != nil, let b = range.to, CalendarDate(iso: b) != nil else {
                throw ValidationError("--as-of-from and --as-of-to must both be dates yyyy-MM-dd")
            }
        }
        if l2 != nil && firth { throw ValidationError("--l2 and --firth are alternatives: give one") }
        if let l2, !(l2 >= 0) { throw ValidationError("--l2 must be ≥ 0, got \(l2)") }
        if testFraction != nil && splitDate != nil { throw ValidationError("--test-fraction and --split-date are alternatives") }
        if let f = testFraction, !(f > 0 && f < 1) { throw ValidationError("--test-fraction must be between 0 and 1, got \(f)") }
        if let s = splitDate, !s.contains(":") { throw ValidationError("--split-date must be COLUMN:DATE, got \"\(s)\"") }
        if let cv, cv < 2 { throw ValidationError("--cv must be at least 2, got \(cv)") }
        if let bins, bins < 2 { throw ValidationError("--bins must be at least 2, got \(bins)") }
        if (bins != nil || monotonic) && !woe { throw ValidationError("--bins and --monotonic apply to --woe scorecards") }
        if let horizon, horizon < 1 { throw ValidationError("--horizon must be at least 1 month, got \(horizon)") }
    }

    func run() throws {
        let started = ContinuousClock().now
        let (table, settingsRead) = try data != nil ? fromFile() : fromStore()
        var settings = settingsRead
        settings.exclude += commaList(exclude)
        settings.allowFeatures = Set(allowFeature)
        settings.method = woe ? .scorecard : .logistic
        if let bins { settings.binning.maxBins = bins }
        settings.binning.monotonic = monotonic
        settings.penalty = firth ? .firth : l2.map { .l2($0) } ?? .none
        settings.folds = cv
        settings.seed = seed
        if let f = testFraction { settings.holdout = .fraction(f) }
        if let s = splitDate, let colon = s.firstIndex(of: ":") {
            settings.holdout = .outOfTime(column: String(s[..<colon]), cutoff: String(s[s.index(after: colon)...]))
        }
        let model: DefaultModel
        do { model = try DefaultModelTrainer.train(table, settings: settings) } catch {
            throw DataError("\(error)")
        }
        let sha = try ModelFileIO.write(model, to: out)
        if !output.quiet {
            print(model.summaryText)
            print(model.validationText)
            print("model written to \(out) (sha256 \(sha.prefix(12))…), card \(ModelFileIO.cardPath(out))"
                  + String(format: " (%.2f s)", (ContinuousClock().now - started).seconds))
        }
        if !model.fit.converged {
            var standardError = FileHandleOutputStream.standardError
            print("Error: the fit did not converge; the model is flagged and must not be promoted", to: &standardError)
            throw ExitCode.failure
        }
    }

    private func baseSettings(target: String, source: String) -> DefaultModelSettings {
        let name = ((out as NSString).lastPathComponent as NSString).deletingPathExtension
        let now = ISO8601DateFormatter().string(from: Date())
        return DefaultModelSettings(name: name, target: target, source: source,
                                    solventVersion: Solvent.version, createdAt: now)
    }

    private func fromFile() throws -> (DataTable, DefaultModelSettings) {
        guard let data, let target else { throw ValidationError("--data needs --target") }
        let table = try ModelFileIO.readTable(data, id: id, categorical: commaList(categorical))
        var settings = baseSettings(target: target, source: (data as NSString).lastPathComponent)
        settings.sourceSHA256 = ModelFileIO.sha256(of: data)
        settings.id = id
        settings.weights = weights
        return (table, settings)
    }

    private func fromStore() throws -> (DataTable, DefaultModelSettings) {
        guard let a = range.from.flatMap(CalendarDate.init(iso:)), let b = range.to.flatMap(CalendarDate.init(iso:)) else {
            throw ValidationError("--as-of-from and --as-of-to must be dates")
        }
        let portfolio = try storeOptions.portfolio()
        let end = max(portfolio.invoices.map(\.issueDate).max() ?? a, portfolio.payments.map(\.paidOn).max() ?? a)
        let definition = DefaultDefinition(daysPastDue: 90, horizonMonths: horizon ?? 12)
        let set: TrainingSet
        do {
            set = try TrainingSetBuilder(portfolio: portfolio, definition: definition)
                .build(asOfDates: TrainingSetBuilder.monthEnds(from: a, to: b), observedThrough: end)
        } catch { throw DataError("\(error)") }
        if !output.quiet {
            let excluded = set.summary.reduce(0) { $0 + $1.excludedInDefault }
            print("training set: \(grouped(set.rowCount)) rows from \(set.summary.count) month ends \(a.endOfMonth)…\(b.endOfMonth), "
                  + "\(grouped(set.target.filter { $0 == 1 }.count)) defaults within \(definition.horizonMonths) months; "
                  + "\(grouped(excluded)) customer-dates already in default left out")
        }
        var settings = baseSettings(target: "target_default", source: "store \(storeOptions.path)")
        settings.window = "as-of month ends \(a.endOfMonth) to \(b.endOfMonth), default = \(definition.daysPastDue)+ days past due within \(definition.horizonMonths) months"
        settings.id = "customer_id"
        settings.exclude = ["as_of"]  // the date of the row: a split key (--split-date as_of:DATE), not a feature
        return (try set.dataTable(), settings)
    }
}
