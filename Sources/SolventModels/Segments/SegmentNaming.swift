/// Readable segment names from what a segment's customers do on average,
/// by fixed rules on the profile's behaviour features (docs/segments.md).
///
/// Rules, first match wins, on the segment's mean of each feature (in the
/// feature's own unit, after missing values were filled, before bounds):
/// 1. **at risk** — `ar_share_91_plus` ≥ 0.25: a quarter of the open AR is
///    91+ days past due on average;
/// 2. **disputers** — `dsp_all_rate` (else `dsp_12m_rate`) ≥ 0.15 disputes
///    per invoice;
/// 3. **deteriorating** — `pb_slope_days_late` ≥ 1 day later per month;
/// 4. **fixed-day payers** — `reg_day_concentration` ≥ 0.6 (payments
///    gather on one day of the month);
/// 5. **punctual** — `pb_all_days_late_median` (else
///    `pb_12m_days_late_mean`) ≤ 7 days;
/// 6. **slow but steady** — the same > 7 days.
/// A rule uses the first of its features the model has (the second names
/// are the behaviour features before catalogue 1.2.0, so tables on them keep
/// their names) and is skipped when it has none; a segment no rule matches
/// is "segment N". Names depend only on the centres, never on
/// k-means' cluster numbering, so a refit that finds the same groups gives
/// the same names; two segments with the same name get " 2", " 3" … in
/// order of size.
public enum SegmentNaming {
    /// The behaviours in rule order.
    public static let behaviours = ["at risk", "disputers", "deteriorating", "fixed-day payers", "punctual", "slow but steady"]

    struct Rule: Sendable {
        let behaviour: String
        /// The features the rule can use, preferred first.
        let features: [String]
        let threshold: Double
        let atLeast: Bool
    }

    static let rules: [Rule] = [
        Rule(behaviour: "at risk", features: ["ar_share_91_plus"], threshold: 0.25, atLeast: true),
        Rule(behaviour: "disputers", features: ["dsp_all_rate", "dsp_12m_rate"], threshold: 0.15, atLeast: true),
        Rule(behaviour: "deteriorating", features: ["pb_slope_days_late"], threshold: 1, atLeast: true),
        Rule(behaviour: "fixed-day payers", features: ["reg_day_concentration"], threshold: 0.6, atLeast: true),
        Rule(behaviour: "punctual", features: lateness, threshold: 7, atLeast: false),
        Rule(behaviour: "slow but steady", features: lateness, threshold: 7, atLeast: true),
    ]

    /// How late, preferred first: the all-history median days late, else the 12-month mean.
    static let lateness = ["pb_all_days_late_median", "pb_12m_days_late_mean"]

    /// The behaviour of a segment with these feature means (`features` names them), or nil.
    static func behaviour(means: [Double], features: [String]) -> String? {
        for rule in rules {
            guard let j = rule.features.lazy.compactMap({ features.firstIndex(of: $0) }).first else { continue }
            let v = means[j]
            if rule.atLeast ? v >= rule.threshold : v <= rule.threshold { return rule.behaviour }
        }
        return nil
    }

    /// Orders segments by rule order (unnamed last), then by size (largest
    /// first), and names them. Returns, per new position, the old cluster
    /// index, the name and the behaviour.
    static func order(means: [[Double]], sizes: [Int], features: [String]) -> [(cluster: Int, name: String, behaviour: String?)] {
        let behaviours = means.map { behaviour(means: $0, features: features) }
        let order = means.indices.sorted { a, b in
            let ra = behaviours[a].flatMap { Self.behaviours.firstIndex(of: $0) } ?? Self.behaviours.count
            let rb = behaviours[b].flatMap { Self.behaviours.firstIndex(of: $0) } ?? Self.behaviours.count
            if ra != rb { return ra < rb }
            if sizes[a] != sizes[b] { return sizes[a] > sizes[b] }
            return a < b
        }
        var seen: [String: Int] = [:]
        var out: [(cluster: Int, name: String, behaviour: String?)] = []
        for (position, cluster) in order.enumerated() {
            guard let b = behaviours[cluster] else {
                out.append((cluster, "segment \(position + 1)", nil))
                continue
            }
            seen[b, default: 0] += 1
            out.append((cluster, seen[b] == 1 ? b : "\(b) \(seen[b] ?? 0)", b))
        }
        return out
    }
}
