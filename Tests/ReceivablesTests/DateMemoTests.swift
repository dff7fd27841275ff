import Testing
@testable import Receivables

@Suite struct DateMemoTests {
    func key(_ text: String) -> CodeTable.PackedKey {
        var t = text
        return t.withUTF8 { CodeTable.pack($0, fold: false) }
    }

    @Test func keepsWhatWasStoredByExactText() {
        let memo = DateMemo()
        defer { memo.deallocate() }
        #expect(memo.dayNumber(key("2026-01-31")) == nil)
        memo.store(key("2026-01-31"), 20_484)
        #expect(memo.dayNumber(key("2026-01-31")) == 20_484)
        #expect(memo.dayNumber(key(" 2026-01-31")) == nil)
        #expect(memo.dayNumber(key("2026-01-3")) == nil)
        #expect(memo.dayNumber(key("")) == nil)
    }

    @Test func aSharedSlotHoldsTheLatestAndNothingIsMisread() {
        let memo = DateMemo()
        defer { memo.deallocate() }
        // More texts than slots: every answer is either absent or the stored day.
        for d in 0..<10_000 { memo.store(key("d\(d)"), d) }
        for d in 0..<10_000 {
            if let found = memo.dayNumber(key("d\(d)")) { #expect(found == d) }
        }
        #expect(memo.dayNumber(key("d9999")) == 9_999)
        memo.store(key("big"), Int(Int32.max) + 1)
        #expect(memo.dayNumber(key("big")) == nil)
    }
}
