// libFuzzer target for the value parsers: `AmountParser`, `DateParser`, `ValueMap`.
//
// The whole input is one field's bytes. Every parser sees the raw bytes (the
// `UnsafeBufferPointer` entry the reader uses) and, when the bytes are valid UTF-8,
// the `String` (both must give the same result). Rejections are fine; bugs are a
// crash or one of these invariants failing (`fatalError`):
//
// Amounts (`.plain`, `.english`, `.dutch` and three custom parsers):
//   - an accepted amount has the parser's scale; its `description` re-parsed by a
//     plain parser of that scale (`.plain` for scale 2) gives the same value;
//   - what `.plain` accepts, `.english` accepts with the same value (plain ⊂ english);
//   - what `.english` accepts, with its grouping commas removed, `.plain` accepts
//     with the same value;
//   - what `.dutch` accepts, with `.` and `,` swapped, `.english` accepts with the
//     same value.
// Dates (`.iso`, `yyyy-MM-dd`, `dd-MM-yyyy`, `M/d/yyyy`, `dd.MM.yy` pivot 1970,
// `yyyyMMdd`, `d.M.yyyy`):
//   - an accepted date is real: year 1...9999, `CalendarDate(year:month:day:)`
//     gives the same day number; a `yy` year lies in pivot...pivot+99;
//   - formatted again with the same pattern, it parses back to the same date;
//   - `.iso` and `DateParser(pattern: "yyyy-MM-dd")` agree, and agree with
//     `CalendarDate(iso:)` on the space-trimmed text.
// Value maps (`BooleanParser.standard`, a case-sensitive map, a map with a code
// longer than 16 bytes, which takes the unpacked path):
//   - the result equals a byte-by-byte reference lookup (trim ASCII spaces, fold
//     ASCII letters when case-insensitive, compare).

import Receivables

// MARK: Amounts

private struct AmountCase: Sendable {
    let name: String
    let parser: AmountParser
}

private let amountCases: [AmountCase] = {
    do {
        return [
            AmountCase(name: "plain", parser: .plain),
            AmountCase(name: "english", parser: .english),
            AmountCase(name: "dutch", parser: .dutch),
            AmountCase(name: "comma/space/3/trailing-minus/parens",
                       parser: try AmountParser(decimalSeparator: .comma, groupingSeparator: .space, maxDecimals: 3,
                                                allowsPlusSign: false, allowsTrailingMinus: true, allowsParentheses: true)),
            AmountCase(name: "point/apostrophe/0/parens",
                       parser: try AmountParser(decimalSeparator: .point, groupingSeparator: .apostrophe, maxDecimals: 0,
                                                allowsParentheses: true)),
            AmountCase(name: "point/none/18/trailing-minus",
                       parser: try AmountParser(decimalSeparator: .point, groupingSeparator: .none, maxDecimals: 18,
                                                allowsTrailingMinus: true)),
        ]
    } catch {
        fatalError("amount parser configuration: \(error)")
    }
}()

/// Plain parsers (point, no grouping) per scale, for re-parsing `description`.
private let plainByScale: [AmountParser] = (0...18).map { scale in
    do { return try AmountParser(decimalSeparator: .point, groupingSeparator: .none, maxDecimals: scale) } catch {
        fatalError("plain parser of scale \(scale): \(error)")
    }
}

private func parseAmount(_ parser: AmountParser, _ bytes: [UInt8]) -> Result<ExactAmount, ValueParseError> {
    bytes.withUnsafeBufferPointer { b in Result { () throws(ValueParseError) in try parser.parse(b) } }
}

private func parseAmount(_ parser: AmountParser, _ text: String) -> Result<ExactAmount, ValueParseError> {
    Result { () throws(ValueParseError) in try parser.parse(text) }
}

