import Testing
@testable import Receivables

@Suite struct CalendarDateBusinessTests {
    @Test func businessDayHelpers() {
        let saturday = CalendarDate(year: 2026, month: 11, day: 28)!
        #expect(saturday.nextBusinessDay.description == "2026-11-30")
        #expect(saturday.previousBusinessDay.description == "2026-11-27")
        #expect(CalendarDate.clamped(year: 2026, month: 14, day: 31).description == "2027-02-28")
        #expect(CalendarDate(year: 2024, month: 11, day: 5)!.months(to: CalendarDate(year: 2026, month: 1, day: 1)!) == 14)
    }
}
