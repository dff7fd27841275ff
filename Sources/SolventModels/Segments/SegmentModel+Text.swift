extension SegmentModel {
    /// How k was chosen, as a table: k, silhouette, Calinski–Harabasz, inertia, with the chosen k marked.
    public func selectionText() -> String {
        guard let selection else { return "" }
        var out = "choosing k (silhouette on \(selection.sampleRows) rows; the smallest k within "
        out += "\(fmt(selection.tolerance, 2)) of the best):\n"
        out += "     k  silhouette  Calinski–Harabasz       inertia\n"
        for p in selection.points {
            let marks = [p.k == selection.chosen ? "chosen" : nil, p.k == selection.bestSilhouette ? "best silhouette" : nil,
                         p.k == selection.elbow ? "elbow" : nil].compactMap { $0 }
            out += pad(String(p.k), 6) + pad(fmt(p.silhouette, 4), 12) + pad(fmt(p.calinskiHarabasz, 1), 19)
                + pad(fmt(p.inertia, 1), 14) + (marks.isEmpty ? "" : "  ← " + marks.joined(separator: ", ")) + "\n"
        }
        return out
    }

    /// The segments: size, share, exposure share and each feature's mean against the portfolio's.
    public func segmentsText() -> String {
        let width = max(14, (segments.map(\.name.count).max() ?? 0) + 2)
        var out = pad("segment", width + 4, left: true) + pad("customers", 10) + pad("share", 8)
        if segments.first?.exposureShare != nil { out += pad("AR share", 10) }
        out += "\n"
        for s in segments {
            out += pad("\(s.id)", 3) + " " + pad(s.name, width, left: true) + pad(String(s.size), 10) + pad(fmt(100 * s.share, 1) + " %", 8)
            if let e = s.exposureShare { out += pad(fmt(100 * e, 1) + " %", 10) }
            out += "\n"
        }
        out += "\nfeature means (portfolio, then segments 1…\(k)):\n"
        for (j, f) in features.enumerated() {
            out += "  " + pad(f, 26, left: true) + pad(fmt(portfolioMeans[j], 3), 10)
            for s in segments { out += pad(fmt(s.means[j], 3), 10) }
            out += "\n"
        }
        return out
    }

    /// The model card (Markdown) written beside the model file.
    public func modelCard(sha256: String) -> String {
        var md = "# Model card: \(name)\n\n"
        md += "Payment-behaviour segments (k-means, \(settings.algorithm.rawValue)), trained \(training.createdAt) by Solvent \(training.solventVersion). "
        md += "Model file checksum (SHA-256 of the canonical payload): `\(sha256)`.\n\n## Data\n\n| | |\n|---|---|\n"
        md += "| source | \(training.source) |\n"
        if let s = training.sourceSHA256 { md += "| source SHA-256 | `\(s)` |\n" }
        md += "| rows | \(training.rows) |\n"
        md += "| features | \(features.map { "`\($0)`" }.joined(separator: ", ")) |\n"
        md += "| missing values | replaced by \(zip(features, fills).map { "`\($0)` → \(fmt($1, 4))" }.joined(separator: ", ")) |\n"
        md += "| scaling | \(scaling.method.rawValue)\(settings.logColumns.isEmpty ? "" : ", log of " + settings.logColumns.joined(separator: ", ")) |\n"
        md += "| k | \(k)\(selection == nil ? " (given)" : " (automatic)") |\n"
        md += "| seed, restarts | \(settings.seed), \(settings.nInit) |\n"
        md += "| inertia | \(fmt(fit.inertia, 4)) (scaled units), \(fit.iterations) iterations, converged: \(fit.converged ? "yes" : "NO") |\n\n"
        for w in warnings { md += "> Warning: \(w)\n\n" }
        if selection != nil { md += "## Choosing k\n\n```\n" + selectionText() + "```\n\n" }
        md += "## Segments\n\n```\n" + segmentsText() + "```\n\n"
        md += "Names follow fixed rules on the segment means (docs/segments.md): at risk (share 91+ ≥ 0.25), disputers "
        md += "(disputes per invoice ≥ 0.15), deteriorating (≥ 1 day later per month), fixed-day payers (day concentration "
        md += "≥ 0.6), punctual (≤ 7 days late), slow but steady (> 7 days late). They apply only to the profile's features "
        md += "of those names; other segments are numbered.\n\n"
        md += "## Limits\n\nk-means finds round groups of similar size in the scaled features; customers with few paid "
        md += "invoices carry noisy features and land in the wrong group more often. Refit when the portfolio changes "
        md += "and compare the segment sizes.\n"
        return md
    }

    private func pad(_ s: String, _ width: Int, left: Bool = false) -> String {
        let space = String(repeating: " ", count: max(0, width - s.count))
        return left ? s + space : space + s
    }
}
