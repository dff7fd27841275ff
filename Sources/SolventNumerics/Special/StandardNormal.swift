import Foundation

/// The standard normal density, distribution and quantile functions on which
/// `Normal` is built.
///
/// The distribution function is W. J. Cody's rational Chebyshev approximations
/// ("Rational Chebyshev approximation for the error function", *Math. Comp.* 23,
/// 1969, pp. 631–637) written directly in the normal scale, as in R's `pnorm`
/// (so `x / √2` is never rounded), with the Gaussian factor formed as
/// `exp(−xₕ²/2) · exp(−(x − xₕ)(x + xₕ)/2)`, `xₕ = ⌊16x⌋/16`, which keeps the
/// relative error near 1e-16 down to `Φ(−37.5) ≈ 5e-308` and graceful through the
/// subnormal range (below that the value itself has fewer than 16 digits).
public enum StandardNormal {
    /// The density `φ(z) = exp(−z²/2) / √(2π)`; for `|z| ≥ 5` the exponent is split
    /// as `z = z₁ + z₂` with `z₁` a multiple of 2⁻¹⁶ so `z²/2` is not rounded.
    public static func pdf(_ z: Double) -> Double {
        if z.isNaN { return .nan }
        let x = Swift.abs(z)
        if x == .infinity { return 0 }
        if x < 5 { return SpecialKernels.invSqrtTwoPi * Foundation.exp(-0.5 * x * x) }
        let x1 = Foundation.scalbn(Foundation.floor(Foundation.scalbn(x, 16)), -16)
        let x2 = x - x1
        return SpecialKernels.invSqrtTwoPi * (Foundation.exp(-0.5 * x1 * x1) * Foundation.exp((-0.5 * x2 - x1) * x2))
    }

    /// `Φ(z) = P(Z ≤ z)`; NaN for NaN.
    public static func cdf(_ z: Double) -> Double {
        if z.isNaN { return .nan }
        let (small, large) = tails(Swift.abs(z))
        return z < 0 ? small : large
    }

    /// `1 − Φ(z) = Φ(−z)`, accurate in the upper tail; NaN for NaN.
    public static func survival(_ z: Double) -> Double {
        if z.isNaN { return .nan }
        let (small, large) = tails(Swift.abs(z))
        return z < 0 ? large : small
    }

    /// `(Φ(−y), Φ(y))` for `y ≥ 0`, each with full relative accuracy.
    static func tails(_ y: Double) -> (Double, Double) {
        if y == .infinity { return (0, 1) }
        if y <= 0.67448975 {
            let a = [2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582,
                     18154.981253343561249, 0.065682337918207449113]
            let b = [47.20258190468824187, 976.09855173777669322, 10260.932208618978205,
                     45507.789335026729956]
            let ysq = y > 1e-300 ? y * y : 0
            var num = a[4] * ysq
            var den = ysq
            for i in 0..<3 {
                num = (num + a[i]) * ysq
                den = (den + b[i]) * ysq
            }
            let t = y * (num + a[3]) / (den + b[3])
            return (0.5 - t, 0.5 + t)
        }
        let ratio: Double  // Φ(−y) / exp(−y²/2)
        if y <= 32.0.squareRoot() {
            let c = [0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979,
                     597.27027639480026226, 2494.5375852903726711, 6848.1904505362823326,
                     11602.651437647350124, 9842.7148383839780218, 1.0765576773720192317e-8]
            let d = [22.266688044328115691, 235.38790178262499861, 1519.377599407554805,
                     6485.558298266760755, 18615.571640885098091, 34900.952721145977266,
                     38912.003286093271411, 19685.429676859990727]
            var num = c[8] * y
            var den = y
            for i in 0..<7 {
                num = (num + c[i]) * y
                den = (den + d[i]) * y
            }
            ratio = (num + c[7]) / (den + d[7])
        } else {
            let p = [0.21589853405795699, 0.1274011611602473639, 0.022235277870649807,
                     0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303]
            let q = [1.28426009614491121, 0.468238212480865118, 0.0659881378689285515,
                     0.00378239633202758244, 7.29751555083966205e-5]
            let r = 1 / (y * y)
            var num = p[5] * r
            var den = r
            for i in 0..<4 {
                num = (num + p[i]) * r
                den = (den + q[i]) * r
            }
            let t = r * (num + p[4]) / (den + q[4])
            ratio = (SpecialKernels.invSqrtTwoPi - t) / y
        }
        let yh = Foundation.trunc(y * 16) / 16
        let del = (y - yh) * (y + yh)
        let small = Foundation.exp(-yh * yh * 0.5) * Foundation.exp(-del * 0.5) * ratio
        return (small, 1 - small)
    }
}
