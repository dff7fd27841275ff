import SolventModels

/// The profile's payment-behaviour features that segments are fitted on
/// (docs/segments.md): the level of lateness, the regularity of the payment
/// day, disputes, deterioration and arrears — the behaviours credit managers
/// treat differently — and how they are transformed before z-scaling.
///
/// Chosen on generated portfolios against the known segments (adjusted Rand
/// index, Benchmarks/segments/explore.py): the median days late over all
/// history is steadier than the 12-month mean (disputed invoices wait for
/// their resolution and pull a mean up), the dispute rate over all history
/// steadier than over 12 months, and the modal-day share adds to the day
/// concentration for pay-run payers. The spread of days late, the insurer
/// utilisation, the 3-month trend and 12-month-minus-all drift lowered the
/// agreement, so they are left out.
public enum BehaviourFeatures {
    /// The feature columns, in order.
    public static let columns = [
        "pb_all_days_late_median", // how late: amount-weighted median days late, all history (log)
        "reg_day_concentration",   // pays on a fixed day of the month (0–1)
        "reg_modal_day_share",     // share of payment dates on the most frequent day of month
        "dsp_all_rate",            // disputes per invoice, all history (clamped to 0…0.4)
        "pb_slope_days_late",      // deterioration: days later per month, all history (clamped to −1…3)
        "ar_share_91_plus",        // arrears: share of the open AR 91+ days past due
    ]

    /// Missing values mean "no evidence" for these: no regular day, no
    /// disputes, no drift, nothing in arrears. `pb_all_days_late_median` (no
    /// paid invoice yet) gets the training median.
    public static let fills: [String: Double] = [
        "reg_day_concentration": 0, "reg_modal_day_share": 0, "dsp_all_rate": 0, "pb_slope_days_late": 0,
        "ar_share_91_plus": 0,
    ]

    /// Days late are log-transformed, sign(x)·ln(1 + |x|): a day matters more
    /// between punctual (segment median ≈ 1) and disputing (≈ 14) payers than
    /// between slow (≈ 31) and deteriorating (≈ 36) ones, who differ by their slope.
    public static let logColumns = ["pb_all_days_late_median"]

    /// Bounds before scaling. A slope from a handful of invoices can be ±10
    /// days a month: unclamped, such values set the slope's standard deviation
    /// and squeeze the gap between steady (≈ 0) and deteriorating (1.5–3.5)
    /// payers. Dispute rates above 0.4 are disputers all the same.
    public static let clamp: [String: FeatureScaling.Bounds] = [
        "pb_slope_days_late": .init(lower: -1, upper: 3),
        "dsp_all_rate": .init(lower: 0, upper: 0.4),
    ]

    /// The profile column that weighs each customer's share of exposure.
    public static let exposureColumn = "ar_open"

    /// `settings` for the behaviour features: their fills, log columns (added
    /// to any given) and bounds.
    public static func configure(_ settings: inout SegmentSettings) {
        settings.fills = fills
        settings.logColumns = settings.logColumns + logColumns.filter { !settings.logColumns.contains($0) }
        settings.clamp = clamp
    }
}

extension ProfileTable {
    /// `customer_id` and the behaviour features, and each customer's open AR.
    public func behaviourTable() throws(ModelError) -> (table: DataTable, exposure: [Double]) {
        let table = try dataTable()
        let exposure = try table.numeric(BehaviourFeatures.exposureColumn)
        return (try table.selecting(columns: ["customer_id"] + BehaviourFeatures.columns),
                (0..<exposure.count).map { exposure[$0] ?? 0 })
    }
}
