@testable import SolventNumerics

/// A seeded random matrix with entries uniform in [-1, 1).
func randomMatrix(_ rows: Int, _ columns: Int, seed: UInt64) -> Matrix {
    var g = Xoshiro256StarStar(seed: seed)
    var m = Matrix(rows: rows, columns: columns)
    for j in 0..<columns { for i in 0..<rows { m[i, j] = g.uniform(-1, 1) } }
    return m
}

/// A seeded symmetric positive definite matrix AᵀA + n·I.
func randomSPD(_ n: Int, seed: UInt64) -> Matrix {
    let a = randomMatrix(n + 3, n, seed: seed)
    var g = (try? BLAS.syrk(a)) ?? Matrix(rows: n, columns: n)
    for i in 0..<n { g[i, i] += Double(n) }
    return g
}

/// Naive product for checking BLAS.
func naiveProduct(_ a: Matrix, _ b: Matrix) -> Matrix {
    var c = Matrix(rows: a.rows, columns: b.columns)
    for i in 0..<a.rows { for j in 0..<b.columns {
        var s = 0.0
        for k in 0..<a.columns { s += a[i, k] * b[k, j] }
        c[i, j] = s
    } }
    return c
}

func maxAbsDifference(_ a: Matrix, _ b: Matrix) -> Double {
    zip(a.storage, b.storage).reduce(0) { max($0, abs($1.0 - $1.1)) }
}

func maxRelativeDifference(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1) / max(abs($1.1), 1e-300)) }
}
