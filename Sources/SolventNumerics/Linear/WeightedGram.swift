import CLAPACK
import Dispatch

extension Matrix {
    /// Xᵀ diag(w) X, the weighted Gram matrix (p × p, exactly symmetric), in
    /// one pass over X.
    ///
    /// Rows are taken in cache-sized blocks: each block is copied once with
    /// its rows scaled by √wᵢ into a small buffer and added into an
    /// accumulator by `dsyrk`, so √W·X is never materialised (BLAS.md:
    /// memory traffic dominates at 10⁶ × 32). Debian's OpenBLAS leaves the
    /// second core idle on this tall, narrow shape, so the rows are split into
    /// a fixed number of contiguous spans worked on concurrently and summed in
    /// a fixed order: the result does not depend on the number of threads.
    ///
    /// - Parameters:
    ///   - weights: n non-negative weights (nil: all 1).
    ///   - blockRows: rows per block (default 512: 512 × 32 doubles = 128 KiB).
    ///   - spans: how many row spans to work on concurrently (default 2, the
    ///     cores of this machine); a span count, not a thread count, so the
    ///     summation order is fixed.
    public func weightedGram(_ weights: [Double]? = nil, blockRows: Int = 512, spans: Int = 2) throws(NumericError) -> Matrix {
        let n = rows, p = columns
        if let w = weights {
            guard w.count == n else { throw .shapeMismatch("weightedGram: X has \(n) rows, weights has \(w.count)") }
            try SolventNumerics.requireFinite(w, "weights")
            if let k = w.firstIndex(where: { $0 < 0 }) {
                throw .invalidArgument("weightedGram: weights must be ≥ 0; weight \(k) is \(w[k])")
            }
        }
        try requireFinite("X")
        guard blockRows > 0, spans > 0 else {
            throw .invalidArgument("weightedGram: blockRows (\(blockRows)) and spans (\(spans)) must be > 0")
        }
        var result = Matrix(rows: p, columns: p)
        guard n > 0, p > 0 else { return result }
        let spanCount = max(1, min(spans, n / (4 * blockRows)))
        let spanRows = (n + spanCount - 1) / spanCount
        var partials = [Double](repeating: 0, count: spanCount * p * p)
        let sqrtW = weights.map { $0.map { $0.squareRoot() } }
        storage.withUnsafeBufferPointer { x in
            partials.withUnsafeMutableBufferPointer { acc in
                let xBase = UInt(bitPattern: x.baseAddress)
                let accBase = UInt(bitPattern: acc.baseAddress)
                sqrtW.withOptionalBuffer { sw in
                    let swBase = UInt(bitPattern: sw?.baseAddress)
                    DispatchQueue.concurrentPerform(iterations: spanCount) { s in
                        let lo = s * spanRows, hi = Swift.min(n, lo + spanRows)
                        guard lo < hi,
                              let xp = UnsafePointer<Double>(bitPattern: xBase),
                              let ap = UnsafeMutablePointer<Double>(bitPattern: accBase) else { return }
                        Matrix.accumulateGram(x: xp, rows: n, columns: p, range: lo..<hi,
                                              sqrtWeights: UnsafePointer<Double>(bitPattern: swBase),
                                              blockRows: blockRows, into: ap + s * p * p)
                    }
                }
            }
        }
        for s in 0..<spanCount {
            for k in 0..<(p * p) { result.storage[k] += partials[s * p * p + k] }
        }
        result.symmetrizeFromUpper()
        return result
    }

    /// The kernel: for each block of `range`, gather √w-scaled rows into a
    /// buffer and `dsyrk` them into the upper triangle of `acc` (p × p).
    private static func accumulateGram(x: UnsafePointer<Double>, rows n: Int, columns p: Int, range: Range<Int>,
                                       sqrtWeights: UnsafePointer<Double>?, blockRows: Int,
                                       into acc: UnsafeMutablePointer<Double>) {
        let buffer = UnsafeMutablePointer<Double>.allocate(capacity: blockRows * p)
        defer { buffer.deallocate() }
        var start = range.lowerBound
        while start < range.upperBound {
            let b = Swift.min(blockRows, range.upperBound - start)
            for j in 0..<p {
                let src = x + j * n + start
                let dst = buffer + j * b
                if let sw = sqrtWeights {
                    let wp = sw + start
                    for i in 0..<b { dst[i] = src[i] * wp[i] }
                } else {
                    dst.update(from: src, count: b)
                }
            }
            cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, Int32(p), Int32(b), 1.0,
                        buffer, Int32(b), 1.0, acc, Int32(p))
            start += b
        }
    }
}

extension Optional where Wrapped == [Double] {
    func withOptionalBuffer<R>(_ body: (UnsafeBufferPointer<Double>?) -> R) -> R {
        switch self {
        case .some(let a): return a.withUnsafeBufferPointer { body($0) }
        case .none: return body(nil)
        }
    }
}
