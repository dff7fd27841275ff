// solvent-bench: timings of the numeric core for the side-by-side scripts in
// Benchmarks/. Prints one JSON object per run on standard output.
//
//   solvent-bench gemm N REPEATS
//   solvent-bench gram XFILE WFILE ROWS COLS REPEATS OUTFILE   (raw float64, X column-major)
//   solvent-bench nist DIR                                     (NIST StRD LRE table as JSON)
//   solvent-bench logistic --data DIR [--repeats N]            (X.f64 column-major, y.f64, meta.json)
//   solvent-bench kmeans --data DIR [--repeats N]              (Benchmarks/kmeans/make_data.py's X.f64, meta.json)
//   solvent-bench score --data DIR [--repeats N]               (train a default model on it, time scoring every row)
import Foundation
import SolventModels
import SolventNumerics

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
func median(_ v: [Double]) -> Double { let s = v.sorted(); return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2 }
func emit(_ object: [String: Any]) {
    let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    print(String(decoding: data, as: UTF8.self))
}
func readDoubles(_ path: String, count: Int) throws -> [Double] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    guard data.count == count * 8 else { throw NumericError.shapeMismatch("\(path): \(data.count) bytes, expected \(count * 8)") }
    return data.withUnsafeBytes { Array($0.bindMemory(to: Double.self)) }
}

/// make_data.py's files: meta.json (rows, cols), X.f64 (column-major), y.f64.
func readLogisticData(_ dir: String) throws -> (rows: Int, cols: Int, x: [Double], y: [Double]) {
    let meta = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/meta.json"))) as? [String: Any] ?? [:]
    let rows = meta["rows"] as? Int ?? 0, cols = meta["cols"] as? Int ?? 0
    return (rows, cols, try readDoubles(dir + "/X.f64", count: rows * cols), try readDoubles(dir + "/y.f64", count: rows))
}

