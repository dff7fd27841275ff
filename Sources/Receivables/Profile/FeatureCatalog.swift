/// Every column of the customer profile, in order: the one place that says
/// what a feature is (`solvent profile --describe` prints it; docs/profile.md
/// is generated from it and a test keeps the two in sync).
///
/// Conventions for all features (DESIGN.md): only records dated on or before
/// the as-of date count (invoices by issue date, payments by paid-on, ratings
/// by rated-on, limits by valid-from, disputes by opened-on, orders by
/// ordered-on); days are calendar-day differences; amounts are exact cents
/// until they become a feature, then units of the reporting currency.
/// Payment-behaviour statistics use positive invoices only: credit notes
/// (negative amounts) and zero invoices are left out. An invoice is paid on the
/// date its payments (on or before the as-of date) first cover its amount; its
/// days late = that date − due date. "Amount-weighted" weighs each paid
/// invoice by its amount.
public enum FeatureCatalog {
    /// Bumped when a feature is added, removed, renamed or redefined; stored with every snapshot.
    public static let version = "1.2.0"

    /// The catalogue, in column order.
    public static let specs: [FeatureSpec] = Feature.allCases.map(\.spec)

    /// Column names in order.
    public static let names: [String] = specs.map(\.name)

    /// The position of a column, or nil.
    public static func index(of name: String) -> Int? { indexByName[name] }

    private static let indexByName: [String: Int] = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
}

/// The profile's columns; the declaration order is the column order.
enum Feature: Int, CaseIterable, Sendable {
    case country, sector, sizeClass, region, category, paymentTerms, tenure, paymentTermsMissing, tenureMissing
    case pb12Paid, pb12Amount, pb12Mean, pb12Median, pb12Std, pb12Late0, pb12Late30, pb12Late60, pb12ToPay, pb12Partial, pb12Missing
    case pbAllPaid, pbAllAmount, pbAllMean, pbAllMedian, pbAllStd, pbAllLate0, pbAllLate30, pbAllLate60, pbAllToPay, pbAllPartial, pbAllMissing
    case pbTrend, pbTrendMissing, pbSlope, pbSlopeMissing
    case regPaymentDays, regConcentration, regModalDay, regModalShare, regBatchShare, regMissing
    case arOpen, arOverdue, arOpenInvoices, arPartiallyPaid, arOldestDaysPastDue, arCreditNotes
    case arShareCurrent, arShare1to30, arShare31to60, arShare61to90, arShare91plus, arAgingMissing
    case dsp12Count, dsp12Rate, dspRateMissing, dspOpen, dspAllRate
    case dsp12WrongAddress, dsp12MissingPO, dsp12Price, dsp12Quality, dsp12Quantity, dsp12Other
    case ord12Count, ord12Refused, ord12Blocked, ord12RefusedBlockedShare, ordMissing
    case extAgencies, extScore, extRatingAge, extScoreMissing, extScoreChange, extDowngrade, extChangeMissing
    case extRecommendedLimit, extRecommendedLimitMissing
    case insLimit, insLimitWithdrawn, insLimitMissing, insUtilisation, insUtilisationMissing, insLimitChange, insChangeMissing
    case crmPipeline, crmOpportunities

    var isCategorical: Bool { self.rawValue <= Feature.category.rawValue }

