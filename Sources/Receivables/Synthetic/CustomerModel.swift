import Foundation
import SolventNumerics

/// A synthetic customer: its observable master data, its latent risk and
/// behaviour, and whether and when it defaults.
struct CustomerProfile: Sendable {
    let index: Int
    var name = ""
    var country = Country.netherlands
    var region = ""
    var sector = Sector.manufacturing
    var size = SizeClass.small
    var category = CustomerCategory.standard
    var termsDays = 30
    var createdOn = CalendarDate(dayNumber: 0)
    /// First day it can be invoiced inside the history: max(start, created_on).
    var activeFrom = CalendarDate(dayNumber: 0)
    /// η: sector + size + young-company effects + idiosyncratic noise.
    var latentRisk = 0.0
    /// What the rating agencies see of η (η plus their own error).
    var agencyView = 0.0
    /// The true 12-month probability of default.
    var pd12 = 0.0
    /// The behaviour the customer pays with (before stopping, for defaulters).
    var baseSegment = BehaviourSegment.punctual
    /// The latent segment of truth.csv: the base segment, or `.defaulter`.
    var segment = BehaviourSegment.punctual
    /// Defaulters only: the day after which no payment arrives.
    var stopPayingOn: CalendarDate?
    /// Defaulters only: the day its first unpaid invoice reached 90 days past due.
    var defaultDate: CalendarDate?

    var meanDelay = 0.0
    var delaySlope = 0.0
    var payDay = 25
    var disputeRate = 0.0
    var requiresPurchaseOrder = false
    var preferredChannel = InvoiceChannel.electronic
    var invoicesPerMonth = 1.0
    var ticket = 1000.0
    var annualGrowth = 0.0
    /// Index into `CreditInsurers.names`, nil when not insured.
    var insurer: Int?
    /// Insured limit as a multiple of the customer's expected exposure.
    var limitFactor = 1.0
}

/// Draws customer profiles. docs/generator.md, "Customers and latent risk".
///
/// Default model: the true 12-month PD is
/// `logistic(α + η + segment effect + ε)`, `ε ~ N(0, 0.5²)` unobserved, with
/// η = sector effect + size effect + 0.35·young + `N(0, 0.8²)`. The agencies
/// see η with error `N(0, 0.7²)`, behaviour reveals the segment effect, and the
/// insurer limit (hence utilisation) tightens with the agencies' view: a good
/// model recovers most of the PD from observables, never all of it.
/// The chance of a default inside the history is `1 − (1 − PD)^(months/12)`.
struct CustomerModel: Sendable {
    let start: CalendarDate
    let end: CalendarDate
    let months: Int

    /// α, calibrated so that about 4 % of customers default in a 24-month history.
    static let defaultIntercept = -5.0

    init(settings: PortfolioSettings) {
        start = settings.start
        end = settings.end
        months = settings.months
    }

    func draw(index: Int, rng: inout Xoshiro256StarStar) -> CustomerProfile {
        var c = CustomerProfile(index: index)
        drawMasterData(&c, rng: &rng)
        drawRiskAndSegment(&c, rng: &rng)
        drawBehaviour(&c, rng: &rng)
        drawCommercials(&c, rng: &rng)
        return c
    }

    private func drawMasterData(_ c: inout CustomerProfile, rng: inout Xoshiro256StarStar) {
        c.country = Country(rawValue: rng.categorical(Country.weights)) ?? .netherlands
        let regions = c.country.regions
        c.region = regions[rng.integer(in: 0...(regions.count - 1))]
        c.sector = Sector(rawValue: rng.categorical(Sector.weights)) ?? .manufacturing
        var sizeWeights = SizeClass.weights
        if c.sector == .publicSector { sizeWeights = [0.05, 0.25, 0.45, 0.25] }
        c.size = SizeClass(rawValue: rng.categorical(sizeWeights)) ?? .small
        switch c.size {
        case .micro: c.category = .smallBusiness
        case .small: c.category = rng.bernoulli(0.2) ? .smallBusiness : .standard
        case .medium: c.category = rng.bernoulli(0.3) ? .keyAccount : .standard
        case .large: c.category = .keyAccount
        }
        c.termsDays = [14, 30, 60][rng.categorical(c.size.termWeights)]
        let window = max(start.days(to: end), 1)
        if rng.bernoulli(0.75) {
            c.createdOn = start.adding(days: -rng.integer(in: 30...5_000))
        } else {
            c.createdOn = start.adding(days: Int(Double(window) * 0.85 * rng.nextUnitDouble()))
        }
        c.activeFrom = max(start, c.createdOn)
        c.name = CustomerNames.draw(country: c.country, rng: &rng)
    }

