import SolventNumerics

/// Company names for synthetic customers: invented words, a sector word and a
/// legal suffix. About 6 % are partnership names with a comma
/// ("Jansen, De Vries & Partners B.V.") and 1 % carry quotes, so the CSV
/// files exercise RFC 4180 quoting.
enum CustomerNames {
    private static let stems = ["Noord", "Delta", "Kroon", "Hout", "Stern", "Maas", "Rijn", "Alpen", "Atlas", "Boreal",
                                "Vella", "Orion", "Linde", "Falk", "Brug", "Zuid", "Polder", "Kade", "Meridian", "Vosk",
                                "Helios", "Tamar", "Duin", "Eiken", "Lumen", "Saxo", "Vireo", "Carva", "Nexa", "Ostra"]
    private static let endings = ["", "", "ia", "on", "ex", "ar", "is", "um", "ora", "ent"]
    private static let words = ["Bouw", "Techniek", "Logistics", "Foods", "Metaal", "Medical", "Trading", "Systems",
                                "Industries", "Services", "Group", "Holding", "Retail", "Agro", "Installaties", "Print"]
    private static let surnames = ["Jansen", "De Vries", "Bakker", "Visser", "Peeters", "Müller", "Schmidt", "Dubois",
                                   "Lefèvre", "Smith", "Taylor", "Janssens", "Meyer", "Moreau", "Brown", "Willems"]

    static func draw(country: Country, rng: inout Xoshiro256StarStar) -> String {
        let suffixes = country.legalSuffixes
        let suffix = suffixes[rng.integer(in: 0...(suffixes.count - 1))]
        let u = rng.nextUnitDouble()
        if u < 0.06 {
            let a = surnames[rng.integer(in: 0...(surnames.count - 1))]
            var b = surnames[rng.integer(in: 0...(surnames.count - 1))]
            if b == a { b = surnames[((surnames.firstIndex(of: a) ?? 0) + 1) % surnames.count] }
            return "\(a), \(b) & Partners \(suffix)"
        }
        let stem = stems[rng.integer(in: 0...(stems.count - 1))] + endings[rng.integer(in: 0...(endings.count - 1))]
        let word = words[rng.integer(in: 0...(words.count - 1))]
        if u < 0.07 {
            return "\"\(stem)\" \(word) \(suffix)"
        }
        return "\(stem) \(word) \(suffix)"
    }
}
