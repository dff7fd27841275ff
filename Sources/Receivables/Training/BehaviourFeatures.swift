import SolventModels

/// The profile's payment-behaviour features that segments are fitted on
/// (docs/segments.md): the level of lateness, the regularity of the payment
/// day, disputes, deterioration and arrears — the five behaviours credit
/// managers treat differently. Chosen on generated portfolios against the
/// known segments: adding the spread of days late or the insurer utilisation
/// lowered the agreement with them (adjusted Rand index), so they are left out.
public enum BehaviourFeatures {
    /// The feature columns, in order.
    public static let columns = [
        "pb_12m_days_late_mean",   // how late: amount-weighted mean days late, last 12 months
        "reg_day_concentration",   // pays on a fixed day of the month (0–1)
        "dsp_12m_rate",            // disputes per invoice, last 12 months
        "pb_slope_days_late",      // deterioration: days later per month, all history
        "ar_share_91_plus",        // arrears: share of the open AR 91+ days past due
    ]

    /// Missing values mean "no evidence" for these: no regular day, no
    /// disputes, no drift, nothing in arrears. `pb_12m_days_late_mean` (no
    /// paid invoice in 12 months) gets the training median.
    public static let fills: [String: Double] = [
        "reg_day_concentration": 0, "dsp_12m_rate": 0, "pb_slope_days_late": 0, "ar_share_91_plus": 0,
    ]

    /// The profile column that weighs each customer's share of exposure.
    public static let exposureColumn = "ar_open"
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
