extension FeatureBinning {
    /// The structure every binning must have, so that each value has exactly
    /// one bin: numeric — contiguous intervals from −∞ to +∞, then increasing
    /// finite special codes; categorical — level bins, at most one `other`,
    /// each level in one bin, and an unseen-level bin that is not `missing`;
    /// both — finite non-negative counts, finite WoE/IV, one `missing` bin, last.
    static func check(feature: String, kind: Kind, bins: [WoEBin],
                      unseenLevelBin: Int?) throws(ModelError) {
        func fail(_ why: String) -> ModelError {
            .invalidArgument("binning of '\(feature)': \(why)")
        }
        guard !feature.isEmpty else { throw .invalidArgument("binning: the feature name is empty") }
        guard let last = bins.last, last.rule == .missing,
              bins.filter({ $0.rule == .missing }).count == 1 else {
            throw fail("needs exactly one missing bin, as the last bin")
        }
        for (i, b) in bins.enumerated() {
            let numbers = [b.goods, b.bads, b.share, b.woe, b.ivContribution]
            guard numbers.allSatisfy(\.isFinite), b.goods >= 0, b.bads >= 0 else {
                throw fail("bin \(i) (\(b.label)) has a negative or non-finite count, share, WoE or IV")
            }
        }
        let body = bins.dropLast()
        switch kind {
        case .numeric:
            guard unseenLevelBin == nil else { throw fail("a numeric binning has no unseen-level bin") }
            try checkNumeric(body, fail)
        case .categorical:
            try checkCategorical(body, unseenLevelBin: unseenLevelBin, fail)
        }
    }

    private static func checkNumeric(_ body: ArraySlice<WoEBin>,
                                     _ fail: (String) -> ModelError) throws(ModelError) {
        var lowers: [Double] = [], uppers: [Double] = [], specials: [Double] = []
        for b in body {
            switch b.rule {
            case .interval(let lower, let upper):
                guard specials.isEmpty else { throw fail("interval \(b.label) after a special bin") }
                guard lower < upper else { throw fail("interval \(b.label) is empty") }
                lowers.append(lower)
                uppers.append(upper)
            case .special(let v):
                guard v.isFinite, specials.last.map({ $0 < v }) ?? true else {
                    throw fail("special codes must be finite and increasing (\(b.label))")
                }
                specials.append(v)
            default:
                throw fail("a numeric binning cannot hold the bin \(b.label)")
            }
        }
        guard lowers.first == -.infinity, uppers.last == .infinity,
              zip(uppers.dropLast(), lowers.dropFirst()).allSatisfy({ $0 == $1 }) else {
            throw fail("the intervals must run contiguously from -inf to +inf")
        }
    }

    private static func checkCategorical(_ body: ArraySlice<WoEBin>, unseenLevelBin: Int?,
                                         _ fail: (String) -> ModelError) throws(ModelError) {
        var seen = Set<String>()
        var others = 0
        for b in body {
            let levels: [String]
            switch b.rule {
            case .levels(let l):
                guard !l.isEmpty else { throw fail("a level bin without levels") }
                levels = l
            case .other(let l):
                others += 1
                levels = l
            default:
                throw fail("a categorical binning cannot hold the bin \(b.label)")
            }
            for l in levels {
                guard seen.insert(l).inserted else { throw fail("level '\(l)' is in two bins") }
            }
        }
        guard others <= 1 else { throw fail("more than one other bin") }
        guard let u = unseenLevelBin, u >= 0, u < body.count else {
            throw fail("the unseen-level bin must be one of the level bins (0..<\(body.count)), got \(unseenLevelBin.map(String.init) ?? "none")")
        }
    }
}

extension FeatureBinning: Codable {
    private enum Keys: String, CodingKey {
        case feature, kind, informationValue, trend, unseenLevelBin, bins, convention
    }

    /// Decodes and checks the structure (`informationValue` is recomputed from the bins).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        try self.init(feature: try c.decode(String.self, forKey: .feature),
                      kind: try c.decode(Kind.self, forKey: .kind),
                      bins: try c.decode([WoEBin].self, forKey: .bins),
                      trend: try c.decodeIfPresent(Trend.self, forKey: .trend),
                      unseenLevelBin: try c.decodeIfPresent(Int.self, forKey: .unseenLevelBin))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(feature, forKey: .feature)
        try c.encode(kind, forKey: .kind)
        try c.encode(conventionNote, forKey: .convention)
        try c.encode(informationValue, forKey: .informationValue)
        try c.encodeIfPresent(trend, forKey: .trend)
        try c.encodeIfPresent(unseenLevelBin, forKey: .unseenLevelBin)
        try c.encode(bins, forKey: .bins)
    }
}
