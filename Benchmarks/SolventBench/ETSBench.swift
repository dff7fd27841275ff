// solvent-bench ets --data DIR [--repeats N] [--max-iterations K] [--abandon-margin M|none] [--serial-only]
// Automatic ETS (ETS(period: m), R/statsforecast candidates, AICc) on Benchmarks/ets/make_data.py's
// train.f64 / test.f64 / meta.json: times fit + point forecast of every series one at a time on one thread
// (ForecastBatch with parallel: false) and on all cores (parallel: true), and scores the held-out values
// by MASE (scale: the in-sample seasonal-naive MAE at lag m). Prints one JSON line. --serial-only skips the
// all-cores pass (for `perf stat` cycle counts of the one-thread path). --per-candidate instead fits each of
// the 15 candidates alone to every series and reports its time, Nelder–Mead iterations and convergence.
import Foundation
import SolventModels

func etsBench(_ args: [String]) throws {
    let dir = args.firstIndex(of: "--data").map { args[$0 + 1] } ?? "."
    let repeats = args.firstIndex(of: "--repeats").flatMap { Int(args[$0 + 1]) } ?? 1
    let maxIterations = args.firstIndex(of: "--max-iterations").flatMap { Int(args[$0 + 1]) } ?? ETS().maxIterations
    // --abandon-margin M (AICc units) or "none" to fit every candidate to the end.
    let margin = args.firstIndex(of: "--abandon-margin").map { args[$0 + 1] }.map { Double($0) } ?? ETS().abandonMargin
    let serialOnly = args.contains("--serial-only")
    if args.contains("--per-candidate") { return try etsPerCandidate(dir) }
    let meta = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/meta.json"))) as? [String: Any] ?? [:]
    let count = meta["count"] as? Int ?? 0, length = meta["length"] as? Int ?? 0
    let horizon = meta["horizon"] as? Int ?? 12, period = meta["period"] as? Int ?? 12
    let train = try readDoubles(dir + "/train.f64", count: count * length)
    let test = try readDoubles(dir + "/test.f64", count: count * horizon)
    let series = (0..<count).map { Array(train[($0 * length)..<(($0 + 1) * length)]) }
    let ids = (0..<count).map { "s\($0 + 1)" }
    let method = ForecastMethod.ets(ETS(period: period, maxIterations: maxIterations, abandonMargin: margin))
    var serial = [Double](), parallel = [Double](), results: [Result<SeriesForecast, ModelError>] = []
    for _ in 0..<repeats {
        let t0 = now()
        results = ForecastBatch.forecast(series, ids: ids, method: method, horizon: horizon, levels: [], parallel: false)
        serial.append(now() - t0)
        if serialOnly { continue }
        let t1 = now()
        _ = ForecastBatch.forecast(series, ids: ids, method: method, horizon: horizon, levels: [], parallel: true)
        parallel.append(now() - t1)
    }
    var mase = [Double](), chosen = [String: Int](), failures = 0, iterations = 0, unconverged = 0, aiccSum = 0.0
    for (i, r) in results.enumerated() {
        guard case .success(let s) = r else { failures += 1; continue }
        let y = series[i]
        var scale = 0.0
        for t in period..<length { scale += abs(y[t] - y[t - period]) }
        scale /= Double(length - period)
        var mae = 0.0
        for k in 0..<horizon { mae += abs(test[i * horizon + k] - s.forecast.mean[k]) }
        mase.append(mae / Double(horizon) / scale)
        chosen[s.forecast.method, default: 0] += 1
        iterations += s.fit?.iterations ?? 0
        aiccSum += s.fit?.aicc ?? 0
        if s.fit?.converged == false { unconverged += 1 }
    }
    emit(["op": "ets", "count": count, "length": length, "horizon": horizon, "period": period,
          "seconds_serial": serial, "seconds_parallel": parallel,
          "seconds_per_series": median(serial) / Double(count),
          "seconds_per_series_parallel": parallel.isEmpty ? 0 : median(parallel) / Double(count),
          "mean_mase": mase.reduce(0, +) / Double(max(mase.count, 1)), "mase": mase,
          "chosen": chosen, "failures": failures, "chosen_unconverged": unconverged,
          "mean_iterations_chosen": Double(iterations) / Double(max(count, 1)),
          "mean_aicc_chosen": aiccSum / Double(max(count, 1)), "chosen_by_series": results.map { (try? $0.get())?.forecast.method ?? "" },
          "threads": ProcessInfo.processInfo.activeProcessorCount, "max_iterations": maxIterations, "abandon_margin": margin.map { $0 as Any } ?? "none"])
}

/// Each candidate of automatic selection fitted alone (`ETS(spec)`) to every series: seconds per fit,
/// mean Nelder–Mead iterations, the share that met the tolerance (the rest hit the cap).
func etsPerCandidate(_ dir: String) throws {
    let meta = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/meta.json"))) as? [String: Any] ?? [:]
    let count = meta["count"] as? Int ?? 0, length = meta["length"] as? Int ?? 0, period = meta["period"] as? Int ?? 12
    let train = try readDoubles(dir + "/train.f64", count: count * length)
    let series = (0..<count).map { Array(train[($0 * length)..<(($0 + 1) * length)]) }
    var rows: [String: Any] = [:]
    for spec in ETSSpecification.candidates(positive: true, seasonal: true) {
        var iterations = 0, converged = 0
        let t0 = now()
        for y in series {
            guard let fit = try? ETS(spec, period: period).fit(y) else { continue }
            iterations += fit.iterations
            if fit.converged { converged += 1 }
        }
        rows[spec.description] = ["ms_per_fit": (now() - t0) / Double(count) * 1e3,
                                  "mean_iterations": Double(iterations) / Double(count),
                                  "converged_share": Double(converged) / Double(count)]
    }
    emit(["op": "ets-per-candidate", "count": count, "candidates": rows])
}
