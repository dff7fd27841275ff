import SolventNumerics

/// Point forecasts for `h` steps with prediction intervals at the levels asked for.
public struct Forecast: Sendable, Hashable, Codable {
    /// What produced it: `ETS(A,Ad,N)`, `seasonal naive`, `drift`, `naive`.
    public let method: String
    /// Point forecasts for steps 1 … h.
    public let mean: [Double]
    /// One per level, in the order the levels were given.
    public let intervals: [PredictionInterval]
    /// How the intervals were made and any fallback, in words.
    public let notes: [String]

    public init(method: String, mean: [Double], intervals: [PredictionInterval], notes: [String] = []) {
        self.method = method
        self.mean = mean
        self.intervals = intervals
        self.notes = notes
    }

    /// The interval at `level` (percent), if it was computed.
    public func interval(level: Double) -> PredictionInterval? { intervals.first { $0.level == level } }
}

/// A central prediction interval: `lower[k]`, `upper[k]` bound step `k + 1` with
/// probability `level`% under the model.
public struct PredictionInterval: Sendable, Hashable, Codable {
    /// Percent, in (0, 100).
    public let level: Double
    public let lower: [Double]
    public let upper: [Double]
    public init(level: Double, lower: [Double], upper: [Double]) {
        self.level = level
        self.lower = lower
        self.upper = upper
    }

    /// `mean ± z_{(1+level/100)/2} · sd` for normal forecast errors.
    static func normal(level: Double, mean: [Double], sd: [Double]) -> PredictionInterval {
        let z = StandardNormal.quantile(0.5 + level / 200)
        return PredictionInterval(level: level, lower: zip(mean, sd).map { $0 - z * $1 },
                                  upper: zip(mean, sd).map { $0 + z * $1 })
    }
}

enum ForecastInput {
    /// A horizon of at least 1 and levels strictly between 0 and 100.
    static func validate(horizon: Int, levels: [Double], id: String) throws(ModelError) {
        guard horizon >= 1 else { throw .invalidArgument("series '\(id)': horizon must be at least 1, got \(horizon)") }
        if let bad = levels.first(where: { !($0 > 0 && $0 < 100) }) {
            throw .invalidArgument("series '\(id)': interval levels are percentages in (0, 100), got \(bad)")
        }
    }
}
