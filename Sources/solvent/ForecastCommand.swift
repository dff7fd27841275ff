import ArgumentParser
import Foundation
import Receivables
import SolventModels

/// `solvent forecast`: forecasts with intervals.
struct ForecastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Forecast series with prediction intervals and backtests.",
        subcommands: [ForecastSeriesCommand.self, ForecastCashCommand.self, ForecastDSOCommand.self]
    )

    /// `--level 80,95`: percentages in (0, 100), comma-separated.
    static func levels(_ text: String) throws -> [Double] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        let parsed = parts.compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !parsed.isEmpty, parsed.count == parts.count, parsed.allSatisfy({ $0 > 0 && $0 < 100 }) else {
            throw ValidationError("--level must be percentages between 0 and 100, comma-separated, got \"\(text)\"")
        }
        return parsed
    }
}

/// `solvent forecast series`: ETS (automatic or given) or a baseline for one or thousands of series from a CSV.
struct ForecastSeriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "series",
        abstract: "Forecast one or many series from a CSV table (ETS or a baseline), with intervals.",
        discussion: """
        The table has one row per series and period: --date-column (yyyy-MM-dd), --value-column, \
        and --id-column for many series. Each series must be regular (daily, weekly, monthly, \
        quarterly or yearly, inferred from its dates) without gaps or repeated dates; an error \
        names the series and the dates. --season defaults to the frequency's (7, 52, 12, 4, 1).

        --model auto selects the ETS model by AICc over the admissible ones, as R forecast::ets \
        and statsforecast AutoETS; ETS(A,Ad,N) and the like fit that model; naive, snaive and \
        drift are the baselines. Output: id, date, mean, lo_L, hi_L per --level, model. \
        --backtest N evaluates N rolling origins (MASE, sMAPE, WAPE, interval coverage) against \
        the seasonal-naive and drift baselines.
        """
    )

    @Option(help: ArgumentHelp("A CSV table, one row per series and period.", valueName: "file")) var data: String
    @Option(name: .customLong("date-column"), help: ArgumentHelp("The period's date (yyyy-MM-dd).", valueName: "column")) var dateColumn: String
    @Option(name: .customLong("value-column"), help: ArgumentHelp("The value to forecast.", valueName: "column")) var valueColumn: String
    @Option(name: .customLong("id-column"), help: ArgumentHelp("The series identifier (many series).", valueName: "column")) var idColumn: String?
    @Option(help: ArgumentHelp("Periods to forecast.", valueName: "h")) var horizon: Int
    @Option(help: ArgumentHelp("Seasonal period (default: 12 for months, 4 quarters, 52 weeks, 7 days, 1 years).", valueName: "m")) var season: Int?
    @Option(help: ArgumentHelp("auto, an ETS model such as ETS(A,Ad,N), naive, snaive or drift.", valueName: "model")) var model: String = "auto"
    @Option(help: ArgumentHelp("Interval levels in percent, comma-separated.", valueName: "levels")) var level: String = "80,95"
    @Option(help: ArgumentHelp("Rolling-origin backtest with this many origins.", valueName: "n")) var backtest: Int?
    @Option(help: ArgumentHelp("Seed of simulated intervals.", valueName: "n")) var seed: UInt64 = 1
    @Option(help: ArgumentHelp("Write the forecasts here (atomically) instead of standard output.", valueName: "file")) var out: String?
    @OptionGroup var output: OutputOptions

    var levels: [Double] { (try? ForecastCommand.levels(level)) ?? [] }

    func validate() throws {
        guard horizon >= 1 else { throw ValidationError("--horizon must be at least 1, got \(horizon)") }
        if let season, season < 1 { throw ValidationError("--season must be at least 1, got \(season)") }
        _ = try ForecastCommand.levels(level)
        if let backtest, backtest < 1 { throw ValidationError("--backtest must be at least 1 origin, got \(backtest)") }
        _ = try method(period: 12)
    }

    func method(period: Int) throws -> ForecastMethod {
        switch model {
        case "auto": return .ets(ETS(period: period))
        case "naive": return .baseline(.naive)
        case "snaive": return .baseline(.seasonalNaive(period: period))
        case "drift": return .baseline(.drift)
        default:
            guard let spec = ETSSpecification(model) else {
                throw ValidationError("--model must be auto, naive, snaive, drift or ETS(E,T,S) with E in A,M; T in N,A,Ad; S in N,A,M; got \"\(model)\"")
            }
            return .ets(ETS(spec, period: period))
        }
    }

    func run() throws {
        let started = ContinuousClock().now
        let table = try ModelFileIO.readTable(data, id: idColumn, categorical: [dateColumn] + (idColumn.map { [$0] } ?? []))
        let input: TimeSeriesTable
        do { input = try TimeSeriesTable(table, dateColumn: dateColumn, valueColumn: valueColumn, idColumn: idColumn) } catch {
            throw DataError("\(data): \(error)")
        }
        var lines = ["id,date,mean," + levels.map { "lo_\(Self.label($0)),hi_\(Self.label($0))" }.joined(separator: ",") + ",model\n"]
        var failures: [String] = [], notes: [String] = []
        // One batch per seasonal period (series of different frequencies may share a file).
        let groups = Dictionary(grouping: input.series.indices) { season ?? input.series[$0].frequency.seasonalPeriod }
        var results = [SeriesForecast?](repeating: nil, count: input.series.count)
        for (period, indices) in groups.sorted(by: { $0.key < $1.key }) {
            let batch = ForecastBatch.forecast(indices.map { input.series[$0].values }, ids: indices.map { input.series[$0].id },
                                               method: try method(period: period), horizon: horizon, levels: levels, seed: seed)
            for (i, result) in zip(indices, batch) {
                switch result {
                case .success(let f): results[i] = f
                case .failure(let error): failures.append("series \(input.series[i].id): \(error)")
                }
            }
        }
        for (s, result) in zip(input.series, results) {
            guard let result else { continue }
            let f = result.forecast
            notes += f.notes.map { "series \(s.id): \($0)" }
            for h in 0..<horizon {
                var line = CSVText.safeText(s.id) + "," + s.frequency.advance(s.dates[s.dates.count - 1], by: h + 1).description
                    + "," + Self.number(f.mean[h])
                for l in levels {
                    let interval = f.interval(level: l)
                    line += "," + (interval.map { Self.number($0.lower[h]) } ?? "") + "," + (interval.map { Self.number($0.upper[h]) } ?? "")
                }
                lines.append(line + "," + CSVText.safeText(f.method) + "\n")
            }
        }
        guard failures.count < input.series.count else {
            throw DataError(failures.prefix(10).joined(separator: "\n"))
        }
        try writeOutput(lines.joined(), to: out)
        var standardError = FileHandleOutputStream.standardError
        for message in failures + (output.verbose ? notes : []) { print("warning: \(message)", to: &standardError) }
        if let backtest { try runBacktest(input, origins: backtest) }
        if !output.quiet {
            let chosen = Dictionary(grouping: results.compactMap { $0?.forecast.method }, by: { $0 }).mapValues(\.count)
            let line = "forecast \(grouped(results.compactMap { $0 }.count)) of \(grouped(input.series.count)) series, \(horizon) periods ahead; models: "
                + chosen.sorted { $0.value > $1.value }.prefix(6).map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                + (out.map { "; written to \($0)" } ?? "") + String(format: " (%.2f s)", (ContinuousClock().now - started).seconds)
            print(line, to: &standardError)
        }
    }

    /// Backtests the chosen method against the seasonal-naive and drift baselines; prints the table to standard error.
    private func runBacktest(_ input: TimeSeriesTable, origins: Int) throws {
        let period = season ?? input.series[0].frequency.seasonalPeriod
        let methods = [try method(period: period), .baseline(.seasonalNaive(period: period)), .baseline(.drift)]
        let results = ForecastBatch.backtest(input.series.map(\.values), ids: input.series.map(\.id), methods: methods,
                                             backtest: Backtest(origins: origins, horizon: horizon, period: period, levels: levels, seed: seed))
        let ok = results.compactMap { try? $0.get() }
        var standardError = FileHandleOutputStream.standardError
        for case .failure(let error) in results { print("backtest: \(error)", to: &standardError) }
        guard !ok.isEmpty else { throw DataError("no series could be backtested with \(origins) origins and horizon \(horizon)") }
        print("backtest: \(origins) rolling origins, horizon \(horizon), \(ok.count) series (means over series; WAPE pooled)", to: &standardError)
        print("  method" + String(repeating: " ", count: 24) + "   MASE   sMAPE    WAPE" + levels.map { padLeft("cover \(Self.label($0))", 10) }.joined(),
              to: &standardError)
        for s in BacktestResult.summarize(ok) {
            let name = s.method.padding(toLength: 30, withPad: " ", startingAt: 0)
            print("  " + name + String(format: "%7.3f %7.3f %7.3f", s.mase, s.smape, s.wape)
                  + s.coverage.map { padLeft(String(format: "%.1f %%", 100 * $0.coverage), 10) }.joined(), to: &standardError)
        }
    }

    static func label(_ level: Double) -> String { level == level.rounded() ? String(Int(level)) : String(level) }
    static func number(_ x: Double) -> String { String(format: "%.6g", x) }
}

