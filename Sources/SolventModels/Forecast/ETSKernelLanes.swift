import Foundation

/// The ``ETSKernel`` recursion for four parameter sets at once, one per SIMD lane:
/// the likelihood sums of up to four models of one kind (same season and error type,
/// any trend) over the same series, as ``ETSLockstep`` needs them.
///
/// One step of the recursion is a chain of dependent multiply–adds, so a single
/// model leaves most of the core idle; four independent chains in one loop cost
/// little more than one. Each lane performs exactly the operations of
/// ``ETSKernel/run(_:season:multiplicativeError:_:level:trend:ring:fitted:levels:trends:seasons:)``
/// in the same order, so its sums are bit-for-bit those of a scalar run.
extension ETSKernel {
    typealias Lanes = SIMD4<Double>

    struct LaneOutput {
        var sse: Lanes
        var sumLogAbsFitted: Lanes
        /// Per lane: whether some ŷ ≤ 0.
        var nonPositiveFitted: SIMDMask<SIMD4<Int64>>
    }

    /// `ring` holds `m` lane vectors (lane k's seasonal states in chronological order, as
    /// for the scalar kernel; one vector of 0 without season) and is overwritten.
    static func runLanes(_ y: UnsafeBufferPointer<Double>, season: ETSSpecification.Season,
                         multiplicativeError: Bool, alpha: Lanes, beta: Lanes, gamma: Lanes, phi: Lanes,
                         level: Lanes, trend: Lanes, ring: UnsafeMutableBufferPointer<Lanes>) -> LaneOutput {
        switch (season == .multiplicative, multiplicativeError) {
        case (false, false): return lanes(AdditiveSeason.self, false, y, alpha, beta, gamma, phi, level, trend, ring)
        case (false, true): return lanes(AdditiveSeason.self, true, y, alpha, beta, gamma, phi, level, trend, ring)
        case (true, false): return lanes(MultiplicativeSeason.self, false, y, alpha, beta, gamma, phi, level, trend, ring)
        case (true, true): return lanes(MultiplicativeSeason.self, true, y, alpha, beta, gamma, phi, level, trend, ring)
        }
    }

    @inline(__always)
    static func lanes<S: SeasonLanes>(_: S.Type, _ multiplicativeError: Bool, _ y: UnsafeBufferPointer<Double>,
                                      _ alpha: Lanes, _ beta: Lanes, _ gamma: Lanes, _ phi: Lanes,
                                      _ l0: Lanes, _ b0: Lanes, _ ring: UnsafeMutableBufferPointer<Lanes>) -> LaneOutput {
        let one = Lanes(repeating: 1)
        let betaStar = beta / alpha, gammaStar = gamma / (one - alpha)
        let c1 = one + phi * betaStar, c2 = phi * betaStar, c3 = phi * phi * (one - betaStar)
        let keepAlpha = one - alpha, keepGamma = one - gammaStar, keepBeta = one - betaStar
        var l = l0, b = b0, q = l0 + phi * b0
        var sse = Lanes(repeating: 0), logSum = Lanes(repeating: 0), product = one
        var smallest = Lanes(repeating: .infinity)
        let high2 = SIMD2<Double>(repeating: 1e150), low2 = SIMD2<Double>(repeating: 1e-150)
        let n = y.count, m = ring.count
        var j = 0
        for t in 0..<n {
            let yt = Lanes(repeating: y[t]), s = ring[j]
            let yhat = S.apply(q, s)
            let lNew = alpha * S.remove(yt, s) + keepAlpha * q
            let sNew = gammaStar * S.remove(yt, lNew) + keepGamma * s
            if multiplicativeError {
                let e = (yt - yhat) / yhat
                sse += e * e
                // Only lanes with every ŷ > 0 are used (a multiplicative-error model with some
                // ŷ ≤ 0 is rejected), and there |ŷ| = ŷ: the scalar kernel's |ŷ| and 1e-32 for 0
                // would change nothing, so the product takes ŷ and the smallest ŷ flags the rest.
                smallest.replace(with: yhat, where: yhat .< smallest)
                product *= yhat
                // The range test on the two halves, then one two-lane `any` (cheaper than the four-lane one).
                let lowHalf = product.lowHalf, highHalf = product.highHalf
                if any((lowHalf .> high2 .| lowHalf .< low2) .| (highHalf .> high2 .| highHalf .< low2)) {
                    for k in 0..<4 where product[k] > 1e150 || product[k] < 1e-150 {
                        logSum[k] += log(product[k])
                        product[k] = 1
                    }
                }
            } else {
                let e = yt - yhat
                sse += e * e
            }
            let carry = c3 * b - c2 * l
            b = betaStar * (lNew - l) + keepBeta * phi * b
            l = lNew
            q = c1 * lNew + carry
            ring[j] = sNew
            j += 1
            if j == m { j = 0 }
        }
        if multiplicativeError { for k in 0..<4 { logSum[k] += log(product[k]) } }
        // With an additive error the flag is not used (nor computed).
        return LaneOutput(sse: sse, sumLogAbsFitted: logSum, nonPositiveFitted: .!(smallest .> 0))
    }
}

/// ⊕ and ⊖ of a season on four lanes.
protocol SeasonLanes: SeasonOperation {
    static func apply(_ base: ETSKernel.Lanes, _ season: ETSKernel.Lanes) -> ETSKernel.Lanes
    static func remove(_ value: ETSKernel.Lanes, _ part: ETSKernel.Lanes) -> ETSKernel.Lanes
}
extension AdditiveSeason: SeasonLanes {
    @inline(__always) static func apply(_ base: ETSKernel.Lanes, _ season: ETSKernel.Lanes) -> ETSKernel.Lanes { base + season }
    @inline(__always) static func remove(_ value: ETSKernel.Lanes, _ part: ETSKernel.Lanes) -> ETSKernel.Lanes { value - part }
}
extension MultiplicativeSeason: SeasonLanes {
    @inline(__always) static func apply(_ base: ETSKernel.Lanes, _ season: ETSKernel.Lanes) -> ETSKernel.Lanes { base * season }
    @inline(__always) static func remove(_ value: ETSKernel.Lanes, _ part: ETSKernel.Lanes) -> ETSKernel.Lanes { value / part }
}