private func checkAmounts(_ bytes: [UInt8], _ text: String?) {
    var results: [String: ExactAmount] = [:]
    for c in amountCases {
        let fromBytes = parseAmount(c.parser, bytes)
        if let text {
            let fromText = parseAmount(c.parser, text)
            if fromText != fromBytes {
                fatalError("amount \(c.name): String and bytes disagree on \(text.debugDescription): "
                           + "\(fromText) vs \(fromBytes)")
            }
        }
        guard case .success(let amount) = fromBytes else { continue }
        results[c.name] = amount
        if amount.scale != c.parser.maxDecimals {
            fatalError("amount \(c.name): scale \(amount.scale) != maxDecimals \(c.parser.maxDecimals) for \(bytes)")
        }
        let printed = amount.description
        let plain = amount.scale == 2 ? AmountParser.plain : plainByScale[amount.scale]
        switch parseAmount(plain, printed) {
        case .success(let back) where back == amount:
            break
        case let other:
            fatalError("amount \(c.name): \(String(decoding: bytes, as: UTF8.self).debugDescription) -> "
                       + "\(amount.minorUnits)e-\(amount.scale) printed \(printed.debugDescription) re-parsed as \(other)")
        }
    }
    guard let text else { return }
    if let p = results["plain"], results["english"] != p {
        fatalError("plain accepts \(text.debugDescription) as \(p) but english gives \(String(describing: results["english"]))")
    }
    if let e = results["english"] {
        let ungrouped = String(text.filter { $0 != "," })
        let back = parseAmount(.plain, ungrouped)
        if back != .success(e) {
            fatalError("english accepts \(text.debugDescription) as \(e); without commas plain gives \(back)")
        }
    }
    if let d = results["dutch"] {
        let swapped = String(text.map { $0 == "." ? "," : $0 == "," ? "." : $0 })
        let back = parseAmount(.english, swapped)
        if back != .success(d) {
            fatalError("dutch accepts \(text.debugDescription) as \(d); swapped, english gives \(back)")
        }
    }
}

// MARK: Dates

private struct DateCase: Sendable {
    let parser: DateParser
    let pivot: Int?
}

private let dateCases: [DateCase] = {
    let specs: [(String, Int?)] = [("yyyy-MM-dd", nil), ("dd-MM-yyyy", nil), ("M/d/yyyy", nil), ("dd.MM.yy", 1970),
                                   ("yyyyMMdd", nil), ("d.M.yyyy", nil)]
    var cases = [DateCase(parser: .iso, pivot: nil)]
    for (pattern, pivot) in specs {
        do { cases.append(DateCase(parser: try DateParser(pattern: pattern, twoDigitYearPivot: pivot), pivot: pivot)) } catch {
            fatalError("date pattern \(pattern): \(error)")
        }
    }
    return cases
}()

