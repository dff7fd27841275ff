import ArgumentParser
import Foundation
import Receivables
import SolventModels

/// `solvent demo`: the whole pipeline on the built-in sample. For now: generate, ingest,
/// receivables metrics, the customer profile, a default model and its scores, segments, the cash forecast.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the pipeline on a generated sample portfolio (for now: generate, ingest, metrics, profile, train, score, segment, forecast).",
        discussion: """
        Generates the sample portfolio (2,000 customers, 24 months, seed 20261129) into a \
        working folder, replacing the previous demo, and loads it into a fresh store there \
        (DIR/solvent.sqlite), validating every row; then prints the portfolio's receivables \
        metrics at the end of the history and builds the customer profile there; trains a \
        default model on the profiles of the 10 month ends a year before (12-month horizon, \
        30 % held out) into DIR/models/pd.json with its card, and scores every customer at the \
        end into DIR/scores.csv; segments the customers there (automatic k) into \
        DIR/models/segments.json and DIR/segments.csv with the default policy's actions; and \
        forecasts the weekly cash-in for 13 weeks into DIR/cash.csv. A report step joins later.
        """
    )

    /// The settings of the committed sample in datasets/sample.
    static let sample = PortfolioSettings(customers: 2_000, months: 24, seed: 20_261_129)
    /// The file that marks a folder as a demo folder, so that `demo` never empties another folder.
    static let marker = ".solvent-demo"

    @Option(help: ArgumentHelp("Working folder, replaced on each run.", valueName: "dir"))
    var dir: String = "solvent-demo"

    func run() throws {
        try clearWorkingFolder()
        let clock = ContinuousClock()
        let started = clock.now
        print("Step 1 of 8: generate the sample portfolio")
        let summary = try GenerateCommand.generate(Self.sample, into: dir, force: true)
        let elapsed = clock.now - started
        _ = FileManager.default.createFile(atPath: (dir as NSString).appendingPathComponent(Self.marker), contents: Data())
        print(GenerateCommand.report(summary, seconds: elapsed.seconds))

        let storePath = (dir as NSString).appendingPathComponent("solvent.sqlite")
        print("\nStep 2 of 8: ingest it into \(storePath), validating every row")
        let store = try ingest(into: storePath)
        let asOf = Self.sample.end
        let portfolio = try store.loadPortfolio()
        print("\nStep 3 of 8: receivables metrics at \(asOf) (solvent metrics --as-of \(asOf))")
        let metrics = try MetricsTable(portfolio: portfolio, periodEnds: [asOf]).row(period: 0)
        print(Self.describe(metrics, currency: portfolio.reportingCurrency))
        print("\nStep 4 of 8: the customer profile at \(asOf) (solvent profile --as-of \(asOf))")
        let profile = try ProfileBuilder(portfolio: portfolio).profile(asOf: asOf)
        try store.saveProfileSnapshot(profile)
        print("  \(grouped(profile.rowCount)) customers × \(profile.features.count) features, snapshot stored "
              + "(solvent profile --describe lists them)")
        try trainAndScore(portfolio: portfolio, profile: profile, asOf: asOf)
        try segment(profile: profile, asOf: asOf)
        try forecastCash(portfolio: portfolio, asOf: asOf)
    }

    /// Step 8: weekly cash-in for the next 13 weeks, from open and from new invoices, with intervals.
    private func forecastCash(portfolio: PortfolioData, asOf: CalendarDate) throws {
        let outPath = (dir as NSString).appendingPathComponent("cash.csv")
        print("\nStep 8 of 8: forecast the cash coming in over 13 weeks (solvent forecast cash --as-of \(asOf) --out \(outPath))")
        let forecaster = CashForecaster(portfolio: portfolio)
        let forecast = try forecaster.forecast(asOf: asOf)
        try writeOutput(ForecastCashCommand.csv(forecast, levels: forecaster.levels), to: outPath)
        print(ForecastCashCommand.summary(forecast, currency: portfolio.reportingCurrency)
            .split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
        print("  week ending        expected total    80 % interval")
        for r in forecast.rows.filter({ $0.source == "total" }).prefix(6) {
            let i = r.intervals[0]
            print("  \(r.weekEnd)  " + padLeft(grouped(Int((r.mean / 100).rounded())), 16) + "    "
                  + grouped(Int((i.lower / 100).rounded())) + " – " + grouped(Int((i.upper / 100).rounded())))
        }
        print("  all 13 weeks in \(outPath); solvent forecast cash --backtest 6 checks it against what came in")
    }

    /// Step 7: payment-behaviour segments at the end of the history, their policies, and how
    /// well they recover the generator's true segments (truth.csv).
    private func segment(profile: ProfileTable, asOf: CalendarDate) throws {
        let modelPath = (dir as NSString).appendingPathComponent("models/segments.json")
        let outPath = (dir as NSString).appendingPathComponent("segments.csv")
        print("\nStep 7 of 8: segment the customers (solvent train segments --as-of \(asOf) --k auto --out \(modelPath); "
              + "solvent score --model \(modelPath) --as-of \(asOf) --policy default)")
        let (table, exposure) = try profile.behaviourTable()
        var settings = SegmentSettings(k: .auto(lower: 3, upper: 10))
        BehaviourFeatures.configure(&settings)
        let trainer = SegmentTrainer(settings: settings,
                                     name: "segments", source: "demo store, profile at \(asOf)",
                                     createdAt: ISO8601DateFormatter().string(from: Date()), solventVersion: Solvent.version)
        let model = try trainer.fit(table, features: BehaviourFeatures.columns, idColumn: "customer_id", exposure: exposure)
        _ = try ModelFileIO.write(model, to: modelPath)
        let policy = try SegmentPolicy.builtIn()
        let assignments = try model.assign(table, idColumn: "customer_id")
        try ScoreCommand.write(assignments, policy: policy, to: outPath)
        if let selection = model.selection {
            let best = selection.points.first { $0.k == selection.chosen }
            print("  k = \(selection.chosen) of \(selection.points.first?.k ?? 0)…\(selection.points.last?.k ?? 0) "
                  + String(format: "(silhouette %.3f", best?.silhouette ?? .nan)
                  + "; best silhouette at k = \(selection.bestSilhouette), elbow at k = \(selection.elbow))")
        }
        for s in model.segments {
            let a = policy.actions(for: s.behaviour)
            print("  \(s.id) " + s.name.padding(toLength: 17, withPad: " ", startingAt: 0) + padLeft(grouped(s.size), 6)
                  + String(format: " customers, %4.1f %% of AR", 100 * (s.exposureShare ?? 0))
                  + "; reminders \(a.reminderText), \(a.channel.rawValue), credit hold \(a.creditHold.rawValue), "
                  + "limit review \(a.limitReview.rawValue)")
        }
        let truthPath = (dir as NSString).appendingPathComponent("truth.csv")
        let truth = try ModelFileIO.readTable(truthPath, id: "customer_id", categorical: ["segment"])
        let truthIDs = try truth.identifiers("customer_id"), truthSegments = try truth.categorical("segment")
        let truthByID = Dictionary(zip(truthIDs, truthSegments.codes), uniquingKeysWith: { a, _ in a })
        let pairs = assignments.compactMap { a in truthByID[a.id].map { (Int($0), a.segment) } }
        let ari = try ClusterQuality.adjustedRandIndex(pairs.map(\.0), pairs.map(\.1))
        print("  \(grouped(assignments.count)) customers into \(outPath); agreement with the generator's "
              + "\(truthSegments.levels.count) true segments (truth.csv): adjusted Rand index " + String(format: "%.3f", ari))
    }

    /// Steps 5 and 6: a default model from the store's training set, and the scores at the end of the history.
    private func trainAndScore(portfolio: PortfolioData, profile: ProfileTable, asOf: CalendarDate) throws {
        let from = asOf.adding(months: -21).endOfMonth, to = asOf.adding(months: -12).endOfMonth
        let modelPath = (dir as NSString).appendingPathComponent("models/pd.json")
        print("\nStep 5 of 8: train a default model (solvent train pd --as-of-from \(from) --as-of-to \(to) --horizon 12 "
              + "--test-fraction 0.3 --out \(modelPath))")
        let set = try TrainingSetBuilder(portfolio: portfolio, definition: DefaultDefinition(daysPastDue: 90, horizonMonths: 12))
            .build(asOfDates: TrainingSetBuilder.monthEnds(from: from, to: to), observedThrough: asOf)
        var settings = DefaultModelSettings(name: "pd", target: "target_default", source: "demo store",
                                            solventVersion: Solvent.version,
                                            createdAt: ISO8601DateFormatter().string(from: Date()))
        settings.id = "customer_id"
        settings.exclude = ["as_of"]
        settings.holdout = .fraction(0.3)
        settings.window = "as-of month ends \(from) to \(to), default = 90+ days past due within 12 months"
        let model = try DefaultModelTrainer.train(set.dataTable(), settings: settings)
        let sha = try ModelFileIO.write(model, to: modelPath)
        let test = model.metrics.test ?? model.metrics.training
        print("  \(grouped(set.rowCount)) customer-months, \(grouped(Int(set.target.reduce(0, +)))) defaults; "
              + String(format: "held-out AUC %.3f, Gini %.3f, KS %.3f", test.auc, test.gini, test.ks)
              + "; \(model.coefficients.count - model.fit.aliased.count) coefficients (\(model.fit.aliased.count) aliased), "
              + (model.fit.converged ? "converged" : "NOT converged") + " in \(model.fit.iterations) iterations")
        print("  model \(modelPath) (sha256 \(sha.prefix(12))…) and its card \(ModelFileIO.cardPath(modelPath))")
        print("\nStep 6 of 8: score every customer at \(asOf) (solvent score --model \(modelPath) --as-of \(asOf))")
        let table = try profile.dataTable().selecting(columns: ["customer_id"] + model.features)
        let scores = try model.score(table)
        let scoresPath = (dir as NSString).appendingPathComponent("scores.csv")
        try ScoreCommand.write(scores, to: scoresPath)
        var bands: [String: Int] = [:]
        for s in scores { bands[s.band, default: 0] += 1 }
        print("  \(grouped(scores.count)) customers scored into \(scoresPath); by band: "
              + model.bands.bands.map { "\($0.name) \(bands[$0.name] ?? 0)" }.joined(separator: ", "))
        for s in scores.sorted(by: { $0.pd > $1.pd }).prefix(3) {
            print(String(format: "  riskiest: %@ PD %.1f %%, score %.0f, band %@; reasons: %@", s.id, 100 * s.pd, s.score, s.band,
                         s.reasons.joined(separator: ", ")))
        }
    }

    /// The portfolio's metrics in a few lines a CFO reads.
    static func describe(_ m: MetricsRow, currency: String) -> String {
        func money(_ cents: Int64) -> String { grouped(Int((Double(cents) / 100).rounded())) + " " + currency }
        func days(_ x: Double?) -> String { x.map { String(format: "%.1f days", $0) } ?? "n/a (no sales)" }
        let a = m.aging
        return [
            "  AR \(money(m.ar)), of which current \(money(m.currentAR)); sales in the month \(money(m.sales))",
            "  DSO \(days(m.dso)), countback \(days(m.countbackDSO)), best possible \(days(m.bestPossibleDSO)), "
                + "average days delinquent \(days(m.averageDaysDelinquent))",
            "  CEI " + (m.cei.map { String(format: "%.1f %%", $0) } ?? "n/a"),
            "  aging: current \(money(a.current)), 1–30 \(money(a.days1to30)), 31–60 \(money(a.days31to60)), "
                + "61–90 \(money(a.days61to90)), 91+ \(money(a.days91plus))",
        ].joined(separator: "\n")
    }

    /// Loads every source file of the demo folder into a fresh store.
    private func ingest(into storePath: String) throws -> SQLiteStore {
        let store: SQLiteStore
        do {
            store = try SQLiteStore(path: storePath)
        } catch let error as StoreError {
            throw RunError(error.description)
        }
        let ingestor = Ingestor(store: store)
        let profile = ImportProfile(name: "default")
        for kind in SourceKind.allCases {
            let path = (dir as NSString).appendingPathComponent("\(kind.rawValue).csv")
            let report: IngestReport
            do {
                report = try ingestor.ingest(IngestRequest(kind: kind, path: path, profile: profile))
            } catch let error as IngestError {
                throw RunError("demo data did not load: \(error)")
            }
            guard report.outcome == .stored else {
                throw RunError("demo data did not load: \(path): \(report.firstRejects.first.map(\.description) ?? "\(report.outcome)")")
            }
            print("  \(kind.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0))"
                  + padLeft(grouped(report.rowsStored), 9) + " rows stored"
                  + String(format: "%7.2f s", report.seconds))
        }
        return store
    }

    /// Empties the working folder when it is a previous demo (or empty); refuses any other folder.
    private func clearWorkingFolder() throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: dir, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw ValidationError("demo folder \(dir) exists and is not a folder; pass another --dir")
        }
        let entries = (try? fm.contentsOfDirectory(atPath: dir)) ?? []
        guard entries.isEmpty || entries.contains(Self.marker) else {
            throw ValidationError("\(dir) is not empty and was not made by solvent demo; pass another --dir or remove it")
        }
        for entry in entries {
            do {
                try fm.removeItem(atPath: (dir as NSString).appendingPathComponent(entry))
            } catch {
                throw ValidationError("cannot clear demo folder \(dir): \(error.localizedDescription)")
            }
        }
    }
}
