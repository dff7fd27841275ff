/// What `DefaultModelTrainer` is asked to do: the columns' roles, the
/// method, the penalty, how to hold data out, and the provenance recorded in
/// the model file.
public struct DefaultModelSettings: Sendable {
    /// Rows held out for validation.
    public enum Holdout: Sendable, Hashable {
        case none
        /// A stratified random share of the rows (seeded).
        case fraction(Double)
        /// Rows whose `column` is at or after `cutoff` (ISO dates or numbers compare in order).
        case outOfTime(column: String, cutoff: String)
    }

    public var name: String
    public var target: String
    public var id: String?
    public var weights: String?
    public var exclude: [String] = []
    /// Protected attributes the analyst allows by name (see `ProtectedAttributes`).
    public var allowFeatures: Set<String> = []
    public var method: DefaultModel.Method = .logistic
    public var binning = WoEBinning()
    public var ivThreshold = InformationValue.defaultThreshold
    public var penalty: LogisticRegression.Penalty = .none
    public var folds: Int? = nil
    public var holdout: Holdout = .none
    public var seed: UInt64 = 20261129
    public var scaling = ScorecardScaling.standard
    public var bands = RiskBands.standard
    /// Provenance: the data file (or store window) and its SHA-256.
    public var source: String
    public var sourceSHA256: String? = nil
    public var window: String? = nil
    public var solventVersion: String
    public var createdAt: String

    public init(name: String, target: String, source: String, solventVersion: String, createdAt: String) {
        self.name = name
        self.target = target
        self.source = source
        self.solventVersion = solventVersion
        self.createdAt = createdAt
    }

    /// The settings as text for the model file and card.
    var described: [String: String] {
        var d: [String: String] = ["method": method.rawValue, "penalty": penalty.description, "seed": "\(seed)",
                                   "scaling": scaling.conventionNote]
        if method == .scorecard {
            d["bins"] = "\(binning.maxBins)"
            d["monotonic"] = "\(binning.monotonic)"
            d["ivThreshold"] = "\(ivThreshold)"
        }
        if let folds { d["folds"] = "\(folds)" }
        switch holdout {
        case .none: break
        case .fraction(let f): d["testFraction"] = "\(f)"
        case .outOfTime(let c, let t): d["splitDate"] = "\(c):\(t)"
        }
        return d
    }
}
