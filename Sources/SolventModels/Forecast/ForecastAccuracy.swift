import Foundation

/// Accuracy of one forecast against the values that followed.
///
/// - MASE (Hyndman & Koehler 2006): `mean|y − ŷ| / Q`, `Q = mean_{t>m} |y_t − y_{t−m}|`
///   over the training series (the in-sample seasonal-naive MAE; `m = 1` for
///   non-seasonal data). `Q = 0` (a constant training series) gives 0 for a perfect
///   forecast and ∞ otherwise.
/// - sMAPE: `mean 200|y − ŷ| / (|y| + |ŷ|)`, in percent (a term with `y = ŷ = 0` is 0).
/// - WAPE: `Σ|y − ŷ| / Σ|y|` (a fraction; ∞ when every `y` is 0 and some error is not).
/// - coverage: the share of `y` inside each interval (bounds included).
public struct ForecastAccuracy: Sendable, Hashable, Codable {
    public let mase: Double
    public let smape: Double
    public let wape: Double
    /// Sum of absolute errors and of absolute actuals, for pooling WAPE over forecasts.
    public let absoluteError: Double
    public let absoluteActual: Double
    public let coverage: [IntervalCoverage]

    /// - Throws: ``ModelError/invalidArgument(_:)`` when `actual` is empty or longer
    ///   than the forecast, or `training` has no more than `period` values.
    public init(actual: [Double], forecast: Forecast, training: [Double], period: Int) throws(ModelError) {
        guard !actual.isEmpty, actual.count <= forecast.mean.count else {
            throw .invalidArgument("accuracy: \(actual.count) actual values for a forecast of \(forecast.mean.count)")
        }
        let m = max(period, 1)
        guard training.count > m else {
            throw .invalidArgument("accuracy: MASE needs more than \(m) training values, got \(training.count)")
        }
        var scale = 0.0
        for t in m..<training.count { scale += abs(training[t] - training[t - m]) }
        scale /= Double(training.count - m)
        var absErr = 0.0, absAct = 0.0, smape = 0.0
        for (k, y) in actual.enumerated() {
            let e = abs(y - forecast.mean[k]), d = abs(y) + abs(forecast.mean[k])
            absErr += e
            absAct += abs(y)
            smape += d > 0 ? 200 * e / d : 0
        }
        let h = Double(actual.count), mae = absErr / h
        mase = scale > 0 ? mae / scale : (mae == 0 ? 0 : .infinity)
        self.smape = smape / h
        wape = absAct > 0 ? absErr / absAct : (absErr == 0 ? 0 : .infinity)
        absoluteError = absErr
        absoluteActual = absAct
        coverage = forecast.intervals.map { pi in
            let inside = actual.indices.filter { actual[$0] >= pi.lower[$0] && actual[$0] <= pi.upper[$0] }.count
            return IntervalCoverage(level: pi.level, coverage: Double(inside) / h)
        }
    }
}

/// The share of actual values inside the `level`% intervals.
public struct IntervalCoverage: Sendable, Hashable, Codable {
    public let level: Double
    public let coverage: Double
    public init(level: Double, coverage: Double) {
        self.level = level
        self.coverage = coverage
    }
}