    var spec: FeatureSpec {
        let y = FeatureWindow.last12Months, all = FeatureWindow.allHistory, now = FeatureWindow.atAsOf
        switch self {
        case .country: return cat("cust_country", "Country code of the customer (customers.csv).")
        case .sector: return cat("cust_sector", "Sector of the customer.")
        case .sizeClass: return cat("cust_size_class", "Size class (micro, small, medium, large).")
        case .region: return cat("cust_region", "Region within the country.")
        case .category: return cat("cust_category", "Commercial category (key account, standard, small business).")
        case .paymentTerms: return num("cust_payment_terms_days", "days", now, "cust_payment_terms_missing", "Agreed payment terms.")
        case .tenure: return num("cust_tenure_days", "days", now, "cust_tenure_missing", "As-of date − created_on.")
        case .paymentTermsMissing: return ind("cust_payment_terms_missing", "1 when the customer has no payment terms.")
        case .tenureMissing: return ind("cust_tenure_missing", "1 when the customer has no created_on date.")
        case .pb12Paid, .pb12Amount, .pb12Mean, .pb12Median, .pb12Std, .pb12Late0, .pb12Late30, .pb12Late60,
             .pb12ToPay, .pb12Partial, .pb12Missing:
            return paymentSpec(offset: rawValue - Feature.pb12Paid.rawValue, prefix: "pb_12m", window: y,
                               scope: "paid invoices settled in the last 12 months")
        case .pbAllPaid, .pbAllAmount, .pbAllMean, .pbAllMedian, .pbAllStd, .pbAllLate0, .pbAllLate30, .pbAllLate60,
             .pbAllToPay, .pbAllPartial, .pbAllMissing:
            return paymentSpec(offset: rawValue - Feature.pbAllPaid.rawValue, prefix: "pb_all", window: all,
                               scope: "paid invoices settled on or before the as-of date")
        case .pbTrend:
            return num("pb_trend_days_late", "days", FeatureWindow.trend, "pb_trend_missing",
                       "Amount-weighted mean days late of invoices settled in the last 3 months − that of invoices settled in the 9 months before (positive = paying later).")
        case .pbTrendMissing: return ind("pb_trend_missing", "1 when either period has no paid invoice.", FeatureWindow.trend)
        case .pbSlope:
            return num("pb_slope_days_late", "days per month", all, "pb_slope_missing",
                       "Amount-weighted least-squares slope of days late against the settlement date, per month of 30.4375 days (positive = paying later month after month).")
        case .pbSlopeMissing:
            return ind("pb_slope_missing", "1 when fewer than \(PaymentBehaviourFeatures.slopeMinimumInvoices) paid invoices or their settlement dates span less than \(PaymentBehaviourFeatures.slopeMinimumSpanDays) days.", all)
        case .regPaymentDays:
            return num("reg_payment_days", "count", y, nil,
                       "Distinct dates on which the customer made a payment (positive payments on positive invoices).")
        case .regConcentration:
            return num("reg_day_concentration", "share", y, "reg_missing",
                       "Mean resultant length R of the payment dates' day of month as angles 2π·(day − 1)/days-in-month: 1 = always the same day, near 0 = spread out.")
        case .regModalDay: return num("reg_modal_day", "day of month", y, "reg_missing", "Most frequent day of month among the payment dates (ties: the earliest day).")
        case .regModalShare: return num("reg_modal_day_share", "share", y, "reg_missing", "Share of the payment dates on the modal day.")
        case .regBatchShare:
            return num("reg_batch_share", "share", y, "reg_missing",
                       "Share of the customer's payments made on a date with 3 or more of its payments (pays in batches).")
        case .regMissing: return ind("reg_missing", "1 when there are fewer than 3 payment dates in the last 12 months.", y)
        case .arOpen:
            return num("ar_open", "currency", now, nil,
                       "Open AR: Σ (amount − payments on or before as-of) over invoices issued on or before as-of, credit notes included (they reduce it).")
        case .arOverdue: return num("ar_overdue", "currency", now, nil, "Open amount of positive invoices past due (due date < as-of).")
        case .arOpenInvoices: return num("ar_open_invoices", "count", now, nil, "Positive invoices with an open amount.")
        case .arPartiallyPaid: return num("ar_partially_paid_invoices", "count", now, nil, "Open positive invoices that have received part of their amount.")
        case .arOldestDaysPastDue:
            return num("ar_oldest_days_past_due", "days", now, nil, "As-of − due date of the oldest open past-due invoice; 0 when nothing is past due.")
        case .arCreditNotes: return num("ar_open_credit_notes", "currency", now, nil, "Open (unapplied) amount of credit notes, ≤ 0.")
        case .arShareCurrent: return aging("ar_share_current", "not yet due (days past due ≤ 0)")
        case .arShare1to30: return aging("ar_share_1_30", "1–30 days past due")
        case .arShare31to60: return aging("ar_share_31_60", "31–60 days past due")
        case .arShare61to90: return aging("ar_share_61_90", "61–90 days past due")
        case .arShare91plus: return aging("ar_share_91_plus", "91 or more days past due")
        case .arAgingMissing: return ind("ar_aging_missing", "1 when no positive invoice is open (aging shares undefined).", now)
        case .dsp12Count: return num("dsp_12m_count", "count", y, nil, "Disputes opened on the customer's invoices.")
        case .dsp12Rate:
            return num("dsp_12m_rate", "share", y, "dsp_rate_missing", "Disputes opened ÷ positive invoices issued in the same 12 months.")
        case .dspRateMissing: return ind("dsp_rate_missing", "1 when no positive invoice was issued in the last 12 months.", y)
        case .dspOpen: return num("dsp_open", "count", now, nil, "Disputes opened on or before as-of and not resolved by it.")
        case .dspAllRate:
            return num("dsp_all_rate", "share", all, nil,
                       "Disputes opened ÷ positive invoices issued, on or before as-of; 0 when no positive invoice was issued.")
        case .dsp12WrongAddress: return reason("dsp_12m_wrong_address", "wrong address")
        case .dsp12MissingPO: return reason("dsp_12m_missing_po", "missing PO")
        case .dsp12Price: return reason("dsp_12m_price", "price")
        case .dsp12Quality: return reason("dsp_12m_quality", "quality")
        case .dsp12Quantity: return reason("dsp_12m_quantity", "quantity")
        case .dsp12Other: return reason("dsp_12m_other", "any other or no reason")
        case .ord12Count: return num("ord_12m_count", "count", y, nil, "Orders placed.")
        case .ord12Refused: return num("ord_12m_refused", "count", y, nil, "Orders with status refused.")
        case .ord12Blocked: return num("ord_12m_blocked", "count", y, nil, "Orders with status blocked (credit hold).")
        case .ord12RefusedBlockedShare:
            return num("ord_12m_refused_blocked_share", "share", y, "ord_missing", "(Refused + blocked) ÷ orders.")
        case .ordMissing: return ind("ord_missing", "1 when no order was placed in the last 12 months.", y)
        case .extAgencies: return num("ext_agencies", "count", all, nil, "Agencies with a rating on or before as-of.")
        case .extScore:
            return num("ext_score_norm", "score", now, "ext_score_missing",
                       "Mean over agencies of each one's latest score normalised across its scale: (score − scale_min) ÷ (scale_max − scale_min), clamped to 0–1; higher = safer.")
        case .extRatingAge: return num("ext_rating_age_days", "days", now, "ext_score_missing", "As-of − date of the most recent usable rating.")
        case .extScoreMissing: return ind("ext_score_missing", "1 when no agency has a usable (scored, with a valid scale) rating on or before as-of.", now)
        case .extScoreChange:
            return num("ext_score_change_12m", "score", FeatureWindow.change12Months, "ext_change_missing",
                       "Mean over agencies rated at both dates of (latest normalised score − latest on or before as-of − 12 months).")
        case .extDowngrade:
            return num("ext_downgrade", "flag", FeatureWindow.change12Months, "ext_change_missing",
                       "1 when ext_score_change_12m < −0.1, or an agency's rating label changed with a lower score (a rating downgrade); else 0.")
        case .extChangeMissing: return ind("ext_change_missing", "1 when no agency has usable ratings at both dates.", FeatureWindow.change12Months)
        case .extRecommendedLimit:
            return num("ext_recommended_limit", "currency", now, "ext_recommended_limit_missing",
                       "Recommended limit of the most recent rating (ties: the agency last by name).")
        case .extRecommendedLimitMissing:
            return ind("ext_recommended_limit_missing", "1 when there is no rating or the latest has no recommended limit (an agency's worst band).", now)
        case .insLimit:
            return num("ins_limit", "currency", now, "ins_limit_missing",
                       "Insurer limit valid at as-of: per insurer the row with the latest valid_from ≤ as-of, if its valid_to is empty or ≥ as-of; summed over insurers.")
        case .insLimitWithdrawn: return num("ins_limit_withdrawn", "flag", now, "ins_limit_missing", "1 when the valid limit is 0 (withdrawn).")
        case .insLimitMissing: return ind("ins_limit_missing", "1 when no insurer limit is valid at as-of.", now)
        case .insUtilisation: return num("ins_utilisation", "share", now, "ins_utilisation_missing", "ar_open ÷ ins_limit (can exceed 1).")
        case .insUtilisationMissing: return ind("ins_utilisation_missing", "1 when there is no valid limit or it is 0.", now)
        case .insLimitChange:
            return num("ins_limit_change_12m", "share", FeatureWindow.change12Months, "ins_change_missing",
                       "(limit at as-of − limit at as-of − 12 months) ÷ the earlier limit.")
        case .insChangeMissing: return ind("ins_change_missing", "1 when either limit is missing or the earlier one is 0.", FeatureWindow.change12Months)
        case .crmPipeline:
            return num("crm_open_pipeline", "currency", now, nil,
                       "Σ expected amount of opportunities whose expected close lies after as-of (open at as-of). Stage is ignored: it is today's state, undated, and would leak the outcome.")
        case .crmOpportunities: return num("crm_open_opportunities", "count", now, nil, "Opportunities whose expected close lies after as-of.")
        }
    }

