import SolventNumerics

/// Rows and bytes of one written file.
public struct GeneratedFile: Sendable, Hashable, Codable {
    public let name: String
    public let rows: Int
    public let bytes: Int
}

/// What a generation run wrote.
public struct GenerationSummary: Sendable, Hashable, Codable {
    public let settings: PortfolioSettings
    public let folder: String
    /// In the order they were moved into place (`truth.csv` last).
    public let files: [GeneratedFile]
    public let defaulted: Int

    public var totalBytes: Int { files.reduce(0) { $0 + $1.bytes } }
    public func rows(_ name: String) -> Int { files.first { $0.name == name }?.rows ?? 0 }
}

/// The synthetic portfolio generator behind `solvent generate`.
///
/// Streams customer by customer: each customer gets its own
/// `Xoshiro256StarStar` seeded from (seed, customer index), all its records are
/// simulated, written to the nine files, and dropped, so memory stays constant
/// and the same settings give byte-identical files. The generative model is
/// documented in docs/generator.md.
public struct PortfolioGenerator: Sendable {
    /// Version of the generative model; changes whenever the same seed would give other bytes.
    public static let modelVersion = "1.0.0"

    public let settings: PortfolioSettings
    let customerModel: CustomerModel
    let invoiceModel: InvoiceModel
    let externalModel: ExternalDataModel
    let commercialModel: CommercialModel

    public init(settings: PortfolioSettings) throws(PortfolioSettingsError) {
        try settings.validate()
        self.settings = settings
        customerModel = CustomerModel(settings: settings)
        invoiceModel = InvoiceModel(settings: settings)
        externalModel = ExternalDataModel(start: settings.start, end: settings.end)
        commercialModel = CommercialModel(start: settings.start, end: settings.end, invoices: invoiceModel)
    }

    /// The generator of customer `index` (0-based): SplitMix64 of the seed,
    /// xor the index, expanded by `Xoshiro256StarStar(seed:)`.
    func generator(forCustomer index: Int) -> Xoshiro256StarStar {
        var mix = SplitMix64(seed: settings.seed)
        return Xoshiro256StarStar(seed: mix.next() ^ UInt64(index))
    }

    /// Simulates customer `index` into `records` (cleared first) and returns its profile.
    func simulate(customer index: Int, into records: inout CustomerRecords) -> CustomerProfile {
        records.removeAll()
        var rng = generator(forCustomer: index)
        var c = customerModel.draw(index: index, rng: &rng)
        invoiceModel.generate(&c, into: &records, rng: &rng)
        externalModel.ratings(c, into: &records, rng: &rng)
        externalModel.limits(c, into: &records, rng: &rng)
        commercialModel.orders(c, into: &records, rng: &rng)
        commercialModel.opportunities(c, into: &records, rng: &rng)
        return c
    }

    /// Writes the portfolio into `folder` (created if needed).
    ///
    /// Throws `OutputFolderError` when the folder cannot be used (not a folder,
    /// not empty without `force`, not writable) and `FileWriteError` when
    /// writing fails; in both cases no partial files are left in `folder`.
    public func write(to folder: String, force: Bool) throws -> GenerationSummary {
        let output = try OutputFolder.prepare(path: folder, force: force)
        do {
            let writers = try SourceFileWriters(folder: output)
            var records = CustomerRecords()
            var defaulted = 0
            for index in 0..<settings.customers {
                let c = simulate(customer: index, into: &records)
                if c.defaultDate != nil { defaulted += 1 }
                try writers.write(c, records)
            }
            for w in writers.all { try w.close() }
            try output.commit(SourceFileWriters.fileNames)
            let files = writers.all.enumerated().map { i, w in
                GeneratedFile(name: SourceFileWriters.fileNames[i], rows: w.rowCount, bytes: w.byteCount)
            }
            return GenerationSummary(settings: settings, folder: folder, files: files, defaulted: defaulted)
        } catch {
            output.discard()
            throw error
        }
    }
}
