import Testing
@testable import SolventModels

@Suite struct MissingMaskTests {
    @Test func appendAndSetAcrossWordBoundaries() {
        var mask = MissingMask()
        for row in 0..<130 { mask.append(missing: row % 64 == 63) }
        #expect(mask.rowCount == 130)
        #expect(mask.missingCount == 2)
        #expect(mask[63] && mask[127] && !mask[0] && !mask[129])
        #expect(mask.firstMissing == 63)
        mask.setMissing(129)
        mask.setMissing(129)
        #expect(mask.missingCount == 3)
    }

    @Test func fromFlagsEqualsBuiltRowByRow() {
        let flags = (0..<100).map { $0 % 7 == 3 }
        var built = MissingMask()
        for f in flags { built.append(missing: f) }
        #expect(MissingMask(flags) == built)
        #expect(MissingMask(flags).missingCount == flags.filter { $0 }.count)
    }

    @Test func emptyMaskHasNoMissing() {
        let mask = MissingMask(rowCount: 1000)
        #expect(!mask.hasMissing)
        #expect(mask.firstMissing == nil)
    }

    @Test func selectingRowsFollowsTheIndices() {
        let mask = MissingMask([false, true, false, true])
        #expect(mask.selecting(rows: [3, 3, 0, 1]) == MissingMask([true, true, false, true]))
    }
}
