import Foundation
import TOMLKit

extension ImportProfile {
    /// A documented example of a profile file (shown by `solvent ingest --help` and in the README).
    public static let exampleTOML = """
        # Solvent import profile: how one ERP's exports are read.
        delimiter = ";"                 # one character: "," ";" "|" or "\\t"
        encoding = "utf-8"              # or "cp1252" (Windows Western European)
        decimal_separator = ","         # "." or ","
        thousands_separator = "."       # "", ".", ",", " " or "'"
        date_formats = ["dd-MM-yyyy"]   # yyyy MM dd exact digits; M d one or two; yy needs a pivot
        # two_digit_year_pivot = 1970   # with "yy": 70-99 -> 1970-1999, 00-69 -> 2000-2069
        default_currency = "EUR"        # for invoices without a currency
        reporting_currency = "EUR"

        [rates]                         # 1 unit of the currency = this many reporting units
        USD = "0.9210"
        GBP = "1.1580"

        [columns.invoices]              # the export's header = Solvent's column
        "Factuurnummer" = "invoice_id"
        "Debiteur" = "customer_id"
        "Factuurdatum" = "issue_date"
        "Vervaldatum" = "due_date"
        "Bedrag" = "amount"
        "Valuta" = "currency"
        "Kanaal" = "channel"

        [values.invoices.channel]       # the export's code = Solvent's value
        "Papier" = "paper"
        "Elektronisch" = "electronic"
        """

    /// The keys of a profile file.
    struct File: Decodable {
        var delimiter: String?
        var encoding: String?
        var decimal_separator: String?
        var thousands_separator: String?
        var date_formats: [String]?
        var two_digit_year_pivot: Int?
        var default_currency: String?
        var reporting_currency: String?
        var rates: [String: String]?
        var columns: [String: [String: String]]?
        var values: [String: [String: [String: String]]]?
    }

    /// Reads and checks a TOML profile; every problem names the file and the key.
    public static func load(path: String) throws(ProfileError) -> ImportProfile {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ProfileError(source: path, message: "cannot read the profile (\(error.localizedDescription))")
        }
        let file: File
        do {
            file = try TOMLDecoder(strictDecoding: true).decode(File.self, from: text)
        } catch let error as TOMLParseError {
            throw ProfileError(source: "\(path):\(error.source.begin.line):\(error.source.begin.column)",
                               message: "not valid TOML: \(error.description)")
        } catch let error as UnexpectedKeysError {
            throw ProfileError(source: path, message: "unknown keys: \(error.keys.keys.sorted().joined(separator: ", "))")
        } catch {
            throw ProfileError(source: path, message: "\(error)")
        }
        return try ImportProfile(file: file, name: path)
    }

    init(file: File, name: String) throws(ProfileError) {
        func fail(_ m: String) -> ProfileError { ProfileError(source: name, message: m) }
        var csv = CSVOptions()
        if let d = file.delimiter {
            let byte = d == "\\t" ? "\t" : d
            guard byte.utf8.count == 1, let b = byte.utf8.first, b != UInt8(ascii: "\"") else {
                throw fail("delimiter must be one ASCII character other than a quote, got \"\(d)\"")
            }
            csv.delimiter = b
        }
        switch file.encoding?.lowercased() {
        case nil, "utf-8", "utf8": csv.encoding = .utf8
        case "cp1252", "windows-1252": csv.encoding = .cp1252
        case let other?: throw fail("encoding must be \"utf-8\" or \"cp1252\", got \"\(other)\"")
        }
        guard let decimal = AmountParser.DecimalSeparator(rawValue: file.decimal_separator ?? ".") else {
            throw fail("decimal_separator must be \".\" or \",\", got \"\(file.decimal_separator ?? "")\"")
        }
        let groupingText = file.thousands_separator ?? ""
        guard let grouping = groupingText.isEmpty ? AmountParser.GroupingSeparator.none
                : AmountParser.GroupingSeparator(rawValue: groupingText) else {
            throw fail("thousands_separator must be \"\", \".\", \",\", \" \" or \"'\", got \"\(groupingText)\"")
        }
        let amounts: AmountParser
        let dates: [DateParser]
        do {
            amounts = try AmountParser(decimalSeparator: decimal, groupingSeparator: grouping)
            dates = try (file.date_formats ?? ["yyyy-MM-dd"]).map {
                try DateParser(pattern: $0, twoDigitYearPivot: file.two_digit_year_pivot)
            }
        } catch let error as ParserConfigurationError {
            throw fail(error.message)
        } catch {
            throw fail("\(error)")
        }
        guard !dates.isEmpty else { throw fail("date_formats is empty") }
        let defaultCurrency = file.default_currency ?? "EUR"
        let reporting = file.reporting_currency ?? defaultCurrency
        for code in [defaultCurrency, reporting] + (file.rates.map { Array($0.keys) } ?? []) where !ISO4217.isCode(code) {
            throw fail("\"\(code)\" is not an ISO 4217 currency code")
        }
        for (code, rate) in file.rates ?? [:] {
            guard let r = try? AmountParser(decimalSeparator: .point, groupingSeparator: .none, maxDecimals: 10,
                                            allowsPlusSign: false).parse(rate), r.minorUnits > 0 else {
                throw fail("rate for \(code) must be a positive decimal such as \"0.9210\", got \"\(rate)\"")
            }
        }
        var columns: [SourceKind: [String: String]] = [:]
        for (kindName, mapping) in file.columns ?? [:] {
            guard let kind = SourceKind(rawValue: kindName) else { throw fail("[columns.\(kindName)]: unknown source kind") }
            let schema = kind.schema
            for (header, canonical) in mapping where schema.column(canonical) == nil {
                throw fail("[columns.\(kindName)] \"\(header)\" = \"\(canonical)\": \(kindName) has no column \(canonical); its columns are \(schema.columns.map(\.name).joined(separator: ", "))")
            }
            columns[kind] = mapping
        }
        var values: [SourceKind: [String: ValueMap<String>]] = [:]
        for (kindName, perColumn) in file.values ?? [:] {
            guard let kind = SourceKind(rawValue: kindName) else { throw fail("[values.\(kindName)]: unknown source kind") }
            for (column, codes) in perColumn {
                guard let spec = kind.schema.column(column) else {
                    throw fail("[values.\(kindName).\(column)]: \(kindName) has no column \(column)")
                }
                if case .code(let allowed) = spec.type, let bad = codes.values.first(where: { !allowed.contains($0) }) {
                    throw fail("[values.\(kindName).\(column)]: \"\(bad)\" is not one of \(allowed.joined(separator: ", "))")
                }
                do {
                    values[kind, default: [:]][column] = try ValueMap(codes.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
                } catch {
                    throw fail("[values.\(kindName).\(column)]: \(error.message)")
                }
            }
        }
        self.init(name: name, csv: csv, amounts: amounts, dates: dates, defaultCurrency: defaultCurrency,
                  reportingCurrency: reporting, rates: file.rates ?? [:], columns: columns, values: values)
    }
}
