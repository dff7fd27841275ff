/// Nelder–Mead with box bounds (coordinates clipped after every move) and
/// adaptive coefficients (Gao & Han 2012: reflection 1, expansion 1 + 2/n,
/// contraction 0.75 − 1/(2n), shrink 1 − 1/n), as statsforecast's ETS optimiser:
/// the first simplex perturbs each coordinate of `x0` by 5 % (1e-4 when it is 0),
/// and the search stops when the standard deviation of the simplex's values falls
/// below `tolerance` or after `maxIterations` iterations.
///
/// The search itself is ``ETSSimplexSearch``, which asks for one value at a time, so
/// that several searches can run side by side and have their points evaluated
/// together (``ETSLockstep``); ``minimize(_:lower:upper:abandon:_:)`` runs one alone.
struct ETSNelderMead {
    var maxIterations = 1_000
    var tolerance = 1e-4
    var abandonFrom = 400

    struct Result { var x: [Double]; var value: Double; var iterations: Int; var converged: Bool; var abandoned: Bool }

    /// Minimises `f(x, threshold)` (see ``ETSSimplexSearch`` for the threshold).
    /// `abandon(best)` is asked every 50 iterations from `abandonFrom` on with the best value so
    /// far; true stops the search (``Result/abandoned``).
    func minimize(_ x0: [Double], lower: [Double], upper: [Double], abandon: @escaping (Double) -> Bool = { _ in false },
                  _ f: (UnsafeMutableBufferPointer<Double>, Double) -> Double) -> Result {
        let search = ETSSimplexSearch(x0, lower: lower, upper: upper, settings: self, abandon: abandon)
        while !search.finished { search.tell(f(search.point, search.threshold)) }
        return search.result
    }
}
