/// Risk grades by probability of default: a score's band is the first grade
/// whose upper PD bound the PD does not exceed. The defaults follow the
/// usual agency-style master scale (grade A below 0.5 %, ..., G from 20 %);
/// the bands used are written into the model file, so a model scores with
/// the scale it was built with.
public struct RiskBands: Sendable, Hashable, Codable {
    public struct Band: Sendable, Hashable, Codable {
        public let name: String
        /// Upper PD bound (inclusive); the last band's is 1.
        public let maxPD: Double
        public init(name: String, maxPD: Double) {
            self.name = name
            self.maxPD = maxPD
        }
    }

    public let bands: [Band]

    public static let standard = RiskBands(unchecked: [
        Band(name: "A", maxPD: 0.005), Band(name: "B", maxPD: 0.01), Band(name: "C", maxPD: 0.02),
        Band(name: "D", maxPD: 0.05), Band(name: "E", maxPD: 0.10), Band(name: "F", maxPD: 0.20),
        Band(name: "G", maxPD: 1),
    ])

    private init(unchecked bands: [Band]) { self.bands = bands }

    /// Bands with increasing bounds ending at 1.
    public init(_ bands: [Band]) throws(ModelError) {
        guard let last = bands.last, last.maxPD == 1 else {
            throw .invalidArgument("risk bands must end with a band up to PD 1")
        }
        for (a, b) in zip(bands, bands.dropFirst()) where !(a.maxPD < b.maxPD) {
            throw .invalidArgument("risk band bounds must increase: \(a.name) \(a.maxPD) ≥ \(b.name) \(b.maxPD)")
        }
        self.bands = bands
    }

    public func band(for pd: Double) -> String {
        (bands.first { pd <= $0.maxPD } ?? bands[bands.count - 1]).name
    }
}