private func pad(_ v: Int, _ width: Int) -> String {
    let s = String(v)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

/// `date` written with `pattern` (letters y, M, d in runs; anything else literal).
private func format(_ date: CalendarDate, _ pattern: String) -> String {
    let (y, m, d) = date.components
    let chars = Array(pattern)
    var out = ""
    var i = 0
    while i < chars.count {
        let c = chars[i]
        var run = 1
        while i + run < chars.count && chars[i + run] == c { run += 1 }
        switch c {
        case "y": out += run == 2 ? pad(y % 100, 2) : pad(y, run)
        case "M": out += pad(m, run)
        case "d": out += pad(d, run)
        default: out += String(repeating: String(c), count: run)
        }
        i += run
    }
    return out
}

private func parseDate(_ parser: DateParser, _ bytes: [UInt8]) -> Result<CalendarDate, ValueParseError> {
    bytes.withUnsafeBufferPointer { b in Result { () throws(ValueParseError) in try parser.parse(b) } }
}

private func parseDate(_ parser: DateParser, _ text: String) -> Result<CalendarDate, ValueParseError> {
    Result { () throws(ValueParseError) in try parser.parse(text) }
}

private func checkDates(_ bytes: [UInt8], _ text: String?) {
    var iso: [Result<CalendarDate, ValueParseError>] = []
    for c in dateCases {
        let pattern = c.parser.pattern
        let fromBytes = parseDate(c.parser, bytes)
        if pattern == "yyyy-MM-dd" { iso.append(fromBytes) }
        if let text {
            let fromText = parseDate(c.parser, text)
            if fromText != fromBytes {
                fatalError("date \(pattern): String and bytes disagree on \(text.debugDescription): "
                           + "\(fromText) vs \(fromBytes)")
            }
        }
        guard case .success(let date) = fromBytes else { continue }
        let (y, m, d) = date.components
        guard (1...9999).contains(y), let real = CalendarDate(year: y, month: m, day: d), real == date else {
            fatalError("date \(pattern): \(bytes) parsed to day \(date.dayNumber) = \(y)-\(m)-\(d), not a real date")
        }
        if let pivot = c.pivot, !(pivot...(pivot + 99)).contains(y) {
            fatalError("date \(pattern): year \(y) outside the pivot window \(pivot)...\(pivot + 99)")
        }
        let printed = format(date, pattern)
        let back = parseDate(c.parser, printed)
        if back != .success(date) {
            fatalError("date \(pattern): \(date) formatted \(printed.debugDescription) re-parsed as \(back)")
        }
    }
    if iso.count == 2 && iso[0] != iso[1] {
        fatalError(".iso and DateParser(pattern: \"yyyy-MM-dd\") disagree on \(bytes): \(iso[0]) vs \(iso[1])")
    }
    if let text {
        var trimmed = Substring(text)
        while trimmed.first == " " { trimmed = trimmed.dropFirst() }
        while trimmed.last == " " { trimmed = trimmed.dropLast() }
        let reference = CalendarDate(iso: trimmed)
        let ours: CalendarDate? = if case .success(let d) = iso[0] { d } else { nil }
        if ours != reference {
            fatalError(".iso gives \(String(describing: ours)) but CalendarDate(iso:) \(String(describing: reference)) "
                       + "for \(text.debugDescription)")
        }
    }
}

// MARK: Value maps

private struct MapCase: Sendable {
    let name: String
    let map: ValueMap<Int>
    let codes: [String]
    let caseSensitive: Bool
}

private let mapCases: [MapCase] = {
    let specs: [(String, [String], Bool)] = [
        ("short, any case", ["true", "false", "yes", "no", "y", "n", "1", "0", "Paper", "ELECTRONIC", "café"], false),
        ("short, exact", ["Paper", "paper", "Electronic", "ä", "x y", "12345678", "123456789"], true),
        ("long, any case", ["electronic-invoice", "Paper", "a", "0123456789abcdefGHIJ"], false),
    ]
    return specs.map { name, codes, sensitive in
        do {
            let map = try ValueMap(codes.enumerated().map { (code: $0.element, value: $0.offset) },
                                   caseSensitive: sensitive)
            return MapCase(name: name, map: map, codes: codes, caseSensitive: sensitive)
        } catch {
            fatalError("value map \(name): \(error)")
        }
    }
}()

private func fold(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }

private func referenceLookup(_ c: MapCase, _ bytes: [UInt8]) -> Int? {
    var lo = 0, hi = bytes.count
    while lo < hi && bytes[lo] == 0x20 { lo += 1 }
    while hi > lo && bytes[hi - 1] == 0x20 { hi -= 1 }
    let key = bytes[lo..<hi].map { c.caseSensitive ? $0 : fold($0) }
    return c.codes.firstIndex { code in Array(code.utf8).map { c.caseSensitive ? $0 : fold($0) } == key }
}

private func checkMaps(_ bytes: [UInt8], _ text: String?) {
    for c in mapCases {
        let got: Int? = bytes.withUnsafeBufferPointer { b in try? c.map.parse(b) }
        let want = referenceLookup(c, bytes)
        if got != want {
            fatalError("value map \(c.name): \(bytes) gives \(String(describing: got)), expected \(String(describing: want))")
        }
        if let text, (try? c.map.parse(text)) != got {
            fatalError("value map \(c.name): String and bytes disagree on \(text.debugDescription)")
        }
    }
    let standard: Bool? = bytes.withUnsafeBufferPointer { b in try? BooleanParser.standard.parse(b) }
    let expected: Bool? = referenceLookup(mapCases[0], bytes).flatMap { $0 < 8 ? $0 % 2 == 0 : nil }
    if standard != expected {
        fatalError("BooleanParser.standard: \(bytes) gives \(String(describing: standard)), "
                   + "expected \(String(describing: expected))")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let text = String(validating: bytes, as: UTF8.self)
    checkAmounts(bytes, text)
    checkDates(bytes, text)
    checkMaps(bytes, text)
    return 0
}