    private func paymentSpec(offset: Int, prefix: String, window: String, scope: String) -> FeatureSpec {
        let m = "\(prefix)_missing"
        switch offset {
        case 0: return num("\(prefix)_paid_invoices", "count", window, nil, "Positive invoices among the \(scope).")
        case 1: return num("\(prefix)_paid_amount", "currency", window, nil, "Σ amount of the \(scope).")
        case 2: return num("\(prefix)_days_late_mean", "days", window, m, "Amount-weighted mean days late of the \(scope).")
        case 3:
            return num("\(prefix)_days_late_median", "days", window, m,
                       "Amount-weighted median days late: the smallest days late at which the cumulative amount reaches half the total.")
        case 4: return num("\(prefix)_days_late_std", "days", window, m, "Amount-weighted standard deviation (population, ÷ Σ weights) of days late.")
        case 5: return num("\(prefix)_share_late_0", "share", window, m, "Share (by count) of the \(scope) paid more than 0 days late.")
        case 6: return num("\(prefix)_share_late_30", "share", window, m, "Share (by count) paid more than 30 days late.")
        case 7: return num("\(prefix)_share_late_60", "share", window, m, "Share (by count) paid more than 60 days late.")
        case 8: return num("\(prefix)_days_to_pay_mean", "days", window, m, "Amount-weighted mean days to pay = settlement date − issue date.")
        case 9: return num("\(prefix)_partial_share", "share", window, m, "Share (by count) of the \(scope) settled by two or more payments.")
        default: return ind(m, "1 when there is no paid invoice in the window (the \(prefix) statistics are undefined).", window)
        }
    }

    private func aging(_ name: String, _ bucket: String) -> FeatureSpec {
        num(name, "share", FeatureWindow.atAsOf, "ar_aging_missing",
            "Share of the open amount of positive invoices that is \(bucket) (credit notes not netted).")
    }

    private func reason(_ name: String, _ reason: String) -> FeatureSpec {
        num(name, "count", FeatureWindow.last12Months, nil, "Disputes opened with reason \(reason).")
    }

    private func num(_ name: String, _ unit: String, _ window: String, _ missing: String?, _ meaning: String) -> FeatureSpec {
        FeatureSpec(name: name, meaning: meaning, unit: unit, window: window, kind: .numeric, missingIndicator: missing)
    }

    private func ind(_ name: String, _ meaning: String, _ window: String = FeatureWindow.atAsOf) -> FeatureSpec {
        FeatureSpec(name: name, meaning: meaning, unit: "flag", window: window, kind: .indicator)
    }

    private func cat(_ name: String, _ meaning: String) -> FeatureSpec {
        FeatureSpec(name: name, meaning: meaning + " Missing: empty (CSV) or null (JSON).", unit: "text",
                    window: FeatureWindow.atAsOf, kind: .categorical)
    }
}
