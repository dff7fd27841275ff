import Foundation

extension IncompleteBeta {
    /// `Iₓ(a, b)` for large `a` and `b ≤ 1` with `x` near 1, where the continued
    /// fraction would need `x` to more digits than a double holds: the asymptotic
    /// expansion BGRAT of DiDonato & Morris (ACM TOMS 18, 1992, Algorithm 708, §9),
    ///
    ///     Iₓ(a, b) = M · Σₙ dₙ Jₙ,   T = a + (b − 1)/2,   z = −T log x,
    ///     J₀ = eᶻ z⁻ᵇ Γ(b) Q(b, z),  M = Γ(a + b) / (Γ(a) Tᵇ) · e⁻ᶻ zᵇ / Γ(b),
    ///
    /// with their recurrences for `Jₙ` and `dₙ` (30 terms at most). `log x` is taken as
    /// `log1p(−y)` so only the accurate `y = 1 − x` is used, and `Γ(a+b)/(Γ(a) Tᵇ)` is
    /// formed from Stirling corrections. The sum is scaled by `e⁻ᶻ zᵇ / Γ(b)` so its
    /// first term is `Q(b, z)` itself and nothing overflows.
    static func asymptoticLargeA(_ a: Double, _ b: Double, x: Double, y: Double) -> Double {
        let bm1 = b - 1
        let t = a + 0.5 * bm1
        let lnx = y > 0.375 ? Foundation.log(x) : Foundation.log1p(-y)
        let z = -t * lnx
        guard z > 0 else { return .nan }
        let logR = b * Foundation.log(z) - z - logGamma(b)
        let r = Foundation.exp(logR)
        // log[Γ(a+b) / (Γ(a) Tᵇ)] = (a − ½) L(b/a) − b/(2a) + b log1p((b+1)/(2T)) + c(a+b) − c(a)
        let u = b / a
        let logRatio = (a - 0.5) * SpecialKernels.logRatioMinusLinear(ratio: 1 + u, deviation: u)
            - 0.5 * u + b * Foundation.log1p(0.5 * (b + 1) / t)
            + SpecialKernels.logGammaCorrection(a + b) - SpecialKernels.logGammaCorrection(a)
        let v = 0.25 / (t * t)
        let t2 = 0.25 * lnx * lnx
        var j = regularizedGammaQ(b, z)  // r · J₀
        var sum = j
        var power = r                       // r · t2ⁿ
        var cn = 1.0
        var n2 = 0.0
        var c = [Double](repeating: 0, count: 30)
        var d = [Double](repeating: 0, count: 30)
        for n in 1...30 {
            let bp2n = b + n2
            j = (bp2n * (bp2n + 1) * j + (z + bp2n + 1) * power) * v
            n2 += 2
            power *= t2
            cn /= n2 * (n2 + 1)
            c[n - 1] = cn
            var s = 0.0
            var coef = b - Double(n)
            for i in stride(from: 1, to: n, by: 1) {
                s += coef * c[i - 1] * d[n - i - 1]
                coef += b
            }
            d[n - 1] = bm1 * cn + s / Double(n)
            let dj = d[n - 1] * j
            sum += dj
            if Swift.abs(dj) <= 1e-17 * Swift.abs(sum) { break }
        }
        return Foundation.exp(logRatio) * sum
    }
}