/// `solvent forecast cash`: weekly cash-in from the store, open and new invoices, with intervals and a backtest.
struct ForecastCashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cash",
        abstract: "Forecast weekly cash-in after a date from the store, with intervals.",
        discussion: """
        Fits the payment-timing model (a discrete-time hazard: logistic regression on invoice-weeks \
        of the invoices open at the 12 month ends before --as-of, nothing after it seen) and \
        forecasts when each open invoice is paid; invoices not issued yet come from an ETS forecast \
        of monthly sales spread by the collection pattern. Rows: week_start, week_end, source \
        (open, new, total), mean, lo_L, hi_L per --level, in the reporting currency; intervals by \
        --simulations seeded paths (invoices of one customer move together). --backtest N scores \
        the open-invoice forecast at the N last month ends with the whole horizon observed, against \
        the due-date and customer-mean-delay baselines (WAPE) and the interval coverage.
        """
    )

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The date the forecast starts after.", valueName: "date")) var asOf: String
    @Option(help: ArgumentHelp("Weeks ahead (default 13).", valueName: "n")) var weeks: Int = 13
    @OptionGroup var simulation: SimulationOptions
    @Option(help: ArgumentHelp("Backtest at this many month ends.", valueName: "n")) var backtest: Int?
    @Option(help: ArgumentHelp("A payment-dates model (solvent train payment-dates) instead of fitting one.", valueName: "file")) var model: String?
    @Option(help: ArgumentHelp("Write the forecast here (atomically) instead of standard output.", valueName: "file")) var out: String?
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard CalendarDate(iso: asOf) != nil else { throw ValidationError("--as-of must be a date yyyy-MM-dd, got \"\(asOf)\"") }
        guard weeks >= 1 && weeks <= 104 else { throw ValidationError("--weeks must be between 1 and 104, got \(weeks)") }
        if let backtest, backtest < 1 { throw ValidationError("--backtest must be at least 1, got \(backtest)") }
    }

    func run() throws {
        let clock = ContinuousClock()
        let started = clock.now
        var phases: [String] = [], mark = started
        func lap(_ name: String) {
            phases.append(String(format: "%@ %.2f s", name, (clock.now - mark).seconds))
            mark = clock.now
        }
        guard let date = CalendarDate(iso: asOf) else { throw ValidationError("--as-of must be a date") }
        let portfolio = try storeOptions.portfolio(.receivables)
        lap(portfolio.fromCache ? "load (cache)" : "load")
        let levels = simulation.levels
        let forecaster = CashForecaster(portfolio: portfolio, weeks: weeks, levels: levels, simulations: simulation.simulations,
                                        seed: simulation.seed)
        lap("ledger")
        let given = try model.map { try ModelFileIO.readPaymentDatesModel($0) }
        if let given, given.trainedAsOf > date {
            throw DataError("\(model ?? ""): fitted for \(given.trainedAsOf), after --as-of \(date): it has seen what it would forecast")
        }
        if given != nil { lap("model read") }
        let forecast: CashForecast
        do {
            // Fitted inside the forecast, which then reuses the fit's books of the month ends.
            forecast = try forecaster.forecast(asOf: date, model: given?.timing) { lap("model fit") }
            lap("forecast")
        } catch { throw DataError("cash forecast at \(date): \(error)") }
        try writeOutput(Self.csv(forecast, levels: levels), to: out)
        var report = FileHandleOutputStream.standardError
        if !output.quiet {
            print(Self.summary(forecast, currency: portfolio.reportingCurrency), to: &report)
            if output.verbose { print("  " + phases.joined(separator: ", "), to: &report) }
        }
        if let backtest {
            let result: CashBacktest
            do { result = try forecaster.backtest(origins: backtest) } catch { throw DataError("backtest: \(error)") }
            print(Self.describe(result), to: &report)
        }
        if !output.quiet {
            print("forecast written" + (out.map { " to \($0)" } ?? "") + String(format: " (%.2f s)", (ContinuousClock().now - started).seconds),
                  to: &report)
        }
    }

    static func csv(_ f: CashForecast, levels: [Double]) -> String {
        var text = "week_start,week_end,source,mean," + levels.map { "lo_\(ForecastSeriesCommand.label($0)),hi_\(ForecastSeriesCommand.label($0))" }.joined(separator: ",") + "\n"
        for r in f.rows {
            text += "\(r.weekStart),\(r.weekEnd),\(r.source)," + String(format: "%.2f", r.mean / 100)
            for i in r.intervals { text += String(format: ",%.2f,%.2f", i.lower / 100, i.upper / 100) }
            text += "\n"
        }
        return text
    }

    /// The forecast in a few lines: model, open book, totals over the horizon.
    static func summary(_ f: CashForecast, currency: String) -> String {
        func money(_ cents: Double) -> String { grouped(Int((cents / 100).rounded())) + " " + currency }
        let m = f.model
        var lines = ["payment-timing model: \(grouped(m.trainingRows)) invoice-weeks, \(grouped(m.trainingEvents)) payments, "
                     + (m.converged ? "converged" : "NOT converged") + (m.aliased.isEmpty ? "" : "; aliased \(m.aliased.joined(separator: ", "))"),
                     "open at \(f.asOf): \(grouped(f.openInvoices)) invoices, \(money(Double(f.openAmount)))"
                     + (f.salesModel.map { "; new invoices from \($0) on monthly sales" } ?? "")]
        for source in ["open", "new", "total"] {
            let rows = f.rows.filter { $0.source == source }
            guard let first = rows.first else { continue }
            lines.append("  \(source.padding(toLength: 5, withPad: " ", startingAt: 0)) first week \(money(first.mean))"
                         + (first.intervals.first.map { " (\(Int($0.level)) %: \(money($0.lower)) – \(money($0.upper)))" } ?? "")
                         + ", \(rows.count) weeks \(money(rows.reduce(0) { $0 + $1.mean }))")
        }
        lines += f.notes.map { "note: \($0)" }
        return lines.joined(separator: "\n")
    }

    static func describe(_ b: CashBacktest) -> String {
        "backtest of the open-invoice cash at \(b.origins.count) month ends (\(b.origins.first.map(\.description) ?? "")…"
            + "\(b.origins.last.map(\.description) ?? ""), \(b.weeks) weeks each): WAPE model "
            + String(format: "%.3f, due date %.3f, customer mean delay %.3f; ", b.modelWAPE, b.dueDateWAPE, b.meanDelayWAPE)
            + b.coverage.map { String(format: "%.0f %% intervals cover %.1f %% of weeks", $0.level, 100 * $0.share) }.joined(separator: ", ")
    }
}

