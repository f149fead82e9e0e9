import Foundation
import Testing
@testable import IsnadIngest

@Suite("Readers: publication dates converted or dropped with a note")
struct PublishedDateTests {
    @Test("JSONL: calendars converted; impossible and suspect dates dropped with a note naming the line; articles kept")
    func jsonl() throws {
        let folder = try Fixtures.temporaryFolder()
        let lines = [
            #"{"title": "انفجار در بندر بیروت", "text": "وزارت بهداشت لبنان اعلام کرد شمار کشته‌ها به صد نفر رسید.", "published": "۱۳۹۹/۰۵/۱۴"}"#,
            #"{"title": "بداية العام الهجري", "text": "احتفل المسلمون ببداية العام الهجري الجديد في المساجد.", "published": "١٤٤٥-٠١-٠١"}"#,
            #"{"title": "گزارش بندر", "text": "گزارش‌ها از افزایش شمار زخمی‌ها در بیروت حکایت دارد.", "published": "1399/05/15"}"#,
            #"{"title": "Placeholder date", "text": "The archive export wrote a placeholder for unknown dates.", "published": "0001-01-01"}"#,
            #"{"title": "Far future", "text": "A content system wrote its maximum date into the field.", "published": "9999-12-31"}"#,
            #"{"title": "No such day", "text": "February never has thirty-one days, whatever the feed says.", "published": "2018-02-31"}"#,
            #"{"title": "No such time", "text": "The time of day in this record cannot exist on any clock.", "published": "2020-08-04T25:61:61Z"}"#,
        ]
        let outcome = DocumentReader().read(path: try Fixtures.write(lines.joined(separator: "\n"), to: folder, "dates.jsonl"))
        #expect(outcome.errors.isEmpty)
        #expect(outcome.documents.count == 7)
        #expect(outcome.documents.map(\.hints.published) == ["2020-08-04", "2023-07-19", "2020-08-05", nil, nil, nil, nil])
        #expect(outcome.notes.map(\.line) == [4, 5, 6, 7])
        #expect(outcome.notes.allSatisfy { $0.kind == .dateDropped && $0.message.contains("the article is kept") })
        #expect(outcome.notes[2].description.hasSuffix("dates.jsonl:6: publication date '2018-02-31' dropped (the article is kept): not a real date: February 2018 has 28 days"))
        #expect(outcome.documents.allSatisfy { $0.notes.isEmpty })
    }

    @Test("HTML: the first readable date wins; a refused one alone gives a note; page language decides the calendar")
    func html() throws {
        let folder = try Fixtures.temporaryFolder()
        func page(_ lang: String, _ metas: String) -> String {
            """
            <html lang="\(lang)"><head>\(metas)<title>گزارش</title></head><body><article>
            <p>وزارت بهداشت لبنان اعلام کرد شمار کشته‌های انفجار بندر بیروت به صد نفر رسید و هزاران نفر زخمی شدند.</p>
            </article></body></html>
            """
        }
        let persian = DocumentReader().read(path: try Fixtures.write(page("fa", #"<meta property="article:published_time" content="1399/05/14">"#), to: folder, "fa.html"))
        #expect(persian.documents.first?.hints.published == "2020-08-04")
        let fallback = DocumentReader().read(path: try Fixtures.write(
            page("fa", #"<meta property="article:published_time" content="0000-00-00"><meta name="date" content="2020-08-05">"#), to: folder, "two.html"))
        #expect(fallback.documents.first?.hints.published == "2020-08-05")
        #expect(fallback.notes.isEmpty)
        let bad = DocumentReader().read(path: try Fixtures.write(page("fa", #"<meta name="date" content="2099-01-01">"#), to: folder, "bad.html"))
        #expect(bad.documents.count == 1 && bad.documents.first?.hints.published == nil)
        #expect(bad.notes.first?.message.contains("after the day of ingest") == true)
    }

    @Test("the language of a date: metadata first, else Persian or Arabic letters")
    func language() {
        #expect(PublishedField.language(hint: "ar", text: "گزارش پیش") == "ar")
        #expect(PublishedField.language(hint: nil, text: "وزارت بهداشت لبنان اعلام کرد") == "fa")
        #expect(PublishedField.language(hint: nil, text: "قالت وزارة الصحة اللبنانية") == "ar")
        #expect(PublishedField.language(hint: nil, text: "The ministry said") == nil)
    }
}
