import SolventNumerics

/// Train/test assignments for validating a binary model: stratified k-fold,
/// a stratified random split, and an out-of-time split.
///
/// Labels are 0/1 per row. The random assignments are deterministic for a
/// seed (or a generator state): the rows of each class, in row order, are
/// shuffled by Fisher–Yates with `Xoshiro256StarStar`, drawing classes 0 then 1.
public enum CrossValidation {
    /// Row indices (0-based, ascending) of the two sides of a split.
    public struct Split: Sendable, Hashable, Codable {
        public let train: [Int]
        public let test: [Int]

        public init(train: [Int], test: [Int]) {
            self.train = train
            self.test = test
        }
    }

    /// The fold (0..<k) of each row, stratified: the shuffled rows of class 0,
    /// then those of class 1, are dealt to folds 0, 1, …, k − 1, 0, 1, … in one
    /// run, so every fold holds ⌊n_c/k⌋ or ⌈n_c/k⌉ rows of each class c and
    /// ⌊n/k⌋ or ⌈n/k⌉ rows in all (as scikit-learn's `StratifiedKFold` balances).
    ///
    /// - Throws: `ModelError.invalidArgument` when k < 2 or k exceeds the rows of
    ///   the smaller class, `.empty` with no rows, `.badLabel` for a label other
    ///   than 0 or 1, `.oneClass` when all rows share one label.
    public static func stratifiedFolds(labels: [Int], folds k: Int, seed: UInt64) throws(ModelError) -> [Int] {
        var rng = Xoshiro256StarStar(seed: seed)
        return try stratifiedFolds(labels: labels, folds: k, using: &rng)
    }

    /// `stratifiedFolds(labels:folds:seed:)` drawing from `rng`.
    public static func stratifiedFolds(labels: [Int], folds k: Int,
                                       using rng: inout Xoshiro256StarStar) throws(ModelError) -> [Int] {
        guard k >= 2 else { throw .invalidArgument("k-fold needs at least 2 folds, got \(k)") }
        let classes = try shuffledClasses(labels, using: &rng)
        let smaller = classes[0].count <= classes[1].count ? 0 : 1
        guard k <= classes[smaller].count else {
            throw .invalidArgument("\(k) folds need at least \(k) rows of each class; class \(smaller) has \(classes[smaller].count)")
        }
        var fold = [Int](repeating: 0, count: labels.count)
        for (position, row) in (classes[0] + classes[1]).enumerated() { fold[row] = position % k }
        return fold
    }

    /// The train (every other fold) and test (fold `fold`) rows of a fold assignment.
    public static func split(folds assignment: [Int], test fold: Int) -> Split {
        Split(train: assignment.indices.filter { assignment[$0] != fold },
              test: assignment.indices.filter { assignment[$0] == fold })
    }

    /// A stratified random split: of the n_c rows of each class, round(f · n_c)
    /// (half away from zero), kept within 1…n_c − 1, go to the test side, so both
    /// sides hold both classes and the class shares are kept.
    ///
    /// - Throws: `ModelError.invalidArgument` unless 0 < `testFraction` < 1 or
    ///   when a class has fewer than 2 rows; `.empty`, `.badLabel`, `.oneClass` as
    ///   for `stratifiedFolds`.
    public static func stratifiedSplit(labels: [Int], testFraction: Double, seed: UInt64) throws(ModelError) -> Split {
        var rng = Xoshiro256StarStar(seed: seed)
        return try stratifiedSplit(labels: labels, testFraction: testFraction, using: &rng)
    }

    /// `stratifiedSplit(labels:testFraction:seed:)` drawing from `rng`.
    public static func stratifiedSplit(labels: [Int], testFraction f: Double,
                                       using rng: inout Xoshiro256StarStar) throws(ModelError) -> Split {
        guard f > 0, f < 1 else { throw .invalidArgument("testFraction must be in (0, 1), got \(f)") }
        let classes = try shuffledClasses(labels, using: &rng)
        var train: [Int] = [], test: [Int] = []
        for (c, rows) in classes.enumerated() {
            guard rows.count >= 2 else {
                throw .invalidArgument("a stratified split needs at least 2 rows of each class; class \(c) has \(rows.count)")
            }
            let t = Swift.min(Swift.max(Int((f * Double(rows.count)).rounded()), 1), rows.count - 1)
            test += rows[..<t]
            train += rows[t...]
        }
        return Split(train: train.sorted(), test: test.sorted())
    }

    /// An out-of-time split: train = the rows with key < `cutoff`, test = the rows
    /// with key ≥ `cutoff` (keys such as days since an epoch, or yyyymm).
    ///
    /// - Throws: `ModelError.invalidArgument` for keys and labels of different
    ///   lengths, `.empty` when either side has no rows, `.badLabel`, and
    ///   `.oneClass` naming the side that has only one class.
    public static func outOfTime(keys: [Int], cutoff: Int, labels: [Int]) throws(ModelError) -> Split {
        guard keys.count == labels.count else {
            throw .invalidArgument("keys has \(keys.count) rows but labels has \(labels.count)")
        }
        guard let first = keys.min(), let last = keys.max() else { throw .empty("no rows to split") }
        let y = try ValidationInput.checkedLabels(labels)
        let train = keys.indices.filter { keys[$0] < cutoff }
        let test = keys.indices.filter { keys[$0] >= cutoff }
        guard !train.isEmpty else { throw .empty("no rows before the cutoff \(cutoff) (keys run from \(first) to \(last))") }
        guard !test.isEmpty else { throw .empty("no rows at or after the cutoff \(cutoff) (keys run from \(first) to \(last))") }
        for (side, rows) in [("train rows (key < \(cutoff))", train), ("test rows (key ≥ \(cutoff))", test)] {
            let positives = rows.reduce(0) { $0 + y[$1] }
            if positives == 0 || positives == rows.count {
                throw .oneClass(column: "label of the \(side)", label: y[rows[0]], rows: rows.count)
            }
        }
        return Split(train: train, test: test)
    }

    /// The rows of class 0 and of class 1, each shuffled (class 0 drawn first).
    private static func shuffledClasses(_ labels: [Int],
                                        using rng: inout Xoshiro256StarStar) throws(ModelError) -> [[Int]] {
        guard !labels.isEmpty else { throw .empty("no rows to split") }
        let y = try ValidationInput.checkedLabels(labels)
        var classes: [[Int]] = [[], []]
        for (row, label) in y.enumerated() { classes[label].append(row) }
        if let missing = classes.firstIndex(where: \.isEmpty) {
            throw .oneClass(column: "label", label: 1 - missing, rows: labels.count)
        }
        for c in 0..<2 { shuffle(&classes[c], using: &rng) }
        return classes
    }

    /// Fisher–Yates, from the last position down, j uniform in 0…i.
    private static func shuffle(_ rows: inout [Int], using rng: inout Xoshiro256StarStar) {
        guard rows.count > 1 else { return }
        for i in stride(from: rows.count - 1, to: 0, by: -1) {
            rows.swapAt(i, rng.integer(in: 0...i))
        }
    }
}
