import Foundation

/// What an article's metadata says about it that helps read its publication date.
public struct DateContext: Sendable, Hashable {
    /// The article's language (`fa`, `ar`, `en-GB`, …) from its metadata or letters; nil when unknown.
    public var language: String?
    /// The day of ingest (UTC): dates more than ``DateParser/futureDays`` after it are suspect.
    public var today: CalendarDate

    public init(language: String?, today: CalendarDate = .today()) {
        self.language = language
        self.today = today
    }
}

/// The result of reading a publication date.
public enum DateReading: Sendable, Hashable {
    /// A date to keep (Gregorian).
    case date(CalendarDate)
    /// A date was written but cannot be right: why (an impossible day or time, a year far from
    /// the time of ingest). The article keeps no date.
    case refused(String)
    /// Nothing that reads as a date.
    case unreadable
}

/// The calendar of a numeric date (`1399/05/14`, `١٤٤٥-٠١-٠١`).
///
/// A year from 1300 to 1500 is rarely a Gregorian year in news (it would be before 1900 and is
/// refused as suspect), but it is the current era of two calendars: Solar Hijri (Iran,
/// Afghanistan; 1300–1420 is 1921–2041) and Hijri (the Arab world; 1350–1470 is 1931–2048). The
/// ranges overlap, so the year alone cannot decide. The rule, in order:
/// 1. The digits: Persian digits (`۰–۹`) are written in Iran and Afghanistan → Solar Hijri;
///    Arabic-Indic digits (`٠–٩`) in the Arab world → Hijri.
/// 2. The article's language (metadata, else its letters: `پ چ ژ گ ک ی` are Persian):
///    Persian, Dari or Pashto → Solar Hijri; Arabic → Hijri.
/// 3. Otherwise Gregorian, which for these years means a date before 1900: refused, with a note
///    saying how to give the calendar.
///
/// Separators are not used: Iranian and Arab sites both write `/` and `-`.
public enum NumericCalendar: String, Sendable {
    case gregorian = "Gregorian"
    case solarHijri = "Solar Hijri"
    case hijri = "Hijri"

    /// Years that may be Solar Hijri or Hijri rather than Gregorian.
    public static let hijriEra = 1300...1500

    /// The calendar of a numeric date with this year, written with these digits, in this language.
    public static func of(year: Int, writtenAs value: String, language: String?) -> NumericCalendar {
        guard hijriEra.contains(year) else { return .gregorian }
        for scalar in value.unicodeScalars {
            if (0x06F0...0x06F9).contains(scalar.value) { return .solarHijri }
            if (0x0660...0x0669).contains(scalar.value) { return .hijri }
        }
        let code = language?.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init)
        switch code {
        case "fa", "fas", "per", "prs", "ps", "pus": return .solarHijri
        case "ar", "ara": return .hijri
        default: return .gregorian
        }
    }
}

