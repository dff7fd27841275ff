/// The features a default model refuses unless the analyst allows them by
/// name: attributes that anti-discrimination law (EU Charter art. 21, the
/// US Equal Credit Opportunity Act, the UK Equality Act) bars from credit
/// decisions, and their usual proxies.
///
/// A column is protected when one of the words of its name — split at any
/// character that is not a letter or digit, compared without case — starts
/// with a denied stem: `gender`, `sex`, `ethnic`, `race`, `racial`,
/// `religion`, `religious`, `nationality`, `citizenship`, `marital`,
/// `foreign` (e.g. `personal.status.and.sex` and `foreign.worker` in the
/// German credit data). `solvent train pd --allow-feature NAME` lifts it for
/// one column, and the model card lists every feature allowed that way.
public enum ProtectedAttributes {
    public static let deniedStems = ["gender", "sex", "ethnic", "race", "racial", "religion", "religious",
                                     "nationality", "citizenship", "marital", "foreign"]

    /// The denied stem a column name matches, or nil.
    public static func match(_ column: String) -> String? {
        let words = column.lowercased().split { !($0.isLetter || $0.isNumber) }
        for word in words {
            if let stem = deniedStems.first(where: { word.hasPrefix($0) }) {
                // `sex` must be the word itself or its start (`sexe`), not `sextant`-like words; `race` not `racetrack`.
                if (stem == "sex" || stem == "race") && word.count > stem.count + 1 { continue }
                return stem
            }
        }
        return nil
    }

    /// Refuses protected features that are not explicitly allowed.
    public static func check(features: [String], allowed: Set<String>) throws(ModelError) {
        let refused = features.filter { match($0) != nil && !allowed.contains($0) }
        guard refused.isEmpty else {
            let detail = refused.map { "\($0) (\(match($0) ?? ""))" }.joined(separator: ", ")
            throw .invalidArgument("protected attribute\(refused.count == 1 ? "" : "s") in the features: \(detail); "
                + "exclude \(refused.count == 1 ? "it" : "them") with --exclude, or, if the law and your policy allow it, "
                + "pass --allow-feature NAME (the model card will say so)")
        }
    }
}
