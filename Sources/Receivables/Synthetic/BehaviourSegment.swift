/// The latent payment-behaviour segments of the synthetic portfolio.
///
/// Each customer belongs to one segment; the segment drives how its invoices
/// are paid and disputed (PaymentModel). Segments are latent: they appear only
/// in `truth.csv`, so a segmentation model can be judged against them.
/// docs/generator.md lists the parameters and the resulting proportions.
public enum BehaviourSegment: Int, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Pays around the due date: days late uniform in −2…+3, 4 % small slips.
    case punctual
    /// Pays in a monthly pay run on a fixed day of the month (10th, 15th, 20th,
    /// 25th or 28th) of the month after the due date.
    case fixedDay
    /// Pays steadily late: a personal mean delay of 20…40 days, sd 3.
    case slowSteady
    /// Disputes 25–40 % of invoices; disputed invoices wait for the resolution.
    case chronicDisputer
    /// Delays grow over the history: 0…8 days at first, +1.5…3.5 days a month.
    case deteriorating
    /// Pays like its base behaviour, delays grow in the last months, then stops
    /// paying: its last invoices stay unpaid 90+ days past due.
    case defaulter

    /// The name used in `truth.csv`.
    public var description: String {
        switch self {
        case .punctual: return "punctual"
        case .fixedDay: return "fixed_day"
        case .slowSteady: return "slow_steady"
        case .chronicDisputer: return "chronic_disputer"
        case .deteriorating: return "deteriorating"
        case .defaulter: return "defaulter"
        }
    }

    /// The behaviours a customer is drawn from before the default draw (all but `.defaulter`).
    static let baseSegments: [BehaviourSegment] = [.punctual, .fixedDay, .slowSteady, .chronicDisputer, .deteriorating]

    /// Base weight of each base segment at latent risk 0.
    var baseWeight: Double {
        switch self {
        case .punctual: return 0.38
        case .fixedDay: return 0.17
        case .slowSteady: return 0.21
        case .chronicDisputer: return 0.12
        case .deteriorating: return 0.12
        case .defaulter: return 0
        }
    }

    /// Tilt of the weight with latent risk η: weight = base · exp(tilt · η),
    /// so risky customers lean towards slow, disputing and deteriorating behaviour.
    var riskTilt: Double {
        switch self {
        case .punctual: return -0.6
        case .fixedDay: return -0.2
        case .slowSteady: return 0.3
        case .chronicDisputer: return 0.4
        case .deteriorating: return 0.7
        case .defaulter: return 0
        }
    }

    /// Added to the default log-odds: behaviour is part of what a model can learn from.
    var defaultLogOddsEffect: Double {
        switch self {
        case .punctual: return -0.7
        case .fixedDay: return -0.4
        case .slowSteady: return 0.3
        case .chronicDisputer: return 0.4
        case .deteriorating: return 1.1
        case .defaulter: return 0
        }
    }

    /// Probability that an invoice is disputed for a reason other than a missing PO.
    var disputeProbability: Double {
        switch self {
        case .punctual: return 0.008
        case .fixedDay: return 0.012
        case .slowSteady: return 0.02
        case .chronicDisputer: return 0.0   // drawn per customer: 0.25…0.40
        case .deteriorating: return 0.03
        case .defaulter: return 0.03
        }
    }

    /// Probability that an invoice is paid in instalments.
    var partialPaymentProbability: Double {
        switch self {
        case .punctual: return 0.02
        case .fixedDay: return 0.03
        case .slowSteady: return 0.08
        case .chronicDisputer: return 0.10
        case .deteriorating: return 0.10
        case .defaulter: return 0.12
        }
    }
}
