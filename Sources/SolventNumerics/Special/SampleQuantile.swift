/// Quantiles of a sample, as numpy's default (`method="linear"`, R type 7).
public enum SampleQuantile {
    /// The q-quantile (0 ≤ q ≤ 1) of `sorted` (ascending, not empty): h = (n − 1)·q,
    /// interpolated between x[⌊h⌋] and x[⌊h⌋ + 1] by γ = h − ⌊h⌋ as numpy's `_lerp`
    /// does (from the upper value when γ ≥ ½), so results agree with numpy to the
    /// last bit. NaN for an empty sample.
    public static func linear(sorted x: [Double], _ q: Double) -> Double {
        guard !x.isEmpty else { return .nan }
        let h = Double(x.count - 1) * q
        if h >= Double(x.count - 1) { return x[x.count - 1] }
        let lo = Int(h.rounded(.down))
        let gamma = h - Double(lo)
        let a = x[lo], b = x[lo + 1], diff = b - a
        return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma
    }

    /// The central interval holding `level` percent: the (1 − level/100)/2 and (1 + level/100)/2 quantiles.
    public static func central(sorted x: [Double], level: Double) -> (lower: Double, upper: Double) {
        (linear(sorted: x, (1 - level / 100) / 2), linear(sorted: x, (1 + level / 100) / 2))
    }
}
