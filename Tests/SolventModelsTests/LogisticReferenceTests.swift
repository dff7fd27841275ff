import Foundation
import SolventNumerics
import Testing
@testable import SolventModels

/// One reference case of Fixtures/logistic (made by make_reference.py, values
/// from 50-digit optima cross-checked with statsmodels, R glm, brglm2, glmnet).
struct LogisticReference {
    let json: [String: Any]
    let table: DataTable

    init(_ name: String) throws {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures/logistic"))
        json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let csv = url.deletingLastPathComponent().appendingPathComponent(json["data"] as? String ?? "")
        table = try Self.readPlainCSV(csv)
    }

    /// The fixtures' CSVs have no quoting: split on commas; a column is numeric when every value parses.
    static func readPlainCSV(_ url: URL) throws -> DataTable {
        let lines = try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let cells = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        var pairs: [(String, DataTable.Column)] = []
        for (j, name) in header.enumerated() {
            let texts = cells.map { $0[j] }
            let numbers = texts.map { Double($0) }
            if numbers.allSatisfy({ $0 != nil }) {
                pairs.append((name, .numeric(NumericColumn(numbers))))
            } else {
                pairs.append((name, .categorical(CategoricalColumn(texts.map { Optional($0) }))))
            }
        }
        return try DataTable(pairs)
    }

    var features: [String] { json["features"] as? [String] ?? [] }
    func numbers(_ column: String?) throws -> [Double]? {
        guard let column else { return nil }
        return try table.numeric(column).values
    }
    func optionalDoubles(_ key: String) -> [Double?] { (json[key] as? [Any] ?? []).map { $0 as? Double } }
    func double(_ key: String) -> Double { json[key] as? Double ?? .nan }

    func fit(_ settings: LogisticRegression = LogisticRegression()) throws -> LogisticModel {
        let spec = try DesignSpecification(fitting: table, features: features)
        let x = try spec.design(for: table, allowingExtraColumns: true)
        #expect(spec.columnNames == json["columns"] as? [String])
        return try settings.fit(x, try numbers(json["response"] as? String) ?? [], names: spec.columnNames,
                                weights: try numbers(json["weights"] as? String),
                                offset: try numbers(json["offset"] as? String))
    }
}

func relativeError(_ a: Double?, _ b: Double?) -> Double {
    guard let a, let b else { return a == nil && b == nil ? 0 : .infinity }
    return abs(a - b) / max(abs(b), 1e-300)
}

@Suite struct LogisticReferenceTests {
    /// The bar: coefficients 1e-6 relative, standard errors 1e-5, log-likelihood 1e-8; held here far tighter.
    @Test(arguments: ["synthetic", "synthetic_weighted", "synthetic_offset", "synthetic_weighted_offset", "aliased"])
    func maximumLikelihoodMatchesTheReference(_ name: String) throws {
        let ref = try LogisticReference(name)
        let m = try ref.fit()
        let beta = ref.optionalDoubles("coefficients"), se = ref.optionalDoubles("standard_errors")
        for (k, c) in m.coefficients.enumerated() {
            #expect(relativeError(c.estimate, beta[k]) < 1e-9, "\(name) \(c.name) estimate")
            // The near-collinear x5 (noise 1e-4) makes the information ill-conditioned (κ ≈ 1e8).
            #expect(relativeError(c.stdError, se[k]) < 1e-7, "\(name) \(c.name) se")
            if beta[k] != nil {
                #expect(relativeError(c.pValue, ref.optionalDoubles("p_values")[k]) < 1e-6, "\(name) \(c.name) p")
                #expect(relativeError(c.lower, ref.optionalDoubles("ci_lower")[k]) < 1e-7)
            }
        }
        #expect(relativeError(m.logLikelihood, ref.double("log_likelihood")) < 1e-12)
        #expect(relativeError(m.nullLogLikelihood, ref.double("null_log_likelihood")) < 1e-12)
        #expect(relativeError(m.aic, ref.double("aic")) < 1e-12)
        #expect(relativeError(m.bic, ref.double("bic")) < 1e-12)
        #expect(relativeError(m.likelihoodRatio, ref.double("lr_statistic")) < 1e-9)
        #expect(m.likelihoodRatioDF == ref.json["lr_df"] as? Int)
        #expect(m.rows == ref.json["n_obs"] as? Int)
        #expect(m.converged)
    }

    @Test func aliasedColumnsAreTheOnesRDrops() throws {
        let ref = try LogisticReference("aliased")
        let m = try ref.fit()
        #expect(m.aliased == ["x1_copy", "const", "d3"])
        #expect(m.warnings.contains { $0.contains("3 aliased columns") })
    }

    @Test(arguments: ["separation", "endometrial"])
    func firthMatchesTheReference(_ name: String) throws {
        let ref = try LogisticReference(name)
        let m = try ref.fit(LogisticRegression(penalty: .firth))
        let beta = ref.optionalDoubles("coefficients"), se = ref.optionalDoubles("standard_errors")
        for (k, c) in m.coefficients.enumerated() {
            #expect(relativeError(c.estimate, beta[k]) < 1e-8, "\(name) \(c.name) estimate")
            #expect(relativeError(c.stdError, se[k]) < 1e-7, "\(name) \(c.name) se")
        }
        #expect(relativeError(m.logLikelihood, ref.double("log_likelihood")) < 1e-10)
        #expect(m.converged)
    }

    @Test func maximumLikelihoodWarnsOnSeparation() throws {
        let m = try LogisticReference("separation").fit()
        #expect(m.separation)
        #expect(m.warnings.contains { $0.hasPrefix("fitted probabilities numerically 0 or 1 occurred") })
    }

    @Test(arguments: ["ridge9", "ridge_synthetic"])
    func ridgePathMatchesGlmnet(_ name: String) throws {
        let ref = try LogisticReference(name)
        for point in ref.json["path"] as? [[String: Any]] ?? [] {
            let lambda = point["lambda"] as? Double ?? .nan
            let m = try ref.fit(LogisticRegression(penalty: .l2(lambda), tolerance: 1e-12))
            let expected = point["coefficients"] as? [Double] ?? []
            for (c, b) in zip(m.coefficients, expected) {
                #expect(relativeError(c.estimate, b) < 1e-8, "\(name) λ=\(lambda) \(c.name)")
            }
            #expect(relativeError(m.logLikelihood, point["log_likelihood"] as? Double) < 1e-10)
        }
    }
}
