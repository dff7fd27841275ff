import ArgumentParser
import Foundation
import Receivables

/// `solvent train payment-dates`: the payment-timing model from the store, as a model file.
struct TrainPaymentDatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payment-dates",
        abstract: "Fit the payment-timing model (when open invoices are paid) and write its model file.",
        discussion: """
        A discrete-time hazard model: logistic regression on the weeks of the invoices open at the \
        12 month ends before --as-of, each followed for --weeks weeks or until --as-of (docs/forecasts.md). \
        Use it with solvent forecast cash --model FILE and solvent score --model FILE --as-of DATE.
        """
    )

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Fit on the history up to this date.", valueName: "date")) var asOf: String
    @Option(help: ArgumentHelp("Weeks each open invoice is followed (default 13).", valueName: "n")) var weeks: Int = 13
    @Option(help: ArgumentHelp("Where to write the model file.", valueName: "file")) var out: String
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard CalendarDate(iso: asOf) != nil else { throw ValidationError("--as-of must be a date yyyy-MM-dd, got \"\(asOf)\"") }
        guard weeks >= 1 && weeks <= 104 else { throw ValidationError("--weeks must be between 1 and 104, got \(weeks)") }
    }

    func run() throws {
        let started = ContinuousClock().now
        guard let date = CalendarDate(iso: asOf) else { throw ValidationError("--as-of must be a date") }
        let portfolio = try storeOptions.portfolio(.receivables)
        let name = ((out as NSString).lastPathComponent as NSString).deletingPathExtension
        let model: PaymentDatesModel
        do {
            model = try CashForecaster(portfolio: portfolio, weeks: weeks)
                .paymentDatesModel(asOf: date, name: name, createdAt: ISO8601DateFormatter().string(from: Date()),
                                   solventVersion: Solvent.version)
        } catch { throw DataError("payment-timing model at \(date): \(error)") }
        let sha = try ModelFileIO.write(model, to: out)
        if !output.quiet {
            let t = model.timing
            print("payment-timing model for \(date): \(grouped(t.trainingRows)) invoice-weeks, \(grouped(t.trainingEvents)) payments, "
                  + (t.converged ? "converged" : "NOT converged") + "; written to \(out) (sha256 \(sha.prefix(12))…), card "
                  + ModelFileIO.cardPath(out) + String(format: " (%.2f s)", (ContinuousClock().now - started).seconds))
        }
    }
}
