import Testing
@testable import IsnadText

@Suite("Publication dates: calendars, impossible and suspect dates")
struct PublicationDateTests {
    static let today = CalendarDate(year: 2024, month: 8, day: 10)

    static func read(_ value: String, _ language: String? = nil) -> DateReading {
        DateParser.publication(value, context: DateContext(language: language, today: today))
    }

    static func date(_ value: String, _ language: String? = nil) -> String? {
        if case .date(let date) = read(value, language) { return date.description }
        return nil
    }

    static func reason(_ value: String, _ language: String? = nil) -> String? {
        if case .refused(let reason) = read(value, language) { return reason }
        return nil
    }

    @Test("Solar Hijri: Persian digits, or ASCII digits in a Persian article")
    func solarHijri() {
        #expect(Self.date("۱۳۹۹/۰۵/۱۴") == "2020-08-04")              // the Beirut port blast, as Iranian sites date it
        #expect(Self.date("۱۴۰۳-۰۱-۰۱") == "2024-03-20")              // Nowruz 1403
        #expect(Self.date("1399/05/14", "fa") == "2020-08-04")
        #expect(Self.date("1399/05/14", "fa-IR") == "2020-08-04")
        #expect(Self.date("1399/12/30", "fa") == "2021-03-20")         // 1399 is a leap year: Esfand has 30 days
        #expect(Self.reason("1398/12/30", "fa")?.contains("has 29 days") == true)
        #expect(Self.reason("۱۳۹۹/۰۷/۳۱")?.contains("not a real Solar Hijri date") == true)
    }

    @Test("Hijri: Arabic-Indic digits, or ASCII digits in an Arabic article")
    func hijri() {
        #expect(Self.date("١٤٤٥-٠١-٠١") == "2023-07-19")              // 1 Muharram 1445
        #expect(Self.date("1445-01-01", "ar") == "2023-07-19")
        #expect(Self.date("1441/12/14T10:00:00+03:00", "ar") == "2020-08-04")
        #expect(Self.reason("١٤٤٥-١٣-٠١")?.contains("no month 13") == true)
    }

    @Test("a year 1300–1500 with nothing to tell the calendar is refused, saying how to give it")
    func ambiguousEra() {
        let reason = Self.reason("1399-05-14", "en")
        #expect(reason?.contains("before 1900") == true)
        #expect(reason?.contains("language (fa or ar)") == true)
        #expect(Self.reason("1399-05-14")?.contains("Persian or Arabic digits") == true)
        // Persian digits outside the Hijri era are Gregorian years.
        #expect(Self.date("۲۰۲۰-۰۸-۰۴") == "2020-08-04")
    }

    @Test("impossible days and times are refused with the reason")
    func impossible() {
        #expect(Self.reason("2018-02-31") == "not a real date: February 2018 has 28 days")
        #expect(Self.reason("2024-02-30")?.contains("February 2024 has 29 days") == true)
        #expect(Self.reason("2020-13-01") == "not a real date: there is no month 13")
        #expect(Self.reason("2020-08-04T25:61:61Z") == "not a real time: hour 25")
        #expect(Self.reason("2020-08-04T10:61:00Z") == "not a real time: minute 61")
        #expect(Self.reason("2020-08-04 10:30:75") == "not a real time: second 75")
        #expect(Self.date("2020-08-04T23:59:60Z") == "2020-08-04")     // a leap second is real
        #expect(Self.date("2024-02-29") == "2024-02-29")
    }

    @Test("dates before 1900 or more than two days after the ingest day are suspect")
    func suspect() {
        #expect(Self.reason("0001-01-01")?.contains("before 1900") == true)
        #expect(Self.reason("1899-12-31")?.contains("before 1900") == true)
        #expect(Self.date("1900-01-01") == "1900-01-01")
        #expect(Self.reason("9999-12-31")?.contains("more than 2 days after the day of ingest (2024-08-10)") == true)
        #expect(Self.date("2024-08-12") == "2024-08-12")               // two days ahead: time zones, clocks
        #expect(Self.reason("2024-08-13") != nil)
        #expect(Self.reason("Sun, 11 Mar 2099 09:30:00 GMT")?.contains("after the day of ingest") == true)
        #expect(Self.read("not a date") == .unreadable)
    }

    @Test("normalize and datelines keep working, and drop what publication refuses")
    func normalize() {
        #expect(DateParser.normalize("2018-03-11T09:30:00+03:00") == "2018-03-11")
        #expect(DateParser.normalize("۱۳۹۹/۰۵/۱۴") == "2020-08-04")
        #expect(DateParser.normalize("9999-12-31") == nil)
        #expect(DateParser.normalize("2018-02-31") == nil)
        #expect(DateParser.dateline(in: "GENEVA, March 12, 2099 (Reuters) -") == nil)
    }
}
