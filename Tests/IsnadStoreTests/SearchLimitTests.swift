import Foundation
import Testing
import IsnadIngest
import IsnadStore

@Suite("Search queries are bounded")
struct SearchLimitTests {
    static let words = "قالت وزارة الصحة اللبنانية إن عدد ضحايا انفجار مرفأ بيروت ارتفع إلى مئة قتيل وأربعة آلاف جريح".split(separator: " ")

    func store() throws -> ArticleStore {
        let folder = try temporaryFolder()
        try write("انفجار مرفأ بيروت\n\nقالت وزارة الصحة اللبنانية إن عدد ضحايا انفجار مرفأ بيروت ارتفع إلى مئة قتيل.", folder, "ar.txt")
        let store = try ArticleStore(path: (folder as NSString).appendingPathComponent("s.sqlite"))
        _ = try Ingestor(store: store).run(paths: [folder])
        return store
    }

    static func query(words count: Int) -> String {
        (0..<count).map { String(Self.words[$0 % Self.words.count]) }.joined(separator: " ")
    }

    @Test("a 5,000-word query is refused at once with a message stating the limit")
    func tooManyWords() throws {
        let store = try store()
        let start = Date()
        do {
            _ = try store.search(Self.query(words: 5_000))
            Issue.record("a 5,000-word query was accepted")
        } catch {
            #expect(error.message.contains("at most \(SearchQuery.maxWords) words"), "\(error)")
        }
        #expect(Date().timeIntervalSince(start) < 2)
    }

    @Test("64 words are searched; 65 words and 1,001 characters are refused")
    func limits() throws {
        let store = try store()
        #expect(try store.search(Self.query(words: 64)).isEmpty)   // every word must occur; some do not
        #expect(try store.search("مرفأ بيروت").count == 1)
        #expect(throws: StoreError.self) { try store.search(Self.query(words: 65)) }
        let long = String(repeating: "ب", count: SearchQuery.maxScalars + 1)
        do {
            _ = try store.search(long)
            Issue.record("a 1,001-character query was accepted")
        } catch {
            #expect(error.message.contains("\(SearchQuery.maxScalars) characters"), "\(error)")
        }
    }
}
