/// A calendar date without time zone: what news datelines carry.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// ISO 8601 `yyyy-MM-dd`.
    public var description: String {
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// Whether the fields form a real Gregorian date.
    public var isValid: Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        return day <= CalendarDate.daysInMonth(year: year, month: month)
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysInMonth(year: Int, month: Int) -> Int {
        let days = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return days[month - 1]
    }

    /// Julian day number, for day arithmetic and weekday resolution.
    public var julianDay: Int {
        let a = (14 - month) / 12
        let y = year + 4800 - a
        let m = month + 12 * a - 3
        return day + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045
    }

    /// The Gregorian date of a Julian day number.
    public init(julianDay jd: Int) {
        let a = jd + 32044
        let b = (4 * a + 3) / 146097
        let c = a - 146097 * b / 4
        let d = (4 * c + 3) / 1461
        let e = c - 1461 * d / 4
        let m = (5 * e + 2) / 153
        day = e - (153 * m + 2) / 5 + 1
        month = m + 3 - 12 * (m / 10)
        year = 100 * b + d - 4800 + m / 10
    }

    /// 0 = Sunday … 6 = Saturday.
    public var weekday: Int { (julianDay + 1) % 7 }

    /// Converts a Solar Hijri (Jalali) date, as used in Iran and Afghanistan.
    public static func fromJalali(year jy: Int, month jm: Int, day jd: Int) -> CalendarDate {
        let y = jy + 1595
        var days = -355668 + 365 * y + (y / 33) * 8 + ((y % 33) + 3) / 4 + jd
            + (jm < 7 ? (jm - 1) * 31 : (jm - 7) * 30 + 186)
        var gy = 400 * (days / 146097)
        days %= 146097
        if days > 36524 {
            days -= 1
            gy += 100 * (days / 36524)
            days %= 36524
            if days >= 365 { days += 1 }
        }
        gy += 4 * (days / 1461)
        days %= 1461
        if days > 365 {
            gy += (days - 1) / 365
            days = (days - 1) % 365
        }
        var gd = days + 1
        var gm = 1
        while gm <= 12 && gd > daysInMonth(year: gy, month: gm) {
            gd -= daysInMonth(year: gy, month: gm)
            gm += 1
        }
        return CalendarDate(year: gy, month: gm, day: gd)
    }

    /// Converts a Hijri (Islamic) date with the tabular calendar; may differ by a day from
    /// sighting-based calendars.
    public static func fromHijri(year: Int, month: Int, day: Int) -> CalendarDate {
        let jd = (11 * year + 3) / 30 + 354 * year + 30 * month - (month - 1) / 2 + day + 1948440 - 385
        return CalendarDate(julianDay: jd)
    }
}
