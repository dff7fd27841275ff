import ArgumentParser
import Foundation
import Receivables

/// `solvent`: statistical scoring and forecasting for credit management.
@main
struct Solvent: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "solvent",
        abstract: "Statistical scoring and forecasting for credit management.",
        discussion: """
        Joins ERP, CRM and agency data into one point-in-time profile per customer, \
        and from it scores default risk, segments payment behaviour and forecasts cash-in.
        """,
        version: version,
        subcommands: [GenerateCommand.self, IngestCommand.self, ProfileCommand.self, MetricsCommand.self,
                      TrainCommand.self, ScoreCommand.self, ValidateCommand.self, ForecastCommand.self, DemoCommand.self]
    )

    /// Runs the command, with DESIGN.md's exit codes: usage errors (ArgumentParser's
    /// parse and validation errors, EX_USAGE) exit 2 instead of 64; bad input data
    /// (`DataError`) exits 65. Usage errors found while running (the output folder,
    /// say) print without the usage text.
    static func main() {
        var command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exitWithUsageError(fullMessage(for: error), or: error)
        }
        // A receivables cache still being written in the background is finished before the process
        // exits, whatever the outcome (an unfinished one would leave its temporary file beside the store).
        do {
            try command.run()
            ReceivablesCache.finishWrites()
        } catch let error as DataError {
            ReceivablesCache.finishWrites()
            var standardError = FileHandleOutputStream.standardError
            print("Error: \(error)", to: &standardError)
            Foundation.exit(ExitCode.dataError.rawValue)
        } catch {
            ReceivablesCache.finishWrites()
            exitWithUsageError("Error: " + message(for: error), or: error)
        }
    }

    private static func exitWithUsageError(_ text: String, or error: any Error) -> Never {
        guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
        var standardError = FileHandleOutputStream.standardError
        print(text, to: &standardError)
        Foundation.exit(2)
    }
}

/// Standard error as a `TextOutputStream`.
struct FileHandleOutputStream: TextOutputStream {
    let handle: FileHandle
    static var standardError: FileHandleOutputStream { FileHandleOutputStream(handle: .standardError) }
    mutating func write(_ string: String) { handle.write(Data(string.utf8)) }
}
