// Small calendar helpers for business dates, on top of `CalendarDate`.

extension CalendarDate {
    /// The date `day` of `year-month`, clamped to the month's last day (day 31 in April is the 30th).
    /// `month` may run past 1...12; it is normalised into the year.
    public static func clamped(year: Int, month: Int, day: Int) -> CalendarDate {
        let total = year * 12 + (month - 1)
        let y = total / 12, m = total % 12 + 1
        let last = daysIn(year: y, month: m)
        let first = CalendarDate(year: y, month: m, day: 1)?.dayNumber ?? 0
        return CalendarDate(dayNumber: first + min(max(day, 1), last) - 1)
    }

    /// Saturday and Sunday move to the following Monday; weekdays stay.
    public var nextBusinessDay: CalendarDate {
        switch weekday {
        case 6: return adding(days: 2)
        case 7: return adding(days: 1)
        default: return self
        }
    }

    /// Saturday and Sunday move back to the preceding Friday; weekdays stay.
    public var previousBusinessDay: CalendarDate {
        switch weekday {
        case 6: return adding(days: -1)
        case 7: return adding(days: -2)
        default: return self
        }
    }

    /// Whole months from `self`'s month to `other`'s month (calendar months, ignoring days).
    public func months(to other: CalendarDate) -> Int {
        let a = components, b = other.components
        return (b.year - a.year) * 12 + (b.month - a.month)
    }
}
