/// R `forecast::ets(bounds = "both")`'s parameter checks (statsforecast
/// `check_param` and `admissible`): the "usual" region
/// `1e-4 ≤ α ≤ 0.9999`, `1e-4 ≤ β ≤ α`, `1e-4 ≤ γ ≤ 1 − α`, `0.8 ≤ φ ≤ 0.98`,
/// and the admissible (forecastable) region of Hyndman, Akram & Archibald (2008):
/// the closed-form conditions and, for seasonal models, all roots of
///
///     P(z) = φ(1−α−γ) + (α+β−αφ+γ−1) z + Σ_{k=2}^{m−1} (α+β−αφ) z^k + (α+β−φ) z^m + z^{m+1}
///
/// of modulus at most 1 + 1e-10. R finds the roots with `polyroot`; here a
/// Schur–Cohn recursion on `P((1+1e-10) z)` decides the same question in O(m²)
/// without computing them.
enum ETSAdmissibility {
    static let lower = (alpha: 1e-4, beta: 1e-4, gamma: 1e-4, phi: 0.8)
    static let upper = (alpha: 0.9999, beta: 0.9999, gamma: 0.9999, phi: 0.98)

    /// Both checks (`bounds = "both"`).
    @inline(__always)
    static func accepts(_ p: ETSParameters, _ spec: ETSSpecification, period m: Int,
                        scratch: UnsafeMutableBufferPointer<Double>) -> Bool {
        usual(p, spec) && admissible(p, spec, period: m, scratch: scratch)
    }

    @inline(__always)
    static func usual(_ p: ETSParameters, _ spec: ETSSpecification) -> Bool {
        guard p.alpha >= lower.alpha, p.alpha <= upper.alpha else { return false }
        if spec.hasTrend, p.beta < lower.beta || p.beta > p.alpha || p.beta > upper.beta { return false }
        if spec.isDamped, p.phi < lower.phi || p.phi > upper.phi { return false }
        if spec.hasSeason, p.gamma < lower.gamma || p.gamma > 1 - p.alpha || p.gamma > upper.gamma { return false }
        return true
    }

    /// `scratch` needs `2(m + 2)` doubles.
    static func admissible(_ p: ETSParameters, _ spec: ETSSpecification, period m: Int,
                           scratch: UnsafeMutableBufferPointer<Double>) -> Bool {
        switch closedForm(p, spec, period: m) {
        case .rejected: false
        case .accepted: true
        case .needsRoots: rootsInside(p, spec, period: m, scratch: scratch)
        }
    }

    enum Verdict { case rejected, accepted, needsRoots }

    /// The closed-form conditions; a seasonal model that meets them still needs ``rootsInside(_:_:period:scratch:)``.
    @inline(__always)
    static func closedForm(_ p: ETSParameters, _ spec: ETSSpecification, period m: Int) -> Verdict {
        let phi = spec.isDamped ? p.phi : 1, alpha = p.alpha
        guard phi >= 0, phi <= 1 + 1e-8 else { return .rejected }
        guard spec.hasSeason, m > 1 else {
            if alpha < 1 - 1 / phi || alpha > 1 + 1 / phi { return .rejected }
            if spec.hasTrend, p.beta < alpha * (phi - 1) || p.beta > (1 + phi) * (2 - alpha) { return .rejected }
            return .accepted
        }
        let beta = spec.hasTrend ? p.beta : 0, gamma = p.gamma, md = Double(m)
        if gamma < max(1 - 1 / phi - alpha, 0) || gamma > 1 + 1 / phi - alpha { return .rejected }
        if alpha < 1 - 1 / phi - gamma * (1 - md + phi + phi * md) / (2 * phi * md) { return .rejected }
        if beta < -(1 - phi) * (gamma / md + alpha) { return .rejected }
        return .needsRoots
    }

    /// Whether all roots of P (above) have modulus below 1 + 1e-10; `scratch` needs `2(m + 2)` doubles.
    static func rootsInside(_ p: ETSParameters, _ spec: ETSSpecification, period m: Int,
                            scratch: UnsafeMutableBufferPointer<Double>) -> Bool {
        let phi = spec.isDamped ? p.phi : 1, alpha = p.alpha
        let beta = spec.hasTrend ? p.beta : 0, gamma = p.gamma
        // P's coefficients in increasing powers, then scaled by ρ^k.
        let d = m + 1
        scratch[0] = phi * (1 - alpha - gamma)
        scratch[1] = alpha + beta - alpha * phi + gamma - 1
        for k in 2..<m { scratch[k] = alpha + beta - alpha * phi }
        scratch[m] = alpha + beta - phi
        scratch[d] = 1
        let rho = 1 + 1e-10
        var r = rho
        for k in 1...d { scratch[k] *= r; r *= rho }
        return rootsInsideUnitCircle(scratch, degree: d)
    }

    /// Schur–Cohn: `p(z) = Σ a_k z^k` has all roots in |z| < 1 iff |a₀| < |a_d| and
    /// `(a_d p(z) − a₀ p*(z))/z` has too (`p*` the reversed polynomial). `a` holds
    /// `2(degree + 1)` doubles, the coefficients in the first half; both halves are overwritten.
    static func rootsInsideUnitCircle(_ a: UnsafeMutableBufferPointer<Double>, degree: Int) -> Bool {
        var d = degree, from = 0, to = degree + 1
        while d > 0 {
            let lead = a[from + d], constant = a[from]
            guard abs(constant) < abs(lead) else { return false }
            // b_k = (a_d a_{k+1} − a₀ a_{d−k−1}) / a_d², k = 0 … d−1.
            let scale = 1 / (lead * lead)
            for k in 0..<d { a[to + k] = (lead * a[from + k + 1] - constant * a[from + d - k - 1]) * scale }
            swap(&from, &to)
            d -= 1
        }
        return true
    }
}
