/// ``ETSAdmissibility/rootsInside(_:_:period:scratch:)`` for four parameter sets at
/// once, one per SIMD lane (``ETSLockstep`` checks the points of one round together).
/// Each lane performs the scalar test's operations in the same order, so its verdict is
/// the scalar one; a lane that fails keeps computing (its values are ignored).
extension ETSAdmissibility {
    typealias Lanes = SIMD4<Double>
    typealias LaneMask = SIMDMask<SIMD4<Int64>>

    /// Effective parameters per lane (β = 0 without trend, φ = 1 unless damped);
    /// `scratch` needs `2(m + 2)` lane vectors.
    static func rootsInside(alpha: Lanes, beta: Lanes, gamma: Lanes, phi: Lanes, period m: Int,
                            scratch a: UnsafeMutableBufferPointer<Lanes>) -> LaneMask {
        let one = Lanes(repeating: 1), d = m + 1
        a[0] = phi * (one - alpha - gamma)
        a[1] = alpha + beta - alpha * phi + gamma - one
        for k in 2..<m { a[k] = alpha + beta - alpha * phi }
        a[m] = alpha + beta - phi
        a[d] = one
        let rho = 1 + 1e-10
        var r = rho
        for k in 1...d { a[k] *= Lanes(repeating: r); r *= rho }
        // Schur–Cohn, as rootsInsideUnitCircle (the same operations in the same order), over raw
        // pointers with wrapping index arithmetic: no overflow checks in the O(m²) inner loop.
        guard let base = a.baseAddress else { return LaneMask(repeating: false) }
        // The verdicts are kept as two two-lane masks: `any` over two lanes is a few instructions,
        // over four a long shuffle sequence.
        typealias HalfMask = SIMDMask<SIMD2<Int64>>
        var aliveLow = HalfMask(repeating: true), aliveHigh = aliveLow, degree = d, from = base, to = base + (d + 1)
        while degree > 0 {
            let lead = from[degree], constant = from[0]
            aliveLow = aliveLow .& (abs(constant.lowHalf) .< abs(lead.lowHalf))
            aliveHigh = aliveHigh .& (abs(constant.highHalf) .< abs(lead.highHalf))
            guard any(aliveLow .| aliveHigh) else { break }
            let scale = one / (lead * lead)
            var k = 0, mirror = from + (degree - 1)
            while k < degree {
                to[k] = (lead * from[k &+ 1] - constant * mirror.pointee) * scale
                k &+= 1
                mirror -= 1
            }
            swap(&from, &to)
            degree -= 1
        }
        var alive = LaneMask(repeating: false)
        alive[0] = aliveLow[0]; alive[1] = aliveLow[1]; alive[2] = aliveHigh[0]; alive[3] = aliveHigh[1]
        return alive
    }
}

private func abs(_ v: SIMD2<Double>) -> SIMD2<Double> { v.replacing(with: -v, where: v .< 0) }
