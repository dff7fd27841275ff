import ArgumentParser

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
        subcommands: []
    )
}
