import Testing
@testable import SolventModels

/// AUC, Gini and KS on examples worked by hand.
@Suite struct ValidationDiscriminationTests {
    /// scikit-learn's `roc_auc_score` doc example: of the 4 (positive, negative)
    /// pairs, (0.35, 0.1), (0.8, 0.1) and (0.8, 0.4) are ordered, (0.35, 0.4) is not.
    @Test func aucOfFourPointsByHand() throws {
        let v = try BinaryValidation(labels: [0, 0, 1, 1], probabilities: [0.1, 0.4, 0.35, 0.8])
        #expect(v.auc == 0.75)
        #expect(v.gini == 0.5)
    }

    /// A tied (positive, negative) pair counts half: (0.2~0.2) ½, (0.2, 0.6) 0, (0.9, ·) 1 + 1.
    @Test func tiesCountHalf() throws {
        let v = try BinaryValidation(labels: [0, 1, 0, 1], probabilities: [0.2, 0.2, 0.6, 0.9])
        #expect(v.auc == 2.5 / 4)
        let allTied = try BinaryValidation(labels: [0, 1, 0, 1], probabilities: [0.3, 0.3, 0.3, 0.3])
        #expect(allTied.auc == 0.5)
        #expect(allTied.ks == 0)
        #expect(allTied.ksThreshold == 0.3)
    }

    /// Sorted: 0.1 n, 0.35 p, 0.4 n, 0.8 p. F₋ − F₊ after each score: ½, 0, ½ (and 0 at the top);
    /// the first maximum is below 0.35: predicting default for p ≥ 0.35 gives TPR 1, FPR ½.
    @Test func ksOfFourPointsByHand() throws {
        let v = try BinaryValidation(labels: [0, 0, 1, 1], probabilities: [0.1, 0.4, 0.35, 0.8])
        #expect(v.ks == 0.5)
        #expect(v.ksThreshold == 0.35)
    }

    /// Sorted: 0.1 n, 0.2 n, 0.25 p, 0.3 n, 0.5 p, 0.6 p: |F₊ − F₋| = ⅓, ⅔, ⅓, ⅔, ⅓;
    /// the first ⅔ is reached below 0.25 (TPR 1, FPR ⅓ at p ≥ 0.25).
    @Test func ksOfSixPointsByHand() throws {
        let v = try BinaryValidation(labels: [0, 0, 0, 1, 1, 1], probabilities: [0.1, 0.2, 0.3, 0.25, 0.5, 0.6])
        #expect(abs(v.ks - 2.0 / 3) < 1e-15)
        #expect(v.ksThreshold == 0.25)
        #expect(abs(v.auc - 8.0 / 9) < 1e-15)
    }

    /// A model that ranks backwards: AUC 0, Gini −1, KS 1 (|TPR − FPR| is symmetric).
    @Test func aReversedModel() throws {
        let v = try BinaryValidation(labels: [1, 1, 0, 0], probabilities: [0.1, 0.2, 0.7, 0.9])
        #expect(v.auc == 0)
        #expect(v.gini == -1)
        #expect(v.ks == 1)
        #expect(v.ksThreshold == 0.7)
    }

    /// Weights multiply pairs: positive 0.6 (w 3) vs negatives 0.4 (w 1) and 0.8 (w 2):
    /// AUC = 3·1 / (3·3) = ⅓; the negative at 0.8 dominates.
    @Test func weightsMultiplyPairs() throws {
        let v = try BinaryValidation(labels: [0, 1, 0], probabilities: [0.4, 0.6, 0.8], weights: [1, 3, 2])
        #expect(v.auc == 1.0 / 3)
        #expect(v.positives == 3)
        #expect(v.weight == 6)
        // Sorted: 0.4 n(1/3), 0.6 p(1): |F₊ − F₋| = ⅓ then |1 − ⅓| = ⅔.
        #expect(abs(v.ks - 2.0 / 3) < 1e-15)
        #expect(v.ksThreshold == 0.8)
    }
}
