/// Sums and dot products in about twice working precision, by error-free
/// transformations (TwoSum, and TwoProduct through fused multiply-add): the
/// Dot2 algorithm of Ogita, Rump & Oishi, "Accurate sum and dot product",
/// SIAM J. Sci. Comput. 26 (2005). The result is as accurate as if computed
/// in quadruple precision and then rounded, unless the condition of the sum
/// exceeds ~1/ε².
///
/// Used for the residuals of iterative refinement, where ordinary double
/// sums would cancel away the very digits refinement is meant to recover.
@usableFromInline
struct CompensatedSum {
    @usableFromInline var sum = 0.0
    @usableFromInline var compensation = 0.0

    @inlinable init() {}

    /// Adds a·b exactly into the running sum.
    @inlinable @inline(__always)
    mutating func addProduct(_ a: Double, _ b: Double) {
        let p = a * b
        let e = (-p).addingProduct(a, b)   // fma: a·b − p exactly
        add(p)
        compensation += e
    }

    /// Adds x into the running sum (TwoSum, Knuth).
    @inlinable @inline(__always)
    mutating func add(_ x: Double) {
        let s = sum + x
        let bb = s - sum
        let err = (sum - (s - bb)) + (x - bb)
        sum = s
        compensation += err
    }

    @inlinable var value: Double { sum + compensation }
}

extension Matrix {
    /// b − c − A·x, each row in compensated precision (`c` optional).
    func accurateResidual(_ x: [Double], b: [Double], minus c: [Double]? = nil) -> [Double] {
        var acc = [CompensatedSum](repeating: CompensatedSum(), count: rows)
        for i in 0..<rows {
            acc[i].add(b[i])
            if let c { acc[i].add(-c[i]) }
        }
        for j in 0..<columns where x[j] != 0 {
            let xj = -x[j]
            let base = j * rows
            for i in 0..<rows { acc[i].addProduct(storage[base + i], xj) }
        }
        return acc.map(\.value)
    }

    /// −Aᵀr, each entry in compensated precision.
    func accurateNegatedTransposeProduct(_ r: [Double]) -> [Double] {
        (0..<columns).map { j in
            var acc = CompensatedSum()
            let base = j * rows
            for i in 0..<rows { acc.addProduct(storage[base + i], -r[i]) }
            return acc.value
        }
    }
}
