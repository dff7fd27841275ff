import Foundation

/// Rolling-origin evaluation (Tashman 2000; FPP §5.10 "time series cross-validation"):
/// for origins `i = 0 … N−1` the methods are fitted to `y[0 ..< t_i]`,
/// `t_i = n − h − (N − 1 − i)·step`, and their `h`-step forecasts scored against
/// `y[t_i ..< t_i + h]` with ``ForecastAccuracy`` (MASE scaled on each training window).
public struct Backtest: Sendable, Hashable, Codable {
    /// `N`, the number of forecast origins.
    public var origins: Int
    /// `h`, steps forecast from each origin.
    public var horizon: Int
    /// Distance between consecutive origins (default 1).
    public var step: Int
    /// The seasonal period of the MASE scale (1 for non-seasonal data).
    public var period: Int
    /// Interval levels whose coverage is measured (percent).
    public var levels: [Double]
    /// Seed of simulated intervals (the same for every origin).
    public var seed: UInt64

    public init(origins: Int, horizon: Int, step: Int = 1, period: Int = 1, levels: [Double] = [80, 95], seed: UInt64 = 1) {
        self.origins = origins
        self.horizon = horizon
        self.step = step
        self.period = period
        self.levels = levels
        self.seed = seed
    }

    /// Scores every method on `y`.
    /// - Throws: ``ModelError`` when the series is too short for the origins asked
    ///   (the first window needs more than `period` values) or a method fails on a window;
    ///   messages name the series and the window.
    public func evaluate(_ y: [Double], id: String = "series", methods: [ForecastMethod]) throws(ModelError) -> BacktestResult {
        guard origins >= 1, step >= 1 else {
            throw .invalidArgument("series '\(id)': backtest needs at least 1 origin and a step of at least 1, got \(origins) and \(step)")
        }
        try ForecastInput.validate(horizon: horizon, levels: levels, id: id)
        try ETSInput.validateValues(y, id: id, period: period)
        let first = y.count - horizon - (origins - 1) * step
        guard first > max(period, 1) else {
            throw .empty("series '\(id)' has \(y.count) values, too few for \(origins) origins of horizon \(horizon) (step \(step)): the first training window would have \(first) values, needs more than \(max(period, 1))")
        }
        let ends = (0..<origins).map { first + $0 * step }
        var scores: [MethodScore] = []
        for method in methods {
            var accuracies: [ForecastAccuracy] = []
            for end in ends {
                let train = Array(y[0..<end]), actual = Array(y[end..<(end + horizon)])
                let f = try method.forecast(train, horizon: horizon, levels: levels, id: "\(id)[1…\(end)]", seed: seed).forecast
                accuracies.append(try ForecastAccuracy(actual: actual, forecast: f, training: train, period: period))
            }
            scores.append(MethodScore(method: method.name, accuracies))
        }
        return BacktestResult(id: id, trainingLengths: ends, horizon: horizon, scores: scores)
    }
}

/// A backtest of one series: each method's scores over its origins.
public struct BacktestResult: Sendable, Hashable, Codable {
    public let id: String
    /// Length of the training window at each origin.
    public let trainingLengths: [Int]
    public let horizon: Int
    public let scores: [MethodScore]

    /// Means over series of each method's scores (``MethodScore/summarize(_:)``).
    public static func summarize(_ results: [BacktestResult]) -> [MethodScore] {
        guard let names = results.first?.scores.map(\.method) else { return [] }
        return names.map { name in MethodScore.summarize(results.compactMap { $0.scores.first { $0.method == name } }) }
    }
}

/// One method's accuracy: MASE, sMAPE and coverage are means over forecasts
/// (origins, or series in a summary) — MASE over the finite ones only, `count`
/// telling how many —, WAPE is pooled (`Σ|y − ŷ| / Σ|y|` over all of them).
public struct MethodScore: Sendable, Hashable, Codable {
    public let method: String
    public let mase: Double
    public let smape: Double
    public let wape: Double
    public let coverage: [IntervalCoverage]
    /// Forecasts (or series) averaged, and how many had a finite MASE.
    public let count: Int
    public let finiteMASECount: Int
    let absoluteError: Double, absoluteActual: Double

    init(method: String, _ a: [ForecastAccuracy]) {
        self.init(method: method, mase: a.map(\.mase), smape: a.map(\.smape), absoluteError: a.reduce(0) { $0 + $1.absoluteError },
                  absoluteActual: a.reduce(0) { $0 + $1.absoluteActual }, coverage: a.map(\.coverage))
    }

    init(method: String, mase: [Double], smape: [Double], absoluteError: Double, absoluteActual: Double,
         coverage: [[IntervalCoverage]]) {
        self.method = method
        let finite = mase.filter(\.isFinite)
        self.mase = finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count)
        self.smape = smape.reduce(0, +) / Double(max(smape.count, 1))
        self.absoluteError = absoluteError
        self.absoluteActual = absoluteActual
        wape = absoluteActual > 0 ? absoluteError / absoluteActual : (absoluteError == 0 ? 0 : .infinity)
        self.coverage = (coverage.first ?? []).indices.map { j in
            IntervalCoverage(level: coverage[0][j].level,
                             coverage: coverage.reduce(0) { $0 + $1[j].coverage } / Double(coverage.count))
        }
        count = mase.count
        finiteMASECount = finite.count
    }

    /// Means over series of per-series scores of one method.
    public static func summarize(_ scores: [MethodScore]) -> MethodScore {
        MethodScore(method: scores.first?.method ?? "", mase: scores.map(\.mase), smape: scores.map(\.smape),
                    absoluteError: scores.reduce(0) { $0 + $1.absoluteError },
                    absoluteActual: scores.reduce(0) { $0 + $1.absoluteActual }, coverage: scores.map(\.coverage))
    }
}
