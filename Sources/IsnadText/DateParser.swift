/// Reads dates as news pages and texts write them: ISO 8601, RFC 822 (feeds), and datelines
/// with month names in English, Arabic (Levantine and Egyptian month names), Persian (Jalali
/// and Gregorian month names) and Hijri, with digits in any script.
public enum DateParser {
    static let gregorianMonths: [String: Int] = {
        var table: [String: Int] = [:]
        let names: [[String]] = [
            ["january", "jan", "كانون الثاني", "يناير", "ژانویه", "ژانویهٔ"],
            ["february", "feb", "شباط", "فبراير", "فوریه"],
            ["march", "mar", "آذار", "مارس"],
            ["april", "apr", "نيسان", "أبريل", "ابريل", "آوريل", "آپریل"],
            ["may", "أيار", "مايو", "مه", "می"],
            ["june", "jun", "حزيران", "يونيو", "يونيه", "ژوئن"],
            ["july", "jul", "تموز", "يوليو", "يوليه", "ژوئیه", "جولای"],
            ["august", "aug", "آب", "أغسطس", "اغسطس", "اوت", "آگوست"],
            ["september", "sep", "sept", "أيلول", "سبتمبر", "سپتامبر"],
            ["october", "oct", "تشرين الأول", "أكتوبر", "اكتوبر", "اکتبر"],
            ["november", "nov", "تشرين الثاني", "نوفمبر", "نوامبر"],
            ["december", "dec", "كانون الأول", "ديسمبر", "دسامبر"],
        ]
        for (index, list) in names.enumerated() {
            for name in list { table[MatchingKey.keys(of: name).joined(separator: " ")] = index + 1 }
        }
        return table
    }()

    static let jalaliMonths: [String: Int] = {
        let names = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"]
        var table: [String: Int] = [:]
        for (index, name) in names.enumerated() { table[MatchingKey.key(name)] = index + 1 }
        return table
    }()

    /// Normalises a metadata date (`2018-03-11T09:30:00+03:00`, `Sun, 11 Mar 2018 09:30:00 GMT`,
    /// `20180311`, `۱۳۹۹/۰۵/۱۴`) to ISO `yyyy-MM-dd`, or nil when it cannot be read or is refused
    /// (see ``publication(_:context:)``, which also says why, and takes the article's language).
    public static func normalize(_ value: String) -> String? {
        if case .date(let date) = publication(value, context: DateContext(language: nil)) { return date.description }
        return nil
    }

    /// A date written in a dateline within the first lines of `text` (`دمشق، 11 آذار 2018`,
    /// `TEHRAN, March 12, 2018`, `۲۱ اسفند ۱۳۹۶`), as ISO `yyyy-MM-dd`.
    public static func dateline(in text: String) -> String? {
        let head = Array(text.unicodeScalars.prefix(400))
        // A dateline holds a four-digit year: tokenize only a window around each candidate year,
        // so leads without one cost a scan and nothing more.
        var run = 0
        var i = 0
        while i < head.count {
            if Digits.asciiDigit(head[i]) != nil {
                run += 1
                let endsRun = i + 1 == head.count || Digits.asciiDigit(head[i + 1]) == nil
                if run == 4 && endsRun {
                    let start = max(0, i - 60)
                    let end = min(head.count, i + 40)
                    if let date = find(in: String(String.UnicodeScalarView(head[start..<end]))),
                       case .date = check(date, DateContext(language: nil)) {
                        return date.description
                    }
                }
            } else {
                run = 0
            }
            i += 1
        }
        return nil
    }

    /// The first day-month-year (or month-day-year) date in `text`.
    public static func find(in text: String) -> CalendarDate? {
        let tokens = WordTokenizer.tokens(in: text)
        var i = 0
        while i < tokens.count {
            // day month year
            if tokens[i].isNumber, let day = Int(tokens[i].key), (1...31).contains(day) {
                var j = i + 1
                if j < tokens.count, tokens[j].key == "من" || tokens[j].key == "of" { j += 1 }
                if let (month, calendar, next) = monthName(tokens, j), next < tokens.count,
                   let year = yearValue(tokens, next) {
                    if let date = make(calendar: calendar, year: year, month: month, day: day) { return date }
                }
            }
            // month day, year
            if let (month, calendar, next) = monthName(tokens, i), calendar == .gregorian, next + 1 < tokens.count,
               tokens[next].isNumber, let day = Int(tokens[next].key), (1...31).contains(day),
               let year = yearValue(tokens, next + 1) {
                if let date = make(calendar: .gregorian, year: year, month: month, day: day) { return date }
            }
            i += 1
        }
        return nil
    }

    enum Calendar { case gregorian, jalali }

    static func make(calendar: Calendar, year: Int, month: Int, day: Int) -> CalendarDate? {
        switch calendar {
        case .gregorian:
            let date = CalendarDate(year: year, month: month, day: day)
            return date.isValid && (1900...2100).contains(year) ? date : nil
        case .jalali:
            guard (1300...1500).contains(year), (1...31).contains(day) else { return nil }
            return CalendarDate.fromJalali(year: year, month: month, day: day)
        }
    }

    static func monthName(_ tokens: [Token], _ i: Int) -> (Int, Calendar, Int)? {
        guard i < tokens.count else { return nil }
        if i + 1 < tokens.count, let m = gregorianMonths[tokens[i].key + " " + tokens[i + 1].key] {
            return (m, .gregorian, i + 2)
        }
        if let m = jalaliMonths[tokens[i].key] { return (m, .jalali, i + 1) }
        if let m = gregorianMonths[tokens[i].key] {
            // "آذار/مارس": a second month name for the same month may follow.
            if i + 1 < tokens.count, gregorianMonths[tokens[i + 1].key] == m { return (m, .gregorian, i + 2) }
            return (m, .gregorian, i + 1)
        }
        return nil
    }

    static func yearValue(_ tokens: [Token], _ i: Int) -> Int? {
        guard i < tokens.count, tokens[i].isNumber, tokens[i].key.count == 4 else { return nil }
        return Int(tokens[i].key)
    }

    static func number(_ s: [Unicode.Scalar], _ start: Int, _ length: Int) -> Int? {
        guard start + length <= s.count else { return nil }
        var v = 0
        for k in start..<(start + length) {
            guard s[k].value >= 0x30, s[k].value <= 0x39 else { return nil }
            v = v * 10 + Int(s[k].value - 0x30)
        }
        return v
    }
}

extension String {
    func trimmingCharactersInSet() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
