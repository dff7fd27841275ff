import Foundation

// Samplers for the distributions the generator and the simulations need.
// Each takes the generator `inout`, so a seed fixes every draw.

extension Xoshiro256StarStar {
    /// Uniform in [low, high).
    @inlinable
    public mutating func uniform(_ low: Double = 0, _ high: Double = 1) -> Double {
        low + (high - low) * nextUnitDouble()
    }

    /// Uniform integer in `range`, unbiased (Lemire's method via the standard library).
    @inlinable
    public mutating func integer(in range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &self)
    }

    /// Standard normal by the Marsaglia polar method (one value per call; the
    /// second of the pair is discarded so that the stream depends only on the
    /// number of calls, not on caching).
    public mutating func normal(mean: Double = 0, sd: Double = 1) -> Double {
        while true {
            let u = 2 * nextUnitDouble() - 1
            let v = 2 * nextUnitDouble() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                return mean + sd * u * (-2 * Foundation.log(s) / s).squareRoot()
            }
        }
    }

    /// Log-normal: exp(N(mu, sigma²)); `mu`, `sigma` are on the log scale.
    public mutating func logNormal(mu: Double, sigma: Double) -> Double {
        Foundation.exp(normal(mean: mu, sd: sigma))
    }

    /// Gamma(shape k, scale θ) by Marsaglia & Tsang (2000); for k < 1 the
    /// boost Gamma(k+1)·U^(1/k). Mean kθ.
    public mutating func gamma(shape: Double, scale: Double = 1) -> Double {
        precondition(shape > 0 && scale > 0, "gamma(shape: \(shape), scale: \(scale)): both must be > 0")
        if shape < 1 {
            let u = nextUnitDouble()
            return gamma(shape: shape + 1, scale: scale) * Foundation.pow(max(u, .leastNormalMagnitude), 1 / shape)
        }
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double, v: Double
            repeat {
                x = normal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = nextUnitDouble()
            if u < 1 - 0.0331 * x * x * x * x { return d * v * scale }
            if Foundation.log(u) < 0.5 * x * x + d * (1 - v + Foundation.log(v)) { return d * v * scale }
        }
    }

    /// Poisson(λ): multiplication method for λ < 30, otherwise the PTRS
    /// transformed-rejection method of Hörmann (1993).
    public mutating func poisson(_ lambda: Double) -> Int {
        precondition(lambda >= 0 && lambda.isFinite, "poisson(\(lambda)): λ must be finite and ≥ 0")
        if lambda == 0 { return 0 }
        if lambda < 30 {
            let limit = Foundation.exp(-lambda)
            var k = 0
            var p = nextUnitDouble()
            while p > limit {
                k += 1
                p *= nextUnitDouble()
            }
            return k
        }
        let slam = lambda.squareRoot()
        let loglam = Foundation.log(lambda)
        let b = 0.931 + 2.53 * slam
        let a = -0.059 + 0.02483 * b
        let invalpha = 1.1239 + 1.1328 / (b - 3.4)
        let vr = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = nextUnitDouble() - 0.5
            let v = nextUnitDouble()
            let us = 0.5 - abs(u)
            let k = Foundation.floor((2 * a / us + b) * u + lambda + 0.43)
            if us >= 0.07 && v <= vr { return Int(k) }
            if k < 0 || (us < 0.013 && v > us) { continue }
            let lhs = Foundation.log(v) + Foundation.log(invalpha) - Foundation.log(a / (us * us) + b)
            let rhs = -lambda + k * loglam - Foundation.lgamma(k + 1)
            if lhs <= rhs { return Int(k) }
        }
    }

    /// Bernoulli(p): true with probability `p`.
    @inlinable
    public mutating func bernoulli(_ p: Double) -> Bool {
        nextUnitDouble() < p
    }

    /// An index drawn with probability proportional to `weights` (non-negative, not all zero).
    public mutating func categorical(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        precondition(total > 0 && total.isFinite, "categorical: weights must be finite, ≥ 0 and not all zero")
        var u = nextUnitDouble() * total
        for (i, w) in weights.enumerated() {
            u -= w
            if u < 0 { return i }
        }
        return weights.lastIndex(where: { $0 > 0 }) ?? 0
    }
}

/// A categorical distribution prepared once for many draws: Walker's alias
/// method (Vose 1991), O(1) per draw.
public struct AliasTable: Sendable, Hashable {
    private let probability: [Double]
    private let alias: [Int]

    public init(weights: [Double]) {
        let n = weights.count
        let total = weights.reduce(0, +)
        precondition(n > 0 && total > 0 && total.isFinite && weights.allSatisfy { $0 >= 0 },
                     "AliasTable: weights must be finite, ≥ 0 and not all zero")
        var scaled = weights.map { $0 * Double(n) / total }
        var prob = [Double](repeating: 1, count: n)
        var alias = Array(0..<n)
        var small = [Int](), large = [Int]()
        for i in 0..<n { if scaled[i] < 1 { small.append(i) } else { large.append(i) } }
        while let s = small.popLast(), let l = large.popLast() {
            prob[s] = scaled[s]
            alias[s] = l
            scaled[l] = scaled[l] + scaled[s] - 1
            if scaled[l] < 1 { small.append(l) } else { large.append(l) }
        }
        probability = prob
        self.alias = alias
    }

    public var count: Int { probability.count }

    public func sample(_ rng: inout Xoshiro256StarStar) -> Int {
        let u = rng.nextUnitDouble() * Double(probability.count)
        let i = min(Int(u), probability.count - 1)
        return (u - Double(i)) < probability[i] ? i : alias[i]
    }
}
