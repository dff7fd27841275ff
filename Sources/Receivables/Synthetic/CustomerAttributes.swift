// The observable attributes of a synthetic customer and their parameters:
// shares, risk effects on the default log-odds, invoice volumes.

/// Company size class, as a credit department codes it.
enum SizeClass: Int, Sendable, Hashable, CaseIterable {
    case micro, small, medium, large

    var code: StaticString {
        switch self {
        case .micro: return "micro"
        case .small: return "small"
        case .medium: return "medium"
        case .large: return "large"
        }
    }
    static let weights: [Double] = [0.35, 0.35, 0.22, 0.08]
    /// Effect on the latent default log-odds η.
    var riskEffect: Double { [0.5, 0.2, -0.2, -0.6][rawValue] }
    /// Mean invoices per month.
    var invoicesPerMonth: Double { [1.0, 2.0, 4.5, 10.0][rawValue] }
    /// Median invoice amount in EUR.
    var typicalTicket: Double { [700, 2_200, 7_500, 25_000][rawValue] }
    /// Weights of payment terms 14, 30 and 60 days.
    var termWeights: [Double] {
        [[0.35, 0.55, 0.10], [0.20, 0.60, 0.20], [0.10, 0.55, 0.35], [0.05, 0.45, 0.50]][rawValue]
    }
    /// Probability that the customer requires a purchase-order number on invoices.
    var purchaseOrderShare: Double { [0.10, 0.30, 0.60, 0.85][rawValue] }
    /// Probability that the customer's risk is insured with a credit insurer.
    var insuredShare: Double { [0.40, 0.60, 0.75, 0.85][rawValue] }
    /// Mean CRM opportunities per year.
    var opportunitiesPerYear: Double { [0.3, 0.6, 1.2, 2.5][rawValue] }
    /// Agency recommended limit at a neutral score, in EUR.
    var baseRecommendedLimit: Double { [15_000, 60_000, 250_000, 1_000_000][rawValue] }
}

/// Business sector, with its risk effect and the month its sales peak.
enum Sector: Int, Sendable, Hashable, CaseIterable {
    case manufacturing, wholesale, retail, construction, transport, hospitality, itServices, healthcare, agriculture, publicSector

    var name: String {
        ["Manufacturing", "Wholesale", "Retail", "Construction", "Transport and logistics", "Hospitality",
         "IT services", "Healthcare", "Agriculture", "Public sector"][rawValue]
    }
    static let weights: [Double] = [0.18, 0.16, 0.12, 0.12, 0.09, 0.06, 0.09, 0.07, 0.05, 0.06]
    var riskEffect: Double { [0.0, 0.1, 0.3, 0.6, 0.3, 0.5, -0.1, -0.4, 0.2, -1.0][rawValue] }
    /// Month (1…12) of the seasonal sales peak.
    var peakMonth: Int { [3, 10, 11, 6, 10, 7, 3, 1, 9, 12][rawValue] }
    /// Seasonal amplitude of the invoice rate (multiplier 1 ± amplitude).
    var seasonAmplitude: Double { [0.10, 0.15, 0.30, 0.25, 0.12, 0.35, 0.08, 0.05, 0.35, 0.20][rawValue] }
}

/// Country, with its regions and the legal suffixes of its company names.
enum Country: Int, Sendable, Hashable, CaseIterable {
    case netherlands, belgium, germany, france, unitedKingdom

    var code: StaticString { ["NL", "BE", "DE", "FR", "GB"][rawValue] }
    static let weights: [Double] = [0.40, 0.15, 0.20, 0.15, 0.10]
    var regions: [String] {
        switch self {
        case .netherlands: return ["Noord-Holland", "Zuid-Holland", "Utrecht", "Noord-Brabant", "Gelderland", "Groningen"]
        case .belgium: return ["Vlaanderen", "Wallonie", "Bruxelles"]
        case .germany: return ["Bayern", "Nordrhein-Westfalen", "Hessen", "Berlin", "Baden-Württemberg"]
        case .france: return ["Île-de-France", "Auvergne-Rhône-Alpes", "Hauts-de-France", "Occitanie"]
        case .unitedKingdom: return ["London", "North West", "Scotland", "Midlands"]
        }
    }
    var legalSuffixes: [String] {
        switch self {
        case .netherlands: return ["B.V.", "B.V.", "N.V.", "V.O.F."]
        case .belgium: return ["BV", "NV", "SRL"]
        case .germany: return ["GmbH", "GmbH", "AG", "KG"]
        case .france: return ["SARL", "SAS", "SA"]
        case .unitedKingdom: return ["Ltd", "Ltd", "PLC", "LLP"]
        }
    }
    /// Probability of coverage by each rating agency (RatingAgency order).
    var agencyCoverage: [Double] {
        switch self {
        case .netherlands: return [0.70, 0.85, 0.30]
        case .belgium: return [0.70, 0.80, 0.30]
        case .germany: return [0.80, 0.35, 0.45]
        case .france: return [0.80, 0.25, 0.45]
        case .unitedKingdom: return [0.80, 0.25, 0.90]
        }
    }
}

/// Customer category codes of the ERP's customer master.
enum CustomerCategory: Int, Sendable, Hashable {
    case keyAccount, standard, smallBusiness
    var code: StaticString { ["key account", "standard", "small business"][rawValue] }
}
