import Foundation

/// The benchmark methods of Hyndman & Athanasopoulos, *Forecasting: Principles
/// and Practice* (3rd ed., §5.2 and Table 5.2), as R `forecast::naive`,
/// `snaive` and `rwf(drift = TRUE)` compute them.
///
/// | method | point forecast `ŷ_{n+h}` | forecast sd `σ_h` |
/// |---|---|---|
/// | naive | `y_n` | `σ √h` |
/// | seasonal naive | `y_{n+h−m(k+1)}`, `k = ⌊(h−1)/m⌋` | `σ √(k+1)` |
/// | drift | `y_n + h·b`, `b = (y_n − y_1)/(n−1)` | `σ √(h(1 + h/(n−1)))` |
///
/// `σ` is the sample standard deviation of the in-sample residuals (`y_t − y_{t−1}`,
/// `y_t − y_{t−m}`, `y_t − y_{t−1} − b`), R's `sd(res)`; intervals are normal.
public enum ForecastBaseline: Sendable, Hashable, Codable {
    case naive
    case seasonalNaive(period: Int)
    case drift

    public var name: String {
        switch self {
        case .naive: return "naive"
        case .seasonalNaive(let m): return "seasonal naive (m = \(m))"
        case .drift: return "drift"
        }
    }

    /// Fewest values the method needs: two residuals for σ.
    public var minimumCount: Int {
        switch self {
        case .naive: return 3
        case .seasonalNaive(let m): return m + 2
        case .drift: return 3
        }
    }

    /// Point forecasts and normal intervals for steps 1 … `horizon`.
    /// - Throws: ``ModelError`` for an empty, non-finite or too short series, a period
    ///   below 1, a horizon below 1 or a level outside (0, 100).
    public func forecast(_ y: [Double], horizon: Int, levels: [Double] = [80, 95],
                         id: String = "series") throws(ModelError) -> Forecast {
        let m: Int
        if case .seasonalNaive(let p) = self { m = p } else { m = 1 }
        try ETSInput.validate(y, id: id, specification: nil, period: m, minimum: minimumCount)
        try ForecastInput.validate(horizon: horizon, levels: levels, id: id)
        let n = y.count
        var mean = [Double](repeating: 0, count: horizon), sd = mean, residuals: [Double] = []
        switch self {
        case .naive:
            residuals = (1..<n).map { y[$0] - y[$0 - 1] }
            let s = Self.sampleSD(residuals)
            for k in 0..<horizon { mean[k] = y[n - 1]; sd[k] = s * Double(k + 1).squareRoot() }
        case .seasonalNaive:
            residuals = (m..<n).map { y[$0] - y[$0 - m] }
            let s = Self.sampleSD(residuals)
            for k in 0..<horizon {
                let seasons = k / m
                mean[k] = y[n - m + k % m]
                sd[k] = s * Double(seasons + 1).squareRoot()
            }
        case .drift:
            let b = (y[n - 1] - y[0]) / Double(n - 1)
            residuals = (1..<n).map { y[$0] - y[$0 - 1] - b }
            let s = Self.sampleSD(residuals)
            for k in 0..<horizon {
                let h = Double(k + 1)
                mean[k] = y[n - 1] + h * b
                sd[k] = s * (h * (1 + h / Double(n - 1))).squareRoot()
            }
        }
        return Forecast(method: name, mean: mean,
                        intervals: levels.map { PredictionInterval.normal(level: $0, mean: mean, sd: sd) })
    }

    /// `√(Σ(e − ē)²/(k − 1))`.
    static func sampleSD(_ e: [Double]) -> Double {
        guard e.count > 1 else { return 0 }
        let mean = e.reduce(0, +) / Double(e.count)
        return (e.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(e.count - 1)).squareRoot()
    }
}

/// A forecasting method for backtests and batches: an ETS estimator or a baseline.
public enum ForecastMethod: Sendable, Hashable, Codable {
    case ets(ETS)
    case baseline(ForecastBaseline)

    /// `ETS(auto)` or `ETS(A,Ad,N)`, or the baseline's name.
    public var name: String {
        switch self {
        case .ets(let e): return e.specification.map { $0.description } ?? "ETS(auto)"
        case .baseline(let b): return b.name
        }
    }

    /// Fits (for ETS) and forecasts; the fit is returned too for ETS.
    public func forecast(_ y: [Double], horizon: Int, levels: [Double] = [80, 95], id: String = "series",
                         seed: UInt64 = 1) throws(ModelError) -> (forecast: Forecast, fit: ETSFit?) {
        switch self {
        case .ets(let estimator):
            let fit = try estimator.fit(y, id: id)
            return (try fit.forecast(horizon: horizon, levels: levels, seed: seed), fit)
        case .baseline(let b):
            return (try b.forecast(y, horizon: horizon, levels: levels, id: id), nil)
        }
    }
}
