import Foundation
import Testing
import IsnadIngest
import IsnadText

@Suite("Seed articles (acceptance)")
struct SeedTests {
    static func analyzed() throws -> [Article] {
        let analysis = BatchAnalysis()
        let read = analysis.read(paths: [try Fixtures.seedsFolder()])
        #expect(read.errors.isEmpty, "seed read errors: \(read.errors)")
        return analysis.articles(from: read.documents, until: .analyze)
    }

    @Test("languages ar, fa, ar, ar, ar for 000–004")
    func languages() throws {
        let articles = try Self.analyzed()
        try #require(articles.count == 5)
        #expect(articles.map(\.language) == ["ar", "fa", "ar", "ar", "ar"])
        for article in articles { #expect(article.languageConfidence > 0.8) }
    }

    @Test("repeated paragraphs: 1, 0, 0, ≥4, 1")
    func duplicates() throws {
        let counts = try Self.analyzed().map(\.removed.duplicateParagraphs)
        #expect(counts[0] == 1)
        #expect(counts[1] == 0)
        #expect(counts[2] == 0)
        #expect(counts[3] >= 4)
        #expect(counts[4] == 1)
    }

    @Test("page leftovers and outlets of 000 and 004")
    func leftoversAndOutlets() throws {
        let articles = try Self.analyzed()
        #expect(articles[0].removed.boilerplate.contains("SHARE"))
        #expect(articles[0].removed.boilerplate.contains("close"))
        #expect(articles[0].outlet == "سيريانيوز")
        #expect(articles[4].outlet == "الجزيرة")
        #expect(articles[4].credits == ["الجزيرة", "وكالات"])
        #expect(articles[1].outlet == "آران نیوز")
        #expect(!articles[0].text.contains("SHARE"))
        #expect(!articles[0].text.contains("سيريانيوز"))
    }

    @Test("spans point into the decoded original, title first")
    func provenance() throws {
        for article in try Self.analyzed() {
            let scalars = ScalarText(article.original)
            let span = try #require(article.titleSpan)
            #expect(scalars.slice(span) == article.title)
            for paragraph in article.paragraphs {
                #expect(paragraph.start >= span.end && paragraph.end <= scalars.count)
                #expect(!scalars.slice(paragraph).isEmpty)
            }
        }
        let persian = try Self.analyzed()[1]
        #expect(persian.title == "جزئیات توافق روسها با شورشیان غوطه")  // Markdown "## " dropped
    }

    @Test("seed 000 re-encoded as Windows-1256 reads to exactly the same text")
    func windows1256() throws {
        let path = try Fixtures.seed("000")
        let original = try String(contentsOfFile: path, encoding: .utf8)
        let folder = try Fixtures.temporaryFolder()
        let legacyPath = try Fixtures.write(try Fixtures.windows1256(original), to: folder, "000-cp1256.txt")
        let legacyBytes = try Data(contentsOf: URL(fileURLWithPath: legacyPath))
        #expect(String(bytes: legacyBytes, encoding: .utf8) == nil, "the re-encoded file must not be valid UTF-8")
        let reader = DocumentReader()
        let utf8Doc = try #require(reader.read(path: path).documents.first)
        let legacyDoc = try #require(reader.read(path: legacyPath).documents.first)
        #expect(legacyDoc.encoding == .windows1256)
        #expect(legacyDoc.original == utf8Doc.original)
        let cleaner = ArticleCleaner()
        #expect(cleaner.clean(legacyDoc).text == cleaner.clean(utf8Doc).text)
    }
}
