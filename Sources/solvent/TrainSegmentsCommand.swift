import ArgumentParser
import Foundation
import Receivables
import SolventModels

/// `solvent train segments`: payment-behaviour segments by k-means, from any table or from the store.
struct TrainSegmentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segments",
        abstract: "Fit payment-behaviour segments (k-means) and write the model file and card.",
        discussion: """
        From the store: --as-of DATE segments the customer profile at that date on the behaviour \
        features of docs/segments.md (days late, regularity of the payment day, dispute rate, \
        deterioration, arrears) and names each segment by documented rules (punctual, fixed-day \
        payers, slow but steady, disputers, deteriorating, at risk). From a table: --data FILE \
        [--columns COLS] (default: every numeric column but the --id).

        --k N fits N segments; --k auto fits every k of --k-range (default 3..10) and keeps the \
        smallest k whose silhouette (exact, on a seeded sample of up to 10,000 rows) is within 0.01 \
        of the best; Calinski–Harabasz and the elbow of the inertia are printed beside it. \
        Features are scaled explicitly (--scale z|robust|none; --log COLS for amounts). The same \
        --seed gives the same segments.
        """
    )

    @Option(help: ArgumentHelp("A CSV table with a header row.", valueName: "file")) var data: String?
    @Option(parsing: .upToNextOption, help: ArgumentHelp("With --data: the feature columns (default: all numeric but the id).", valueName: "columns"))
    var columns: [String] = []
    @Option(help: ArgumentHelp("With --data: the identifier column (kept as text).", valueName: "column")) var id: String?
    @Option(name: .customLong("as-of"), help: ArgumentHelp("Segment the store's profile at this date.", valueName: "date")) var asOf: String?
    @Option(help: ArgumentHelp("Number of segments, or auto.", valueName: "n|auto")) var k: String
    @Option(name: .customLong("k-range"), help: ArgumentHelp("With --k auto: the k to try (default 3..10; 2 nearly always just isolates the most extreme group).", valueName: "a..b")) var kRange: String?
    @Option(help: ArgumentHelp("Seed of the seeding and the silhouette sample.", valueName: "n")) var seed: UInt64 = 20261129
    @Option(name: .customLong("n-init"), help: ArgumentHelp("k-means restarts per k (default 4).", valueName: "n")) var nInit: Int = 4
    @Option(help: ArgumentHelp("Feature scaling: z (mean/sd), robust (median/IQR) or none.", valueName: "z|robust|none")) var scale: String = "z"
    @Option(parsing: .upToNextOption, help: ArgumentHelp("Columns log-transformed before scaling (amounts).", valueName: "columns"))
    var log: [String] = []
    @Option(help: ArgumentHelp("Where to write the model file (e.g. models/segments.json).", valueName: "file")) var out: String
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard (data == nil) != (asOf == nil) else { throw ValidationError("give --data FILE or --as-of DATE (the store)") }
        if let asOf, CalendarDate(iso: asOf) == nil { throw ValidationError("--as-of must be a date yyyy-MM-dd, got \"\(asOf)\"") }
        if asOf != nil && !columns.isEmpty { throw ValidationError("--columns applies to --data; the store path uses the behaviour features") }
        _ = try kChoice()
        if FeatureScaling.Method(rawValue: scale) == nil { throw ValidationError("--scale must be z, robust or none, got \"\(scale)\"") }
        if nInit < 1 { throw ValidationError("--n-init must be at least 1, got \(nInit)") }
    }

    func kChoice() throws -> SegmentSettings.KChoice {
        if k == "auto" {
            guard let kRange else { return .auto(lower: 3, upper: 10) }
            let parts = kRange.components(separatedBy: "..")
            guard parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]), a >= 2, b > a else {
                throw ValidationError("--k-range must be A..B with 2 ≤ A < B, got \"\(kRange)\"")
            }
            return .auto(lower: a, upper: b)
        }
        guard kRange == nil else { throw ValidationError("--k-range goes with --k auto") }
        guard let n = Int(k), n >= 1 else { throw ValidationError("--k must be a whole number ≥ 1 or auto, got \"\(k)\"") }
        return .fixed(n)
    }

    func run() throws {
        let started = ContinuousClock().now
        var settings = SegmentSettings(k: try kChoice(), seed: seed, nInit: nInit,
                                       scaling: FeatureScaling.Method(rawValue: scale) ?? .zScore, logColumns: commaList(log))
        let name = ((out as NSString).lastPathComponent as NSString).deletingPathExtension
        let now = ISO8601DateFormatter().string(from: Date())
        let table: DataTable, features: [String], idColumn: String?, exposure: [Double]?
        var trainer = SegmentTrainer(settings: settings, name: name, source: "", createdAt: now, solventVersion: Solvent.version)
        if let data {
            table = try ModelFileIO.readTable(data, id: id, categorical: [])
            let wanted = commaList(columns)
            features = wanted.isEmpty ? table.names.filter { $0 != id && (try? table.numeric($0)) != nil } : wanted
            idColumn = id
            exposure = nil
            trainer.source = (data as NSString).lastPathComponent
            trainer.sourceSHA256 = ModelFileIO.sha256(of: data)
        } else {
            guard let date = asOf.flatMap(CalendarDate.init(iso:)) else { throw ValidationError("--as-of must be a date") }
            let profile = try storeOptions.profile(asOf: date)
            do {
                let behaviour = try profile.behaviourTable()
                table = behaviour.table
                exposure = behaviour.exposure
            } catch { throw DataError("\(error)") }
            features = BehaviourFeatures.columns
            idColumn = "customer_id"
            BehaviourFeatures.configure(&settings)
            trainer.settings = settings
            trainer.source = "store \(storeOptions.path), profile at \(date)"
        }
        let model: SegmentModel
        do { model = try trainer.fit(table, features: features, idColumn: idColumn, exposure: exposure) } catch {
            throw DataError("\(error)")
        }
        let sha = try ModelFileIO.write(model, to: out)
        if !output.quiet {
            if model.selection != nil { print(model.selectionText()) }
            print(model.segmentsText())
            for w in model.warnings { print("warning: \(w)") }
            print("\(model.k) segments of \(grouped(model.training.rows)) rows, inertia \(String(format: "%.6g", model.fit.inertia)); "
                  + "model written to \(out) (sha256 \(sha.prefix(12))…), card \(ModelFileIO.cardPath(out))"
                  + String(format: " (%.2f s)", (ContinuousClock().now - started).seconds))
        }
    }
}