    private func drawRiskAndSegment(_ c: inout CustomerProfile, rng: inout Xoshiro256StarStar) {
        let young = c.createdOn.days(to: end) < 730 ? 0.35 : 0
        c.latentRisk = c.sector.riskEffect + c.size.riskEffect + young + rng.normal(sd: 0.8)
        c.agencyView = c.latentRisk + rng.normal(sd: 0.7)
        let bases = BehaviourSegment.baseSegments
        let weights = bases.map { $0.baseWeight * Foundation.exp($0.riskTilt * c.latentRisk) }
        c.baseSegment = bases[rng.categorical(weights)]
        c.segment = c.baseSegment
        let logOdds = Self.defaultIntercept + c.latentRisk + c.baseSegment.defaultLogOddsEffect + rng.normal(sd: 0.5)
        c.pd12 = 1 / (1 + Foundation.exp(-logOdds))

        // A default needs some paying history first and time to reach 90 days past due.
        let earliest = max(start.adding(days: 90), c.activeFrom.adding(days: 120))
        let latest = end.adding(days: -160)
        let pWindow = 1 - Foundation.pow(1 - c.pd12, Double(months) / 12)
        let defaults = rng.bernoulli(pWindow)
        if defaults && earliest <= latest {
            c.segment = .defaulter
            c.stopPayingOn = earliest.adding(days: rng.integer(in: 0...earliest.days(to: latest)))
        }
    }

    private func drawBehaviour(_ c: inout CustomerProfile, rng: inout Xoshiro256StarStar) {
        switch c.baseSegment {
        case .punctual:
            c.meanDelay = 0
        case .fixedDay:
            c.payDay = [10, 15, 20, 25, 28][rng.categorical([0.15, 0.20, 0.15, 0.35, 0.15])]
        case .slowSteady:
            c.meanDelay = rng.uniform(20, 40)
        case .chronicDisputer:
            c.meanDelay = rng.uniform(3, 15)
            c.disputeRate = rng.uniform(0.25, 0.40)
        case .deteriorating:
            c.meanDelay = rng.uniform(0, 8)
            c.delaySlope = rng.uniform(1.5, 3.5)
        case .defaulter:
            break
        }
        if c.baseSegment != .chronicDisputer { c.disputeRate = c.baseSegment.disputeProbability }
        c.requiresPurchaseOrder = rng.bernoulli(c.size.purchaseOrderShare)
        let channelWeights = c.size == .micro ? [0.45, 0.45, 0.10] : [0.60, 0.22, 0.18]
        c.preferredChannel = InvoiceChannel(rawValue: rng.categorical(channelWeights)) ?? .electronic
    }

    private func drawCommercials(_ c: inout CustomerProfile, rng: inout Xoshiro256StarStar) {
        c.invoicesPerMonth = c.size.invoicesPerMonth * rng.logNormal(mu: -0.08, sigma: 0.4)
        c.ticket = c.size.typicalTicket * rng.logNormal(mu: 0, sigma: 0.5)
        c.annualGrowth = rng.normal(mean: 0.04, sd: 0.08)
        if rng.bernoulli(c.size.insuredShare) {
            c.insurer = rng.categorical([0.45, 0.35, 0.20])
        }
        c.limitFactor = 1.6 * Foundation.exp(-0.45 * c.agencyView + rng.normal(sd: 0.25))
    }
}
