import Foundation
import SolventModels
import TOMLKit

/// What the credit department does with each segment: reminders, channel,
/// credit hold, limit review. Read from a TOML file keyed by segment
/// behaviour (`policies/segments.toml` is the committed default, also built
/// in as `SegmentPolicy.defaultTOML`).
public struct SegmentPolicy: Sendable, Hashable {
    public enum Channel: String, Sendable, Hashable, CaseIterable {
        case email, smsLink = "sms-link", paperQR = "paper-qr", phone
    }

    public enum CreditHold: String, Sendable, Hashable, CaseIterable {
        case none, untilPaid = "until-paid"
    }

    public enum LimitReview: String, Sendable, Hashable, CaseIterable {
        case none, annual, quarterly, now
    }

    /// The actions for one segment.
    public struct Actions: Sendable, Hashable {
        /// Days relative to the due date, ascending (0 = on the due date).
        public let reminders: [Int]
        public let channel: Channel
        public let creditHold: CreditHold
        public let limitReview: LimitReview

        /// The reminder schedule as text: "none", or "due-3 due due+7 …".
        public var reminderText: String {
            guard !reminders.isEmpty else { return "none" }
            return reminders.map { $0 == 0 ? "due" : ($0 > 0 ? "due+\($0)" : "due\($0)") }.joined(separator: " ")
        }
    }

    /// Actions by segment behaviour.
    public let segments: [String: Actions]
    /// Actions for a segment without an entry.
    public let fallback: Actions

    /// The actions for a segment's behaviour (the fallback when it has none or no entry).
    public func actions(for behaviour: String?) -> Actions {
        behaviour.flatMap { segments[$0] } ?? fallback
    }

    /// The committed default (policies/segments.toml; a test keeps the two equal).
    public static let defaultTOML = """
        # Solvent segment policy: what the credit department does with each segment.
        # Keys are segment behaviours (docs/segments.md); [default] covers any other.
        #   reminders     days relative to the due date at which a reminder goes out (0 = on the due date);
        #                 [] = none
        #   channel       "email" | "sms-link" (SMS with a payment link) | "paper-qr" (letter with a QR code)
        #                 | "phone" (a collector calls)
        #   credit_hold   "none" | "until-paid" (new orders wait until the overdue items are paid)
        #   limit_review  "none" | "annual" | "quarterly" | "now"

        [default]
        reminders = [7, 14, 30]
        channel = "email"
        credit_hold = "none"
        limit_review = "annual"

        # Pay around the due date: no chasing, a yearly look at the limit.
        [segments."punctual"]
        reminders = []
        channel = "email"
        credit_hold = "none"
        limit_review = "annual"

        # Pay in a monthly run on a fixed day: a reminder only when the run is missed.
        [segments."fixed-day payers"]
        reminders = [30]
        channel = "email"
        credit_hold = "none"
        limit_review = "annual"

        # Steadily late: remind before and after the due date, with a payment link.
        [segments."slow but steady"]
        reminders = [-3, 7, 14]
        channel = "sms-link"
        credit_hold = "none"
        limit_review = "annual"

        # Dispute many invoices: clean invoices and a call, credit held until paid.
        [segments."disputers"]
        reminders = [0, 7]
        channel = "phone"
        credit_hold = "until-paid"
        limit_review = "quarterly"

        # Paying later month after month: early reminders and a limit review now.
        [segments."deteriorating"]
        reminders = [0, 7, 14]
        channel = "phone"
        credit_hold = "none"
        limit_review = "now"

        # Deep arrears: call, hold credit, review the limit now.
        [segments."at risk"]
        reminders = [0, 3, 7, 14]
        channel = "phone"
        credit_hold = "until-paid"
        limit_review = "now"
        """

    /// The built-in default policy.
    public static func builtIn() throws(ProfileError) -> SegmentPolicy {
        try parse(defaultTOML, source: "built-in segment policy")
    }

    /// Reads a policy file; "default" gives the built-in one.
    public static func load(path: String) throws(ProfileError) -> SegmentPolicy {
        if path == "default" { return try builtIn() }
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ProfileError(source: path, message: "cannot read the policy file (\(error.localizedDescription))")
        }
        return try parse(text, source: path)
    }

    struct File: Decodable {
        struct Entry: Decodable {
            var reminders: [Int]
            var channel: String
            var credit_hold: String
            var limit_review: String
        }
        var `default`: Entry
        var segments: [String: Entry]?
    }

    /// Parses policy TOML; every problem names the source and the key.
    public static func parse(_ text: String, source: String) throws(ProfileError) -> SegmentPolicy {
        let file: File
        do { file = try TOMLDecoder(strictDecoding: true).decode(File.self, from: text) } catch {
            throw ProfileError(source: source, message: "not a valid segment policy: \(error) (see policies/segments.toml)")
        }
        func actions(_ e: File.Entry, _ key: String) throws(ProfileError) -> Actions {
            guard let channel = Channel(rawValue: e.channel) else {
                throw ProfileError(source: source, message: "\(key).channel = \"\(e.channel)\"; use one of \(Channel.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let hold = CreditHold(rawValue: e.credit_hold) else {
                throw ProfileError(source: source, message: "\(key).credit_hold = \"\(e.credit_hold)\"; use one of \(CreditHold.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let review = LimitReview(rawValue: e.limit_review) else {
                throw ProfileError(source: source, message: "\(key).limit_review = \"\(e.limit_review)\"; use one of \(LimitReview.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if let bad = e.reminders.first(where: { abs($0) > 365 }) {
                throw ProfileError(source: source, message: "\(key).reminders has \(bad): reminders are days from the due date, within ±365")
            }
            return Actions(reminders: Array(Set(e.reminders)).sorted(), channel: channel, creditHold: hold, limitReview: review)
        }
        var segments: [String: Actions] = [:]
        for (name, entry) in file.segments ?? [:] {
            guard SegmentNaming.behaviours.contains(name) else {
                throw ProfileError(source: source, message: "segments.\"\(name)\" is not a segment behaviour; use one of \(SegmentNaming.behaviours.joined(separator: ", ")) (others take [default])")
            }
            segments[name] = try actions(entry, "segments.\"\(name)\"")
        }
        return SegmentPolicy(segments: segments, fallback: try actions(file.default, "default"))
    }
}