let args = CommandLine.arguments
guard args.count >= 2 else {
    FileHandle.standardError.write(Data("usage: solvent-bench gemm|gram|nist ...\n".utf8))
    exit(2)
}
do {
    switch args[1] {
    case "gemm":
        let n = Int(args[2]) ?? 2000, repeats = Int(args[3]) ?? 5
        var g = Xoshiro256StarStar(seed: 1)
        let a = try Matrix(rows: n, columns: n, columnMajor: (0..<(n * n)).map { _ in g.uniform() })
        let b = try Matrix(rows: n, columns: n, columnMajor: (0..<(n * n)).map { _ in g.uniform() })
        _ = try BLAS.gemm(a, b)
        var times = [Double]()
        for _ in 0..<repeats {
            let t0 = now(); _ = try BLAS.gemm(a, b); times.append(now() - t0)
        }
        let t = median(times)
        emit(["op": "gemm", "n": n, "seconds": t, "gflops": 2 * pow(Double(n), 3) / t / 1e9,
              "threads": BLAS.threadCount, "blas": BLAS.configuration])
    case "gram":
        let rows = Int(args[4]) ?? 0, cols = Int(args[5]) ?? 0, repeats = Int(args[6]) ?? 5
        let x = try Matrix(rows: rows, columns: cols, columnMajor: readDoubles(args[2], count: rows * cols))
        let w = try readDoubles(args[3], count: rows)
        var result = try x.weightedGram(w)
        var times = [Double]()
        for _ in 0..<repeats {
            let t0 = now(); result = try x.weightedGram(w); times.append(now() - t0)
        }
        try result.storage.withUnsafeBytes { try Data($0).write(to: URL(fileURLWithPath: args[7])) }
        emit(["op": "gram", "rows": rows, "cols": cols, "seconds": median(times), "threads": BLAS.threadCount])
    case "nist":
        var table = [[String: Any]]()
        for name in ["Norris", "Pontius", "Longley", "Wampler1", "Wampler2", "Wampler3", "Wampler4", "Wampler5", "Filip"] {
            let url = URL(fileURLWithPath: args[2]).appendingPathComponent("\(name).json")
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
            let beta = json["beta"] as? [Double] ?? []
            let y = json["y"] as? [Double] ?? []
            let rowsX: [[Double]]
            if let m = json["x"] as? [[Double]] { rowsX = m.map { [1] + $0 } }
            else { rowsX = (json["x"] as? [Double] ?? []).map { v in (0..<beta.count).map { pow(v, Double($0)) } } }
            let fit = try WeightedLeastSquares().fit(x: Matrix(rowArrays: rowsX), y: y)
            let lre = zip(fit.coefficients, beta).map { est, cert -> Double in
                guard let est else { return 0 }
                let rel = abs(est - cert) / abs(cert)
                return rel == 0 ? 15 : min(15, max(0, -log10(rel)))
            }
            table.append(["set": name, "min_lre": lre.min() ?? 0, "aliased": fit.aliased.count])
        }
        emit(["op": "nist", "table": table])
    case "logistic":
        let repeats = args.firstIndex(of: "--repeats").flatMap { Int(args[$0 + 1]) } ?? 3
        let (rows, cols, x, y) = try readLogisticData(args.firstIndex(of: "--data").map { args[$0 + 1] } ?? ".")
        // The design: an intercept column of ones, then the features (built outside the timing).
        let design = try Matrix(rows: rows, columns: cols + 1,
                                columnMajor: [Double](repeating: 1, count: rows) + x)
        let names = ["(Intercept)"] + (0..<cols).map { "x\($0 + 1)" }
        var times = [Double](), model: LogisticModel? = nil
        for _ in 0..<repeats {
            let t0 = now()
            model = try LogisticRegression().fit(design, y, names: names)
            times.append(now() - t0)
        }
        guard let model else { exit(2) }
        emit(["op": "logistic", "rows": rows, "cols": cols, "seconds": times,
              "coefficients": model.coefficients.map { $0.estimate ?? .nan },
              "iterations": model.iterations, "converged": model.converged, "deviance": model.deviance,
              "notes": model.notes, "threads": BLAS.threadCount])
    case "kmeans":
        let dir = args.firstIndex(of: "--data").map { args[$0 + 1] } ?? "."
        let repeats = args.firstIndex(of: "--repeats").flatMap { Int(args[$0 + 1]) } ?? 3
        let meta = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/meta.json"))) as? [String: Any] ?? [:]
        let rows = meta["rows"] as? Int ?? 0, cols = meta["cols"] as? Int ?? 0, k = meta["k"] as? Int ?? 8
        let x = try Matrix(rows: rows, columns: cols, columnMajor: readDoubles(dir + "/X.f64", count: rows * cols))
        var result: [String: Any] = ["op": "kmeans", "rows": rows, "cols": cols, "k": k, "threads": BLAS.threadCount]
        let only = args.firstIndex(of: "--algorithms").map { args[$0 + 1].split(separator: ",").map(String.init) }
        for algorithm in KMeans.Algorithm.allCases where only?.contains(algorithm.rawValue) ?? true {
            var times = [Double](), inertias = [Double](), iterations = [Int]()
            for r in 0..<repeats {
                let t0 = now()
                let model = try KMeans(k: k, seed: UInt64(r), algorithm: algorithm).fit(x)
                times.append(now() - t0)
                inertias.append(model.inertia)
                iterations.append(model.iterations)
            }
            result[algorithm.rawValue] = ["seconds": times, "median_seconds": median(times), "inertia": inertias,
                                          "iterations": iterations]
        }
        emit(result)
    case "ets": try etsBench(args)
    case "score":
        let repeats = args.firstIndex(of: "--repeats").flatMap { Int(args[$0 + 1]) } ?? 3
        let (rows, cols, x, y) = try readLogisticData(args.firstIndex(of: "--data").map { args[$0 + 1] } ?? ".")
        var pairs: [(String, DataTable.Column)] = [("id", .categorical(CategoricalColumn((0..<rows).map { Optional("C\($0)") })))]
        for j in 0..<cols { pairs.append(("x\(j + 1)", .numeric(NumericColumn(values: Array(x[(j * rows)..<((j + 1) * rows)]))))) }
        pairs.append(("bad", .numeric(NumericColumn(values: y))))
        let table = try DataTable(pairs)
        var settings = DefaultModelSettings(name: "bench", target: "bad", source: "bench", solventVersion: "bench", createdAt: "")
        settings.id = "id"
        let t0 = now()
        let model = try DefaultModelTrainer.train(table, settings: settings)
        let trainSeconds = now() - t0
        var times = [Double](), scored = 0
        for _ in 0..<repeats {
            let t1 = now()
            scored = try model.score(table).count
            times.append(now() - t1)
        }
        let t2 = now()
        _ = try model.design!.design(for: table, ignoring: ["id", "bad"], allowingExtraColumns: true)
        let designSeconds = now() - t2
        emit(["op": "score", "design_seconds": designSeconds, "rows": scored, "cols": cols, "train_seconds": trainSeconds, "seconds": times,
              "median_seconds": median(times)])
    default:
        FileHandle.standardError.write(Data("unknown benchmark \(args[1])\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("solvent-bench: \(error)\n".utf8))
    exit(1)
}
