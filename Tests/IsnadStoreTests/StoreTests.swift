import Foundation
import Testing
import IsnadIngest
import IsnadReport
import IsnadStore

func temporaryFolder() throws -> String {
    let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("isnad-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func write(_ text: String, _ folder: String, _ name: String) throws {
    try text.write(toFile: (folder as NSString).appendingPathComponent(name), atomically: false, encoding: .utf8)
}

@Suite("Store")
struct StoreTests {
    func corpus() throws -> String {
        let folder = try temporaryFolder()
        try write("مرکز آشتی روسیه\n\nسخنگوی مرکز گفت نمایندگان با رهبران گروه دیدار کردند و کتاب‌ها را تحویل دادند.", folder, "fa.txt")
        try write("مركز المصالحة الروسي\n\nقال المُتَحَدِّث باسم المركز إن ٢٤ مدنيا خرجوا من الغوطة وإن كتابها وصل.", folder, "ar.txt")
        try write("Russian reconciliation centre\n\nThe spokesman said 24 civilians left the area on Sunday.", folder, "en.txt")
        return folder
    }

    @Test("ingesting the same files twice stores each article once")
    func idempotent() throws {
        let folder = try corpus()
        let store = try ArticleStore(path: (folder as NSString).appendingPathComponent("s.sqlite"))
        let first = try Ingestor(store: store).run(paths: [folder])
        #expect(first.articlesNew == 3 && first.errors.isEmpty)
        let second = try Ingestor(store: store).run(paths: [folder])
        #expect(second.articlesNew == 0 && second.articlesKnown == 3)
        #expect(try store.count() == 3)
        // The same content in another file is another article (a copy, which the story stage marks).
        try write("Russian reconciliation centre\n\nThe spokesman said 24 civilians left the area on Sunday.", folder, "copy.txt")
        _ = try Ingestor(store: store).run(paths: [folder])
        #expect(try store.count() == 4)
        _ = try Ingestor(store: store).run(paths: [folder])
        #expect(try store.count() == 4)
    }

    @Test("one wire text from two outlets: two articles, one a copy of the other, one independent source, both outlets listed")
    func twoOutletsOneWireText() throws {
        let folder = try temporaryFolder()
        let text = "The Russian reconciliation centre said on Sunday that its officers had met commanders of armed groups in "
            + "Eastern Ghouta to arrange the departure of civilians through the Wafideen crossing, and that twenty-four people "
            + "had left the area by evening, while the groups themselves said no talks of any kind had taken place."
        func line(_ outlet: String, _ url: String) throws -> String {
            let object: [String: Any] = ["title": "Reconciliation centre says talks held in Ghouta", "text": text, "outlet": outlet,
                                         "url": url, "published": "2018-03-11"]
            return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }
        try (try line("Wire Daily", "https://wire-daily.example/ghouta") + "\n" + line("Levant Post", "https://levant-post.example/news/1"))
            .write(toFile: (folder as NSString).appendingPathComponent("feed.jsonl"), atomically: true, encoding: .utf8)
        let store = try ArticleStore(path: (folder as NSString).appendingPathComponent("s.sqlite"))
        #expect(try Ingestor(store: store).run(paths: [folder]).articlesNew == 2)
        _ = try StoryUpdater(store: store).update(embedder: nil)
        let story = try #require(try store.stories().first)
        #expect(story.articleCount == 2 && story.independentSources == 1)
        #expect(Set(story.outlets) == ["Wire Daily", "Levant Post"])
        let detail = try #require(try store.story(id: story.id))
        #expect(detail.articles.filter { $0.duplicateOf != nil }.count == 1)
        // Ingesting the same file again stores nothing twice.
        #expect(try Ingestor(store: store).run(paths: [folder]).articlesNew == 0)
        #expect(try store.count() == 2)
    }

    @Test("search matches across letter variants, diacritics, ZWNJ and digit sets")
    func search() throws {
        let folder = try corpus()
        let store = try ArticleStore(path: (folder as NSString).appendingPathComponent("s.sqlite"))
        _ = try Ingestor(store: store).run(paths: [folder])
        func languages(_ query: String) throws -> Set<String> { Set(try store.search(query).map(\.language)) }
        #expect(try languages("مركز") == ["ar", "fa"])     // Arabic kaf finds Persian keheh
        #expect(try languages("مرکز") == ["ar", "fa"])
        #expect(try languages("متحدث") == ["ar"])          // finds المُتَحَدِّث (diacritics, fused article)
        #expect(try languages("المتحدث") == ["ar"])
        #expect(try languages("کتابها") == ["fa", "ar"])   // finds كتاب‌ها (ZWNJ) and كتابها
        #expect(try languages("۲۴") == ["ar", "en"])       // Persian digits find ٢٤ and 24
        #expect(try store.search("مركز")[0].snippet.contains("["))
        #expect(try store.search("nothing-like-this").isEmpty)
    }

    @Test("article lookup by id prefix, with removal report")
    func lookup() throws {
        let folder = try corpus()
        let store = try ArticleStore(path: (folder as NSString).appendingPathComponent("s.sqlite"))
        _ = try Ingestor(store: store).run(paths: [folder])
        let listed = try store.summaries()
        #expect(listed.count == 3)
        let article = try #require(try store.article(idPrefix: String(listed[0].id.prefix(10))))
        #expect(article.id == listed[0].id)
        #expect(throws: StoreError.self) { try store.article(idPrefix: "zz") }
    }

    @Test("a folder of 10,000 files with one bad file: 9,999 stored, one error naming it")
    func tenThousand() throws {
        let folder = try temporaryFolder()
        let data = (folder as NSString).appendingPathComponent("news")
        for part in 0..<10 {
            let sub = (data as NSString).appendingPathComponent("p\(part)")
            try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: true)
            for i in 0..<1000 {
                let n = part * 1000 + i
                if n == 4321 {
                    try Data([0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0xE2, 0xE3]).write(to: URL(fileURLWithPath: (sub as NSString).appendingPathComponent("a\(n).txt")))
                    continue
                }
                try write("Bulletin \(n)\n\nCouncil meeting \(n) approved budget line \(n * 7) for the northern district.", sub, "a\(n).txt")
            }
        }
        let store = try ArticleStore(path: (folder as NSString).appendingPathComponent("s.sqlite"))
        let summary = try Ingestor(store: store, batchSize: 500).run(paths: [data])
        #expect(summary.files == 10_000)
        #expect(summary.articlesNew == 9_999)
        #expect(summary.errors.count == 1)
        #expect(summary.errors.first?.path.hasSuffix("a4321.txt") == true)
        #expect(summary.errors.first?.kind == .binary)
        #expect(try store.count() == 9_999)
        #expect(try store.integrityCheck() == ["ok"])
    }
}
