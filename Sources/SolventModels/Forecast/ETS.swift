import Foundation

/// Exponential smoothing (ETS) estimator: one model or automatic selection by
/// AICc, as R `forecast::ets(y, model = "ZZZ")` and statsforecast
/// `AutoETS(season_length = m)` with their defaults (`bounds = "both"`,
/// `ic = "aicc"`, `restrict = TRUE`, no multiplicative trend).
///
/// Automatic mode fits every candidate of ``ETSSpecification/candidates(positive:seasonal:damped:)``
/// — multiplicative error and season only for strictly positive data, seasonal
/// models only when `period > 1` and there are two full seasons (`n ≥ 2m`), models
/// with too many parameters for the data (`n < k + 2`) skipped — and keeps the
/// lowest AICc (ties: the first tried). Fallbacks, stated in ``ETSFit/notes``:
/// - a constant series: ETS(A,N,N) with `α = 0.9999` and `l₀ = y₀` (statsforecast's
///   rule), zero variance, so finite forecasts and degenerate intervals;
/// - a series too short for any candidate (fewer than 5 values): the same random-walk
///   model with `α = 0.9999`, `l₀ = y₀`, σ² from the residuals;
/// - too short for seasonal models: non-seasonal candidates only.
public struct ETS: Sendable, Hashable, Codable {
    /// The model to fit; nil selects automatically.
    public var specification: ETSSpecification?
    /// The seasonal period `m` (12 for monthly data, 1 for none).
    public var period: Int
    /// Whether automatic selection also tries damped trends (R `damped = NULL`).
    public var allowDamped: Bool
    /// Nelder–Mead iteration cap and tolerance on the spread of the simplex's `−2ℓ`.
    public var maxIterations: Int
    public var tolerance: Double
    /// Racing (off by default): a candidate whose best AICc so far is more than this
    /// above the best finished candidate's is abandoned (checked every 50 iterations
    /// from the 400th). It saved time when candidates were fitted one at a time
    /// (1,000 series of 60: 9.5 instead of 13.4 ms a series, same mean MASE); with
    /// racing, candidates are still fitted one at a time, not side by side as
    /// `ETSLockstep` does without it. It is a heuristic: on long series Nelder–Mead can still
    /// be far from its optimum there (AirPassengers' ETS(M,N,M) is at AICc 1473 after
    /// 100 iterations, 1037 at the end), so it can discard the best model. nil fits
    /// every candidate to the end, as R and statsforecast do.
    public var abandonMargin: Double?

    public init(_ specification: ETSSpecification? = nil, period: Int = 1, allowDamped: Bool = true,
                maxIterations: Int = 1_000, tolerance: Double = 1e-4, abandonMargin: Double? = nil) {
        self.specification = specification
        self.period = period
        self.allowDamped = allowDamped
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.abandonMargin = abandonMargin
    }

    /// Fits the model (or selects one) to `y`; `id` names the series in errors and notes.
    /// - Throws: ``ModelError`` for an empty or non-finite series, a bad period, and — for a
    ///   model that was asked for — too few values, fewer than two seasons, or values ≤ 0
    ///   with multiplicative terms.
    public func fit(_ y: [Double], id: String = "series") throws(ModelError) -> ETSFit {
        try ETSInput.validateValues(y, id: id, period: period)
        let optimizer = ETSNelderMead(maxIterations: maxIterations, tolerance: tolerance)
        if let spec = specification {
            let m = spec.hasSeason ? period : 1
            let minimum = ETSInput.freeParameterCount(spec, period: m) + 3
            try ETSInput.validate(y, id: id, specification: spec, period: period, minimum: minimum)
            if y.allSatisfy({ $0 == y[0] }) && !spec.hasSeason && !spec.hasTrend { return randomWalk(y, id, constant: true) }
            guard let fit = ETSEstimation.fit(y, spec, period: period, id: id, optimizer: optimizer)?.fit else {
                throw .invalidArgument("series '\(id)': no admissible parameters of \(spec) give a finite likelihood")
            }
            return fit
        }
        if y.allSatisfy({ $0 == y[0] }) { return randomWalk(y, id, constant: true) }
        var notes: [String] = []
        let seasonal = period > 1 && y.count >= 2 * period
        if period > 1 && !seasonal {
            notes.append("series '\(id)': \(y.count) values, fewer than two full seasons (2 × \(period)); only non-seasonal models were considered")
        }
        let positive = y.allSatisfy { $0 > 0 }
        let specs = ETSSpecification.candidates(positive: positive, seasonal: seasonal, damped: allowDamped)
        // Without racing, the candidates of one kind are fitted side by side (the same fits, faster).
        let together = abandonMargin == nil ? fitByKind(y, specs, id: id, optimizer: optimizer) : [:]
        var best: ETSFit?, candidates: [ETSCandidate] = []
        for spec in specs {
            let threshold = abandonMargin.flatMap { margin in best.map { $0.aicc + margin } } ?? .infinity
            let result = abandonMargin == nil
                ? together[spec].flatMap { $0.map { (fit: $0, abandoned: false) } }
                : ETSEstimation.fit(y, spec, period: period, id: id, optimizer: optimizer, abandonAbove: threshold)
            candidates.append(ETSCandidate(specification: spec, aicc: result?.fit.aicc ?? .infinity,
                                           abandoned: result?.abandoned ?? false))
            if let fit = result?.fit, !(result?.abandoned ?? true), fit.aicc.isFinite,
               best.map({ fit.aicc < $0.aicc }) ?? true { best = fit }
        }
        guard var chosen = best else { return randomWalk(y, id, constant: false) }
        if !chosen.converged {
            notes.append("series '\(id)': \(chosen.specification) stopped after \(chosen.iterations) Nelder–Mead iterations before the tolerance")
        }
        chosen.notes = notes
        chosen.candidates = candidates
        return chosen
    }

    /// Every candidate's fit (nil: none), the candidates grouped by error and season type
    /// and each group fitted in lockstep (``ETSLockstep``).
    func fitByKind(_ y: [Double], _ specs: [ETSSpecification], id: String,
                   optimizer: ETSNelderMead) -> [ETSSpecification: ETSFit?] {
        var groups: [[ETSSpecification]] = []
        for spec in specs {
            if let g = groups.firstIndex(where: { $0[0].error == spec.error && $0[0].season == spec.season
                                                  && $0.count < ETSLockstep.width }) {
                groups[g].append(spec)
            } else {
                groups.append([spec])
            }
        }
        var fits: [ETSSpecification: ETSFit?] = [:]
        for group in groups {
            for (spec, fit) in zip(group, ETSLockstep.fit(y, group, period: period, id: id, optimizer: optimizer)) {
                fits[spec] = fit
            }
        }
        return fits
    }

    /// ETS(A,N,N) with α = 0.9999 and l₀ = y₀: the fallback for constant and very short series.
    func randomWalk(_ y: [Double], _ id: String, constant: Bool) -> ETSFit {
        let spec = ETSSpecification(error: .additive, trend: .none, season: .none)
        var fit = ETSFit(y, spec, 1, ETSParameters(alpha: 0.9999), ETSInitialState(level: y[0]),
                         freeParameters: 2, iterations: 0, converged: true, notes: [], id: id)
        fit.notes = [constant
            ? "series '\(id)' is constant: ETS(A,N,N) with α = 0.9999 and level \(y[0]), zero variance"
            : "series '\(id)' has \(y.count) values, too few to estimate any ETS model: ETS(A,N,N) with α = 0.9999 and level \(y[0]) (a random walk)"]
        return fit
    }
}
