import Foundation

/// The natural logarithm of the gamma function, `log Γ(x)`, for `x ≥ 0`.
///
/// Algorithm (no Lanczos sum; each branch avoids cancellation):
/// - `x < 0.5`: `log Γ(x) = −log x + log Γ(1 + x)`;
/// - `0.5 ≤ x < 1.5`: `log Γ(1 + z) = −log1p(z) + (1 − γ) z + S(z)`, `z = x − 1` (exact);
/// - `1.5 ≤ x < 2.5`: `log Γ(2 + z) = (1 − γ) z + S(z)`, `z = x − 2` (exact), so the
///   zeros at 1 and 2 are reproduced with full *relative* accuracy;
/// - `2.5 ≤ x < 10`: downward recurrence `Γ(x) = (x−1)⋯(x−n) Γ(x−n)` into `[1.5, 2.5)`;
/// - `x ≥ 10`: Stirling's series `x (log x − 1) − ½ log x + ½ log 2π + Σ B₂ₖ / (2k(2k−1) x²ᵏ⁻¹)`
///   with eight terms (truncation below 1e-17 relative), written so that it stays
///   finite up to `x ≈ 2.5e305`.
///
/// `S(z) = Σ_{k≥2} (−1)ᵏ (ζ(k) − 1) zᵏ / k` is the Taylor series of `log Γ(2 + z)`
/// (Abramowitz & Stegun 6.1.33), summed to k = 30 for `|z| ≤ ½`; the coefficients
/// were computed with mpmath at 40 digits.
///
/// Accuracy: within 2.2e-16 relative of 60-digit mpmath values over `[1e-300, 2e305]`,
/// including near the zeros at 1 and 2, where scipy `gammaln` itself loses relative
/// accuracy (6e-7 at `1 − 1e-10`; see `special.json`).
///
/// Domain: `x < 0` and NaN give NaN (unlike scipy, which returns `log|Γ(x)|` for
/// negative x); `x = 0` gives `+∞`; `x = +∞` gives `+∞`.
public func logGamma(_ x: Double) -> Double {
    if x.isNaN || x < 0 { return .nan }
    if x == 0 || x == .infinity { return .infinity }
    if x < 0.5 { return -Foundation.log(x) + SpecialKernels.logGamma1p(x) }
    if x < 1.5 { return SpecialKernels.logGamma1p(x - 1) }
    if x < 2.5 { return SpecialKernels.logGamma2p(x - 2) }
    if x < 10 {
        var y = x
        var product = 1.0
        while y >= 2.5 {
            y -= 1
            product *= y
        }
        return SpecialKernels.logGamma2p(y - 2) + Foundation.log(product)
    }
    let logX = Foundation.log(x)
    return x * (logX - 1) - 0.5 * logX + SpecialKernels.halfLogTwoPi + SpecialKernels.stirlingSeries(x)
}

/// Shared kernels for the special functions; internal so the public surface stays small.
enum SpecialKernels {
    static let eulerGamma = 0.5772156649015329
    /// `½ log(2π)`.
    static let halfLogTwoPi = 0.9189385332046728
    /// `1 / √(2π)`.
    static let invSqrtTwoPi = 0.3989422804014327

    /// `(−1)ᵏ (ζ(k) − 1) / k` for k = 2…30 (mpmath, 40 digits).
    private static let zetaMinusOne: [Double] = [
        0.3224670334241132, -0.0673523010531981, 0.020580808427784546,
        -0.007385551028673986, 0.0028905103307415234, -0.001192753911703261,
        0.0005096695247430425, -0.00022315475845357939, 9.945751278180853e-05,
        -4.492623673813314e-05, 2.050721277567069e-05, -9.439488275268397e-06,
        4.374866789907488e-06, -2.039215753801366e-06, 9.55141213040742e-07,
        -4.492469198764566e-07, 2.1207184805554665e-07, -1.0043224823968099e-07,
        4.7698101693639804e-08, -2.2711094608943164e-08, 1.0838659214896955e-08,
        -5.183475041970047e-09, 2.4836745438024785e-09, -1.1921401405860912e-09,
        5.731367241678862e-10, -2.7595228851242334e-10, 1.330476437424449e-10,
        -6.4229645638381e-11, 3.1044247747322276e-11,
    ]

    /// `log Γ(2 + z)` for `|z| ≤ ½`: `(1 − γ) z + Σ_{k≥2} (−1)ᵏ (ζ(k) − 1) zᵏ / k`.
    static func logGamma2p(_ z: Double) -> Double {
        var s = 0.0
        for c in zetaMinusOne.reversed() { s = s * z + c }
        return z * ((1 - eulerGamma) + z * s)
    }

    /// `log Γ(1 + z)` for `−½ ≤ z ≤ 1½`, accurate relative to its (small) value.
    static func logGamma1p(_ z: Double) -> Double {
        if z > 0.5 { return logGamma2p(z - 1) }
        return logGamma2p(z) - Foundation.log1p(z)
    }

    /// Stirling's correction `log Γ(x) − [(x − ½) log x − x + ½ log 2π]` for `x ≥ 10`
    /// (eight terms of the Bernoulli series; error below 1e-17 relative to `log Γ`).
    static func stirlingSeries(_ x: Double) -> Double {
        let r = 1 / x
        let r2 = r * r
        let c: [Double] = [
            1.0 / 12, -1.0 / 360, 1.0 / 1260, -1.0 / 1680, 1.0 / 1188,
            -691.0 / 360360, 1.0 / 156, -3617.0 / 122400,
        ]
        var s = 0.0
        for k in c.indices.reversed() { s = s * r2 + c[k] }
        return s * r
    }

    /// `log Γ(x) − [(x − ½) log x − x + ½ log 2π]` for any `x > 0`: the series above for
    /// `x ≥ 10`, otherwise by difference (terms are below ~25 there, so the absolute
    /// error stays near 1e-15).
    static func logGammaCorrection(_ x: Double) -> Double {
        if x >= 10 { return stirlingSeries(x) }
        return logGamma(x) - ((x - 0.5) * Foundation.log(x) - x + halfLogTwoPi)
    }

    /// `log(1 + u) − u` for `|u| ≤ ½`, with `w = u / (2 + u)`:
    /// `log(1 + u) − u = −u w + 2 (w³/3 + w⁵/5 + …)`, no cancellation.
    static func log1pmx(_ u: Double) -> Double {
        let w = u / (2 + u)
        let w2 = w * w
        var term = w * w2
        var sum = 0.0
        var k = 3.0
        while k < 200 {
            let t = term / k
            sum += t
            if Swift.abs(t) <= Swift.abs(sum) * 1e-17 { break }
            term *= w2
            k += 2
        }
        return -u * w + 2 * sum
    }

    /// `log(r) − (r − 1)` given both `r` and `u = r − 1` (whichever was computed
    /// accurately): the series when `|u| ≤ ½`, else directly.
    static func logRatioMinusLinear(ratio r: Double, deviation u: Double) -> Double {
        if Swift.abs(u) <= 0.5 { return log1pmx(u) }
        if u > 0 { return Foundation.log1p(u) - u }
        return Foundation.log(r) - u
    }
}
