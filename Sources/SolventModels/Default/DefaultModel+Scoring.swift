import Dispatch
import SolventNumerics

/// One scored row: `id, pd, score, band, reason_1 … reason_4`.
public struct DefaultScore: Sendable, Hashable {
    public let id: String
    public let pd: Double
    public let score: Double
    public let band: String
    /// Up to four features that lowered the score most, most first.
    public let reasons: [String]
}

extension DefaultModel {
    /// The number of reason codes per score (RELIABILITY.md).
    public static let reasonCodes = 4

    /// Scores every row of `table`, which must hold the model's features
    /// (columns that are the id, target or weights are ignored; any other
    /// column the model does not know, or a feature it lacks, is an error
    /// listing both). Rows without an id column are numbered from 1.
    ///
    /// Reason codes — logistic: each feature's contribution to the log-odds
    /// of default against the training mean, Σⱼ βⱼ (xⱼ − x̄ⱼ) over its design
    /// columns; the features with the largest positive contributions (those
    /// that raise the PD, i.e. lower the score) are listed. Scorecard: the
    /// features whose points fall furthest below their best bin.
    public func score(_ table: DataTable) throws(ModelError) -> [DefaultScore] {
        let ignored = nonFeatureColumns
        let (missing, extra) = (features.filter { !table.contains($0) },
                                table.names.filter { !features.contains($0) && !ignored.contains($0) })
        guard missing.isEmpty, extra.isEmpty else { throw .featureMismatch(missing: missing, extra: extra) }
        let ids = try table.identifiers(idColumn)
        switch method {
        case .logistic: return try scoreLogistic(table, ids: ids)
        case .scorecard: return try scoreCard(table, ids: ids)
        }
    }

    private func scoreLogistic(_ table: DataTable, ids: [String]) throws(ModelError) -> [DefaultScore] {
        guard let design, let reasonReference else { throw .invalidArgument("the model file has no design") }
        let x = try design.design(for: table, ignoring: nonFeatureColumns, allowingExtraColumns: true)
        let n = x.rows
        let beta = coefficients.map { $0.estimate ?? 0 }
        let groups = design.featureColumns, names = design.featureNames
        // Rows in blocks, two spans at once: per block, η and each feature's contribution
        // Σⱼ βⱼ(xⱼ − x̄ⱼ) column by column (contiguous reads), then the reasons row by row.
        return x.storage.withUnsafeBufferPointer { storage in
            let base = UInt(bitPattern: storage.baseAddress)
            return Self.inSpans(rows: n) { range, out in
                guard let s = UnsafePointer<Double>(bitPattern: base) else { return }
                let block = 2048
                var eta = [Double](repeating: 0, count: block)
                var contribution = [Double](repeating: 0, count: block * groups.count)
                var values = [Double](repeating: 0, count: groups.count)
                var start = range.lowerBound
                while start < range.upperBound {
                    let b = min(block, range.upperBound - start)
                    for i in 0..<b { eta[i] = beta[0] }
                    for k in 0..<(b * groups.count) { contribution[k] = 0 }
                    for (f, columns) in groups.enumerated() {
                        for j in columns where beta[j] != 0 {
                            let column = s + j * n + start, bj = beta[j], mean = reasonReference[j]
                            for i in 0..<b {
                                eta[i] += bj * column[i]
                                contribution[f * b + i] += bj * (column[i] - mean)
                            }
                        }
                    }
                    for i in 0..<b {
                        for f in 0..<groups.count { values[f] = contribution[f * b + i] }
                        (out + start + i).initialize(to: makeScore(id: ids[start + i], eta: eta[i],
                                                                   reasons: topReasons(values, names: names)))
                    }
                    start += b
                }
            }
        }
    }

    /// Fills the scores of `0..<rows`: `body` initialises the elements of its
    /// range (at `out + row`), on two contiguous halves at once for large inputs.
    static func inSpans(rows n: Int, _ body: @Sendable (Range<Int>, UnsafeMutablePointer<DefaultScore>) -> Void) -> [DefaultScore] {
        [DefaultScore](unsafeUninitializedCapacity: n) { buffer, initialized in
            guard let out = buffer.baseAddress else { initialized = 0; return }
            if n < 20_000 {
                body(0..<n, out)
            } else {
                let address = UInt(bitPattern: out), half = n / 2
                DispatchQueue.concurrentPerform(iterations: 2) { k in
                    guard let p = UnsafeMutablePointer<DefaultScore>(bitPattern: address) else { return }
                    body(k == 0 ? 0..<half : half..<n, p)
                }
            }
            initialized = n
        }
    }

    private func scoreCard(_ table: DataTable, ids: [String]) throws(ModelError) -> [DefaultScore] {
        guard let part = scorecard else { throw .invalidArgument("the model file has no scorecard") }
        let card = try Scorecard(binnings: part.binnings, intercept: part.intercept, coefficients: part.coefficients,
                                 scaling: scaling)
        var bins: [[Int]] = []
        for b in card.binnings {
            switch try table.column(b.feature) {
            case .numeric(let c): bins.append(try (0..<c.count).map { i throws(ModelError) in try b.binIndex(for: c[i]) })
            case .categorical(let c): bins.append(try (0..<c.count).map { i throws(ModelError) in try b.binIndex(for: c[i]) })
            }
        }
        var shortfall = [Double](repeating: 0, count: bins.count)
        return (0..<table.rowCount).map { i in
            var eta = card.intercept
            for (f, b) in card.binnings.enumerated() {
                let k = bins[f][i]
                eta += card.coefficients[f] * b.bins[k].woe
                shortfall[f] = card.referencePoints[f] - card.points[f][k]
            }
            return makeScore(id: ids[i], eta: eta, reasons: topReasons(shortfall, names: card.features))
        }
    }

    /// The names of the (at most four) largest positive values, largest first, ties in feature order.
    private func topReasons(_ values: [Double], names: [String]) -> [String] {
        var top: [Int] = []
        top.reserveCapacity(Self.reasonCodes + 1)
        for (f, v) in values.enumerated() where v > 1e-12 {
            guard top.count < Self.reasonCodes || v > values[top[top.count - 1]] else { continue }
            var k = top.count
            while k > 0 && values[top[k - 1]] < v { k -= 1 }
            top.insert(f, at: k)
            if top.count > Self.reasonCodes { top.removeLast() }
        }
        return top.map { names[$0] }
    }

    private func makeScore(id: String, eta: Double, reasons: [String]) -> DefaultScore {
        let pd = logistic(eta)
        return DefaultScore(id: id, pd: pd, score: scaling.score(logOddsGood: -eta), band: bands.band(for: pd), reasons: reasons)
    }
}
