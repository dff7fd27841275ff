import Foundation

/// The forecast of one series of a batch, with its ETS fit (nil for a baseline).
public struct SeriesForecast: Sendable, Hashable {
    public let id: String
    public let forecast: Forecast
    public let fit: ETSFit?
}

/// Many series at once on all cores (`DispatchQueue.concurrentPerform`, one series
/// per work item). Each series is independent and its simulation seed is
/// `seed + index` (wrapping), so results do not depend on the number of threads
/// or their order. A series that fails gets its ``ModelError``; the others go on.
public enum ForecastBatch {
    /// Fits and forecasts every series (`ids[i]` names `series[i]`).
    /// - Parameter parallel: false runs on the calling thread only.
    public static func forecast(_ series: [[Double]], ids: [String], method: ForecastMethod, horizon: Int,
                                levels: [Double] = [80, 95], seed: UInt64 = 1,
                                parallel: Bool = true) -> [Result<SeriesForecast, ModelError>] {
        run(series.count, parallel) { i in
            let id = i < ids.count ? ids[i] : "series \(i + 1)"
            do throws(ModelError) {
                let (f, fit) = try method.forecast(series[i], horizon: horizon, levels: levels, id: id,
                                                   seed: seed &+ UInt64(i))
                return .success(SeriesForecast(id: id, forecast: f, fit: fit))
            } catch { return .failure(error) }
        }
    }

    /// Backtests every series with every method.
    public static func backtest(_ series: [[Double]], ids: [String], methods: [ForecastMethod], backtest: Backtest,
                                parallel: Bool = true) -> [Result<BacktestResult, ModelError>] {
        run(series.count, parallel) { i in
            let id = i < ids.count ? ids[i] : "series \(i + 1)"
            do throws(ModelError) { return .success(try backtest.evaluate(series[i], id: id, methods: methods)) } catch { return .failure(error) }
        }
    }

    static func run<T: Sendable>(_ count: Int, _ parallel: Bool, _ body: @Sendable (Int) -> T) -> [T] {
        guard parallel, count > 1 else { return (0..<count).map(body) }
        let slots = UnsafeMutablePointer<T?>.allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
        defer { slots.deinitialize(count: count); slots.deallocate() }
        let shared = SharedPointer(slots)
        DispatchQueue.concurrentPerform(iterations: count) { i in shared.p[i] = body(i) }
        return (0..<count).compactMap { shared.p[$0] }
    }
}
