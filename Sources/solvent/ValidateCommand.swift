import ArgumentParser
import Foundation
import Receivables
import SolventModels

/// `solvent validate`: how a model performs on a labelled table.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "The validation report of a model file on labelled data.",
        discussion: """
        Discrimination (AUC, Gini, KS), accuracy (Brier, log-loss), calibration (Hosmer–Lemeshow \
        and the table by decile of PD), and stability: the PSI of the score against the \
        training distribution recorded in the model, and for scorecards the CSI of each feature. \
        PSI reading: below 0.1 stable, 0.1–0.25 monitor, above 0.25 shifted.
        """
    )

    @Option(help: ArgumentHelp("The model file (JSON).", valueName: "file")) var model: String
    @Option(help: ArgumentHelp("A CSV table with the model's features and the target.", valueName: "file")) var data: String
    @Option(help: ArgumentHelp("The 0/1 target column (default: the model's).", valueName: "column")) var target: String?
    @Option(help: ArgumentHelp("Report format: text or json.", valueName: "text|json")) var format = "text"
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard ["text", "json"].contains(format) else { throw ValidationError("--format must be text or json, got \"\(format)\"") }
    }

    func run() throws {
        let pd = try ModelFileIO.readDefaultModel(model)
        let targetName = target ?? pd.target
        let table = try ModelFileIO.readTable(data, id: pd.idColumn, categorical: pd.categoricalFeatures)
        let report: ValidationReport
        do { report = try ValidationReport(model: pd, table: table, target: targetName) } catch {
            throw DataError("\(error)")
        }
        if format == "json" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(report.text(modelName: pd.name, data: (data as NSString).lastPathComponent), terminator: "")
        }
    }
}
