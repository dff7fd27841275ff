import Testing
@testable import Receivables

@Suite struct CalendarDateTests {
    @Test func roundTripsEveryDayOfFourCenturies() {
        // 1900-01-01 … 2300-12-31 through both conversions.
        var previous: CalendarDate?
        for n in -25_567...121_000 {
            let d = CalendarDate(dayNumber: n)
            let (y, m, day) = d.components
            #expect(CalendarDate(year: y, month: m, day: day) == d)
            if let p = previous { #expect(p.dayNumber + 1 == d.dayNumber) }
            previous = d
        }
    }

    @Test func knownDates() {
        #expect(CalendarDate(year: 1970, month: 1, day: 1)?.dayNumber == 0)
        #expect(CalendarDate(year: 2000, month: 3, day: 1)?.dayNumber == 11_017)
        #expect(CalendarDate(year: 2026, month: 11, day: 29)?.weekday == 7)
        #expect(CalendarDate(year: 2026, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2026, month: 13, day: 1) == nil)
    }

    @Test func isoParsingIsExact() {
        #expect(CalendarDate(iso: "2026-01-31")?.description == "2026-01-31")
        #expect(CalendarDate(iso: "2026-1-31") == nil)
        #expect(CalendarDate(iso: "2026-02-31") == nil)
        #expect(CalendarDate(iso: "26-01-31") == nil)
        #expect(CalendarDate(iso: "2026-01-3x") == nil)
    }

    @Test func monthArithmeticClampsToMonthEnd() {
        let jan31 = CalendarDate(year: 2026, month: 1, day: 31)!
        #expect(jan31.adding(months: 1).description == "2026-02-28")
        #expect(jan31.adding(months: -2).description == "2025-11-30")
        #expect(jan31.startOfMonth.description == "2026-01-01")
        #expect(CalendarDate(year: 2024, month: 2, day: 10)!.endOfMonth.description == "2024-02-29")
        #expect(jan31.days(to: CalendarDate(year: 2026, month: 3, day: 1)!) == 29)
    }
}