/// `solvent forecast dso`: monthly standard and countback DSO projected from the cash forecast.
struct ForecastDSOCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dso",
        abstract: "Project monthly DSO (standard and countback) after a month end, with intervals.",
        discussion: """
        AR at each future month end = AR at --as-of + forecast sales − forecast collections (the \
        cash forecast's open and new invoices, simulated paths), then DSO by the definitions of \
        docs/metrics.md on every path: rows month_end, ar, sales, dso, lo_L, hi_L, countback_dso, \
        countback_lo_L, countback_hi_L (means and quantiles over paths; amounts in the reporting \
        currency, positive invoices).
        """
    )

    @Option(name: .customLong("as-of"), help: ArgumentHelp("A month end the projection starts after.", valueName: "date")) var asOf: String
    @Option(help: ArgumentHelp("Months ahead (default 6).", valueName: "n")) var months: Int = 6
    @OptionGroup var simulation: SimulationOptions
    @Option(help: ArgumentHelp("Write the projection here (atomically) instead of standard output.", valueName: "file")) var out: String?
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard let date = CalendarDate(iso: asOf) else { throw ValidationError("--as-of must be a date yyyy-MM-dd, got \"\(asOf)\"") }
        guard date == date.endOfMonth else { throw ValidationError("--as-of must be a month end (DSO is monthly), got \(asOf)") }
        guard months >= 1 && months <= 24 else { throw ValidationError("--months must be between 1 and 24, got \(months)") }
    }

    func run() throws {
        let started = ContinuousClock().now
        guard let date = CalendarDate(iso: asOf) else { throw ValidationError("--as-of must be a date") }
        let levels = simulation.levels
        let portfolio = try storeOptions.portfolio(.receivables)
        let forecast: DSOForecast
        do {
            forecast = try CashForecaster(portfolio: portfolio, levels: levels, simulations: simulation.simulations, seed: simulation.seed)
                .dsoForecast(asOf: date, months: months)
        } catch { throw DataError("DSO forecast at \(date): \(error)") }
        let labels = levels.map(ForecastSeriesCommand.label)
        var text = "month_end,ar,sales,dso," + labels.map { "lo_\($0),hi_\($0)" }.joined(separator: ",") + ",countback_dso,"
            + labels.map { "countback_lo_\($0),countback_hi_\($0)" }.joined(separator: ",") + "\n"
        func days(_ x: Double?) -> String { x.map { String(format: "%.2f", $0) } ?? "" }
        for r in forecast.rows {
            text += "\(r.monthEnd)," + String(format: "%.2f,%.2f,", r.ar / 100, r.sales / 100) + days(r.dso)
            for j in levels.indices { text += "," + days(r.dsoIntervals.count > j ? r.dsoIntervals[j].lower : nil) + "," + days(r.dsoIntervals.count > j ? r.dsoIntervals[j].upper : nil) }
            text += "," + days(r.countbackDSO)
            for j in levels.indices { text += "," + days(r.countbackIntervals.count > j ? r.countbackIntervals[j].lower : nil) + "," + days(r.countbackIntervals.count > j ? r.countbackIntervals[j].upper : nil) }
            text += "\n"
        }
        try writeOutput(text, to: out)
        if !output.quiet {
            var report = FileHandleOutputStream.standardError
            print("DSO projected \(months) months after \(date) from AR \(grouped(Int((forecast.startingAR / 100).rounded()))) "
                  + "\(portfolio.reportingCurrency) (sales from \(forecast.salesModel))" + (out.map { ", written to \($0)" } ?? "")
                  + String(format: " (%.2f s)", (ContinuousClock().now - started).seconds), to: &report)
        }
    }
}
