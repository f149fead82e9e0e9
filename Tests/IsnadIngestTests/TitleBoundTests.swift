import Foundation
import IsnadText
import Testing
@testable import IsnadIngest

@Suite("Titles are bounded; the rest stays text with exact offsets")
struct TitleBoundTests {
    static let arabicSentence = "قالت وزارة الصحة اللبنانية إن عدد ضحايا انفجار مرفأ بيروت ارتفع إلى مئة قتيل وأربعة آلاف جريح، "

    static func document(_ text: String, title: String? = nil) -> RawDocument {
        RawDocument(path: "/news/beirut.txt", format: .text, encoding: .utf8, original: text,
                    hints: DocumentHints(title: title), group: "/news")
    }

    @Test("a one-line article: title ≤ 1,000 scalars ending at a word, the rest is the text, spans exact")
    func oneLine() throws {
        let line = String(repeating: Self.arabicSentence, count: 60).trimmingCharacters(in: .whitespaces)
        let article = ArticleCleaner().clean(Self.document(line + "\n"))
        let scalars = Array(article.original.unicodeScalars)
        let titleLength = article.title.unicodeScalars.count
        #expect(titleLength <= TitleBound.maxScalars && titleLength > TitleBound.maxScalars - 30)
        let span = try #require(article.titleSpan)
        #expect(ScalarText(article.original).slice(span) == article.title)
        #expect(SentenceSplitter.isSpace(scalars[span.end]), "the title does not end at a word boundary")
        let first = try #require(article.paragraphs.first)
        #expect(first.start == span.end + 1)
        #expect(article.title + " " + article.text == line, "text was lost or moved")
    }

    @Test("an unbroken run of letters is cut at 1,000 scalars, never between a letter and its marks")
    func noSpaces() throws {
        // 2,401 scalars of letters and fatha marks; scalar 1,000 is a mark, so the cut moves back one.
        let word = "و" + String(repeating: "كَتَبَ", count: 400)
        let article = ArticleCleaner().clean(Self.document(word))
        let title = Array(article.title.unicodeScalars)
        #expect(title.count == TitleBound.maxScalars - 1)
        #expect(!TitleBound.isExtending(try #require(article.text.unicodeScalars.first)))
        #expect(article.title + article.text == word)
    }

    @Test("a title from metadata is bounded at a word; a short title is untouched")
    func metadataTitle() throws {
        let long = String(repeating: "Lebanon's health ministry said the toll from the Beirut port blast rose again. ", count: 30)
        let body = "Rescue teams searched the rubble near the port on Wednesday.\n\nHospitals said they were full."
        let article = ArticleCleaner().clean(Self.document(body, title: long))
        #expect(article.title.unicodeScalars.count <= TitleBound.maxScalars)
        #expect(long.hasPrefix(article.title + " "))
        #expect(article.text == "Rescue teams searched the rubble near the port on Wednesday.\n\nHospitals said they were full.")
        let short = ArticleCleaner().clean(Self.document("انفجار في بيروت\n\n" + Self.arabicSentence))
        #expect(short.title == "انفجار في بيروت")
    }

    @Test("an 8 MB one-line article is cleaned and tagged in seconds")
    func hugeLine() throws {
        let line = String(repeating: Self.arabicSentence, count: 8_000_000 / Self.arabicSentence.utf8.count)
        let start = Date()
        let analysis = BatchAnalysis()
        let articles = analysis.articles(from: [Self.document(line)], until: .analyze)
        let seconds = Date().timeIntervalSince(start)
        let article = try #require(articles.first)
        #expect(article.title.unicodeScalars.count <= TitleBound.maxScalars)
        #expect(article.language == "ar")
        #expect(seconds < 60, "took \(seconds) s")
    }
}
