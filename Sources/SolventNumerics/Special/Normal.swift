import Foundation

/// The normal distribution `N(mean, sd²)`.
///
/// `cdf`, `survival` and `quantile` standardise and call `StandardNormal` (Cody's
/// erfc-type rational approximations; Wichura's AS 241 plus a Halley step); both tails
/// keep full relative accuracy (within 3e-16 of 60-digit mpmath values; scipy's `ndtr`
/// is off by 1e-13 at −37 and underflows to 0 below −37.5, where `Φ(−38) ≈ 2.9e-316`
/// is still returned here). The standardisation `(x − mean)/sd` itself rounds, so in
/// far tails the error grows like `z² · 1e-16`, as it must for a rounded input.
///
/// Arguments that are NaN give NaN; `quantile(p)` for `p ∉ [0, 1]` gives NaN.
public struct Normal: Sendable, Hashable {
    public let mean: Double
    public let sd: Double

    /// The standard normal `N(0, 1)`.
    public static let standard = Normal(uncheckedMean: 0, sd: 1)

    /// Throws `NumericError.invalidArgument` unless `mean` is finite and `0 < sd < ∞`.
    public init(mean: Double = 0, sd: Double = 1) throws(NumericError) {
        guard mean.isFinite else { throw .invalidArgument("Normal: mean must be finite, got \(mean)") }
        guard sd > 0, sd.isFinite else {
            throw .invalidArgument("Normal: sd must be positive and finite, got \(sd)")
        }
        self.init(uncheckedMean: mean, sd: sd)
    }

    private init(uncheckedMean mean: Double, sd: Double) {
        self.mean = mean
        self.sd = sd
    }

    public func pdf(_ x: Double) -> Double { StandardNormal.pdf((x - mean) / sd) / sd }
    public func cdf(_ x: Double) -> Double { StandardNormal.cdf((x - mean) / sd) }
    public func survival(_ x: Double) -> Double { StandardNormal.survival((x - mean) / sd) }
    public func quantile(_ p: Double) -> Double { mean + sd * StandardNormal.quantile(p) }

    /// Two-sided p-value `2 · P(Z ≥ |z|)` of a standardised statistic `z` (Wald tests).
    public static func twoSidedPValue(_ z: Double) -> Double {
        z.isNaN ? .nan : 2 * StandardNormal.survival(Swift.abs(z))
    }
}
