import SolventNumerics
import Testing
@testable import SolventModels

/// Stratified k-fold, the stratified random split and the out-of-time split.
@Suite struct ValidationCrossValidationTests {
    /// 103 rows, 23 of class 1 (every row whose index is a multiple of 4 up to 88, and 0).
    private let labels = (0..<103).map { $0 % 4 == 0 && $0 < 90 ? 1 : 0 }

    @Test func foldsAreStratifiedAndNearEqual() throws {
        #expect(labels.filter { $0 == 1 }.count == 23)
        let folds = try CrossValidation.stratifiedFolds(labels: labels, folds: 5, seed: 42)
        #expect(folds.count == 103)
        for f in 0..<5 {
            let rows = folds.indices.filter { folds[$0] == f }
            let positives = rows.filter { labels[$0] == 1 }.count
            #expect((20...21).contains(rows.count))                 // 103 / 5
            #expect((4...5).contains(positives))                    // 23 / 5
            #expect((16...16).contains(rows.count - positives))     // 80 / 5
        }
    }

    @Test func foldsAreDeterministicForASeed() throws {
        let a = try CrossValidation.stratifiedFolds(labels: labels, folds: 4, seed: 7)
        let b = try CrossValidation.stratifiedFolds(labels: labels, folds: 4, seed: 7)
        let c = try CrossValidation.stratifiedFolds(labels: labels, folds: 4, seed: 8)
        #expect(a == b)
        #expect(a != c)
        var rng = Xoshiro256StarStar(seed: 7)
        #expect(try CrossValidation.stratifiedFolds(labels: labels, folds: 4, using: &rng) == a)
    }

    @Test func aFoldSplitPartitionsTheRows() throws {
        let folds = try CrossValidation.stratifiedFolds(labels: labels, folds: 3, seed: 1)
        let split = CrossValidation.split(folds: folds, test: 2)
        #expect(split.test.allSatisfy { folds[$0] == 2 })
        #expect(split.train.allSatisfy { folds[$0] != 2 })
        #expect((split.train + split.test).sorted() == Array(0..<103))
        #expect(split.train == split.train.sorted())
    }

    @Test func foldErrorsSayWhatIsWrong() {
        func message(_ labels: [Int], _ k: Int) -> String? {
            do { _ = try CrossValidation.stratifiedFolds(labels: labels, folds: k, seed: 1); return nil } catch {
                return error.description
            }
        }
        #expect(message(labels, 1) == "invalid argument: k-fold needs at least 2 folds, got 1")
        #expect(message([0, 1, 0, 1, 0, 0], 3) == "invalid argument: 3 folds need at least 3 rows of each class; class 1 has 2")
        #expect(message([0, 0, 0], 2) == "target 'label' has only one class: all 3 rows are 0; a default model needs both 0 and 1")
        #expect(message([0, 1, -1], 2) == "target 'label' must be 0 or 1; row 3 has '-1'")
        #expect(message([], 2) == "not enough data: no rows to split")
    }

    /// Of 80 zeros and 23 ones, round(0.25·80) = 20 and round(0.25·23) = round(5.75) = 6 go to test.
    @Test func stratifiedSplitKeepsTheClassShares() throws {
        let split = try CrossValidation.stratifiedSplit(labels: labels, testFraction: 0.25, seed: 3)
        #expect(split.test.count == 26)
        #expect(split.test.filter { labels[$0] == 1 }.count == 6)
        #expect((split.train + split.test).sorted() == Array(0..<103))
        #expect(split.test == split.test.sorted())
        #expect(try CrossValidation.stratifiedSplit(labels: labels, testFraction: 0.25, seed: 3) == split)
        #expect(try CrossValidation.stratifiedSplit(labels: labels, testFraction: 0.25, seed: 4) != split)
        // A tiny fraction still leaves one row of each class on each side.
        let tiny = try CrossValidation.stratifiedSplit(labels: [0, 1, 0, 1, 0], testFraction: 0.01, seed: 1)
        #expect(tiny.test.map { [0, 1, 0, 1, 0][$0] }.sorted() == [0, 1])
    }

    @Test func stratifiedSplitErrors() {
        func message(_ labels: [Int], _ f: Double) -> String? {
            do { _ = try CrossValidation.stratifiedSplit(labels: labels, testFraction: f, seed: 1); return nil } catch {
                return error.description
            }
        }
        #expect(message(labels, 0) == "invalid argument: testFraction must be in (0, 1), got 0.0")
        #expect(message(labels, 1) == "invalid argument: testFraction must be in (0, 1), got 1.0")
        #expect(message([0, 0, 1], 0.5)
                == "invalid argument: a stratified split needs at least 2 rows of each class; class 1 has 1")
        #expect(message([1, 1], 0.5) == "target 'label' has only one class: all 2 rows are 1; a default model needs both 0 and 1")
    }

    @Test func outOfTimeSplitsAtTheCutoff() throws {
        let keys = [100, 105, 110, 120, 99, 130, 121]
        let y = [0, 1, 0, 1, 1, 0, 0]
        let split = try CrossValidation.outOfTime(keys: keys, cutoff: 110, labels: y)
        #expect(split.train == [0, 1, 4])
        #expect(split.test == [2, 3, 5, 6])
    }

    @Test func outOfTimeErrors() {
        func message(_ keys: [Int], _ cutoff: Int, _ y: [Int]) -> String? {
            do { _ = try CrossValidation.outOfTime(keys: keys, cutoff: cutoff, labels: y); return nil } catch {
                return error.description
            }
        }
        #expect(message([1, 2], 2, [0]) == "invalid argument: keys has 2 rows but labels has 1")
        #expect(message([], 2, []) == "not enough data: no rows to split")
        #expect(message([5, 9], 5, [0, 1]) == "not enough data: no rows before the cutoff 5 (keys run from 5 to 9)")
        #expect(message([5, 9], 10, [0, 1]) == "not enough data: no rows at or after the cutoff 10 (keys run from 5 to 9)")
        #expect(message([1, 2, 3, 4], 3, [0, 0, 1, 0])
                == "target 'label of the train rows (key < 3)' has only one class: all 2 rows are 0; a default model needs both 0 and 1")
        #expect(message([1, 2, 3, 4], 3, [0, 1, 1, 1])
                == "target 'label of the test rows (key ≥ 3)' has only one class: all 2 rows are 1; a default model needs both 0 and 1")
        #expect(message([1, 2, 3, 4], 3, [0, 1, 2, 1]) == "target 'label' must be 0 or 1; row 3 has '2'")
    }
}