extension DateParser {
    /// Publication dates before this are suspect: no news archive Isnad reads is older.
    public static let earliest = CalendarDate(year: 1900, month: 1, day: 1)
    /// Publication dates more than this many days after the day of ingest are suspect (time
    /// zones and clocks explain a day or so, not more).
    public static let futureDays = 2

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]

    /// Reads a publication date from metadata (`2018-03-11T09:30:00+03:00`, `۱۳۹۹/۰۵/۱۴`,
    /// `Sun, 11 Mar 2018 09:30:00 GMT`): converts Solar Hijri and Hijri dates (see
    /// ``NumericCalendar``), refuses impossible days and times and dates before 1900 or more
    /// than two days after `context.today`, each with the reason.
    public static func publication(_ value: String, context: DateContext) -> DateReading {
        let written = value.trimmingCharactersInSet()
        let text = Digits.toASCII(written)
        let scalars = Array(text.unicodeScalars)
        let fields: (year: Int, month: Int, day: Int, rest: Int)?
        if scalars.count >= 10, let y = number(scalars, 0, 4), scalars[4] == "-" || scalars[4] == "/",
           let m = number(scalars, 5, 2), scalars[7] == scalars[4], let d = number(scalars, 8, 2) {
            fields = (y, m, d, 10)
        } else if scalars.count == 8, let y = number(scalars, 0, 4), let m = number(scalars, 4, 2), let d = number(scalars, 6, 2) {
            fields = (y, m, d, 8)
        } else {
            fields = nil
        }
        guard let fields else {
            guard let date = find(in: text) else { return .unreadable }
            return check(date, context)
        }
        if let problem = timeProblem(scalars[fields.rest...]) { return .refused("not a real time: \(problem)") }
        let calendar = NumericCalendar.of(year: fields.year, writtenAs: written, language: context.language)
        switch calendar {
        case .gregorian:
            let date = CalendarDate(year: fields.year, month: fields.month, day: fields.day)
            guard (1...12).contains(fields.month) else { return .refused("not a real date: there is no month \(fields.month)") }
            guard date.isValid else {
                let days = CalendarDate.daysInMonth(year: fields.year, month: fields.month)
                return .refused("not a real date: \(monthNames[fields.month - 1]) \(fields.year) has \(days) days")
            }
            if fields.year < earliest.year, NumericCalendar.hijriEra.contains(fields.year) {
                return .refused("the year \(fields.year) is before 1900; if it is a Solar Hijri or Hijri year, give the article's "
                    + "language (fa or ar) or write the date in Persian or Arabic digits")
            }
            return check(date, context)
        case .solarHijri, .hijri:
            guard (1...12).contains(fields.month) else { return .refused("not a real \(calendar.rawValue) date: there is no month \(fields.month)") }
            let longest = calendar == .hijri ? 30 : jalaliMonthLength(year: fields.year, month: fields.month)
            guard (1...longest).contains(fields.day) else {
                return .refused("not a real \(calendar.rawValue) date: month \(fields.month) of \(fields.year) has \(longest) days")
            }
            let date = calendar == .hijri
                ? CalendarDate.fromHijri(year: fields.year, month: fields.month, day: fields.day)
                : CalendarDate.fromJalali(year: fields.year, month: fields.month, day: fields.day)
            return check(date, context)
        }
    }

    /// The date, or why it is suspect: before 1900 or more than two days after the day of ingest.
    static func check(_ date: CalendarDate, _ context: DateContext) -> DateReading {
        if date < earliest {
            return .refused("\(date) is before 1900: too early for a news report (a wrong field, or a placeholder such as 0001-01-01?)")
        }
        let latest = CalendarDate(julianDay: context.today.julianDay + futureDays)
        if latest < date {
            return .refused("\(date) is more than \(futureDays) days after the day of ingest (\(context.today)): "
                + "a wrong field, or a placeholder such as 9999-12-31?")
        }
        return .date(date)
    }

    /// Days in a Solar Hijri month: 31 in the first six, 30 in the next five, 29 or 30 in Esfand.
    static func jalaliMonthLength(year: Int, month: Int) -> Int {
        if month <= 6 { return 31 }
        if month <= 11 { return 30 }
        let leap = CalendarDate.fromJalali(year: year, month: 12, day: 30) != CalendarDate.fromJalali(year: year + 1, month: 1, day: 1)
        return leap ? 30 : 29
    }

    /// What is wrong with the time after a date (`T25:61:61Z`), or nil when it is absent, valid
    /// or not a time at all (the date alone is kept then, as before).
    static func timeProblem(_ rest: ArraySlice<Unicode.Scalar>) -> String? {
        guard let first = rest.first, first == "T" || first == " " else { return nil }
        let s = Array(rest.dropFirst())
        guard let hour = number(s, 0, 2), s.count >= 5, s[2] == ":", let minute = number(s, 3, 2) else { return nil }
        if hour > 23 { return "hour \(hour)" }
        if minute > 59 { return "minute \(minute)" }
        if s.count >= 8, s[5] == ":", let second = number(s, 6, 2), second > 60 { return "second \(second)" }
        return nil
    }
}

extension CalendarDate {
    /// Today's date in UTC.
    public static func today() -> CalendarDate {
        let days = Int((Date().timeIntervalSince1970 / 86_400).rounded(.down))
        return CalendarDate(julianDay: 2_440_588 + days)
    }
}
