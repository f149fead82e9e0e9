import Foundation
import IsnadEvaluation
import GRDB
import IsnadEncoder
import IsnadIngest
import IsnadReport
import IsnadStore
import IsnadStories
import Testing

/// A dated stream of real reports: WikinewsSum sources, each event given its own days, in day
/// order, as JSONL lines the ingest reads (title, text, outlet, published).
enum StreamFixture {
    static func items(count: Int) throws -> [(line: String, gold: String)] {
        let items = try ClusterDatasets.wikinews().filter { $0.text.split(separator: " ").count >= 60 }
        var events: [String: Int] = [:]
        var lines: [(day: Int, line: String, gold: String)] = []
        for item in items.prefix(count) {
            let gold = item.gold ?? item.id
            let event = events[gold] ?? events.count
            events[gold] = event
            let day = event * 2 + lines.count % 3 // an event's reports over three days, events two days apart
            let date = StoryPipeline.date(ofDay: 17_600 + day)
            let object: [String: Any] = ["title": item.title, "text": item.text, "outlet": "outlet-\(lines.count % 7)",
                                         "published": date, "url": "https://example.org/\(item.id)"]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            lines.append((day, String(decoding: data, as: UTF8.self), gold))
        }
        return lines.enumerated().sorted { ($0.element.day, $0.offset) < ($1.element.day, $1.offset) }.map { ($0.element.line, $0.element.gold) }
    }

    static let embedder: Result<StoryEmbedder, EncoderError> = Result { () throws(EncoderError) in
        let cache = EmbeddingCache(path: (NSTemporaryDirectory() as NSString).appendingPathComponent("isnad-test-vectors-\(getpid()).bin"))
        return StoryEmbedder(encoder: try E5Encoder(threads: 2), cache: cache)
    }

    /// Ingests `lines` in `batches` consecutive files, updating stories after each.
    static func ingest(_ lines: [String], batches: Int, into store: ArticleStore, folder: String) throws -> [StoryUpdater.Summary] {
        let size = (lines.count + batches - 1) / batches
        var summaries: [StoryUpdater.Summary] = []
        for (number, start) in stride(from: 0, to: lines.count, by: size).enumerated() {
            let path = (folder as NSString).appendingPathComponent("batch-\(batches)-\(number).jsonl")
            try lines[start..<min(lines.count, start + size)].joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
            _ = try Ingestor(store: store).run(paths: [path])
            summaries.append(try StoryUpdater(store: store).update(embedder: try embedder.get()))
        }
        return summaries
    }
}

@Suite("Incremental stories and stable ids", .serialized)
struct IncrementalStoryTests {
    @Test("a stream ingested in 20 batches gives the same stories, with the same ids, as ingested at once")
    func batchesEqualOnePass() throws {
        let lines = try StreamFixture.items(count: 240).map(\.line)
        let folder = try temporaryFolder()
        let once = try ArticleStore(path: (folder as NSString).appendingPathComponent("once.sqlite"))
        _ = try StreamFixture.ingest(lines, batches: 1, into: once, folder: folder)
        let batched = try ArticleStore(path: (folder as NSString).appendingPathComponent("batched.sqlite"))
        let summaries = try StreamFixture.ingest(lines, batches: 20, into: batched, folder: folder)
        // Only the first update replays; the others place their own articles.
        #expect(summaries.dropFirst().allSatisfy { !$0.rebuilt && $0.articles > 0 && $0.lateArticles == 0 })
        let a = try once.storyOfArticles(), b = try batched.storyOfArticles()
        #expect(a.count > 150)
        #expect(a == b, "articles placed differently: \(a.filter { b[$0.key] != $0.value }.count)")
        #expect(try once.storyCount() == batched.storyCount())
        #expect(try once.stories(limit: 500).map(\.id) == batched.stories(limit: 500).map(\.id))
    }

    @Test("ids survive another ingest, a full rebuild and recluster --since; --why names them; a late article finds its story")
    func idsAreStable() throws {
        let fixture = try StreamFixture.items(count: 160)
        let folder = try temporaryFolder()
        let store = try ArticleStore(path: (folder as NSString).appendingPathComponent("s.sqlite"))
        // Hold back one report of an early event that has several reports.
        let counts = Dictionary(fixture.map { ($0.gold, 1) }, uniquingKeysWith: +)
        let heldBack = try #require(fixture.indices.first { $0 >= 3 && counts[fixture[$0].gold, default: 0] >= 3 })
        let late = fixture[heldBack]
        var lines = fixture.map(\.line)
        lines.remove(at: heldBack)
        _ = try StreamFixture.ingest(Array(lines.prefix(120)), batches: 1, into: store, folder: folder)
        let before = try store.storyOfArticles()
        _ = try StreamFixture.ingest(Array(lines.dropFirst(120)), batches: 2, into: store, folder: folder)
        let after = try store.storyOfArticles()
        #expect(before.allSatisfy { after[$0.key] == $0.value }, "an ingest moved earlier articles")

        // The late report (published weeks before the open window) joins its event's story.
        let summary = try StreamFixture.ingest([late.line], batches: 1, into: store, folder: folder)[0]
        #expect(summary.lateArticles == 1 && !summary.rebuilt)
        let now = try store.storyOfArticles()
        let byURL = try Self.storiesByURL(store.path)
        func url(_ line: String) throws -> String {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return object?["url"] as? String ?? ""
        }
        let siblings = try fixture.enumerated().filter { $0.element.gold == late.gold && $0.offset != heldBack }.map { try url($0.element.line) }
        let siblingStories = Set(siblings.compactMap { byURL[$0] })
        let lateStory = byURL[try url(late.line)]
        #expect(lateStory.map(siblingStories.contains) ?? false, "late article in \(String(describing: lateStory)), its event in \(siblingStories)")

        // A full rebuild keeps every id whose story keeps its articles.
        let rebuilt = try StoryUpdater(store: store).rebuild(embedder: try StreamFixture.embedder.get())
        #expect(rebuilt.rebuilt)
        let afterRebuild = try store.storyOfArticles()
        let kept = now.filter { afterRebuild[$0.key] == $0.value }.count
        #expect(Double(kept) >= 0.95 * Double(now.count), "only \(kept) of \(now.count) articles kept their story id")
        // Every id ever shown still resolves.
        for id in Set(now.values) { #expect(try store.story(id: id) != nil) }

        // recluster --since from the middle of the stream: ids survive, and --why names live stories.
        let middle = try #require(try store.stories(limit: 1000).compactMap(\.firstPublished).sorted().dropFirst(20).first)
        _ = try StoryUpdater(store: store).rebuild(embedder: try StreamFixture.embedder.get(), since: middle)
        let afterSince = try store.storyOfArticles()
        let keptSince = afterRebuild.filter { afterSince[$0.key] == $0.value }.count
        #expect(Double(keptSince) >= 0.95 * Double(afterRebuild.count))
        for story in try store.stories(limit: 1000) {
            for article in try #require(try store.story(id: story.id)).articles {
                guard let decision = article.decision else { continue }
                for id in [decision.story, decision.runnerUp?.story].compactMap({ $0 }) + decision.merged where id >= 0 {
                    #expect(try store.story(id: id) != nil, "--why names story \(id), which does not resolve")
                }
            }
        }
    }

    static func storiesByURL(_ path: String) throws -> [String: Int] {
        try DatabaseQueue(path: path).read { db in
            var result: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT a.url, m.storyID FROM articles a JOIN storyArticles m ON m.articleID = a.id WHERE m.storyID IS NOT NULL") {
                if let url: String = row["url"] { result[url] = row["storyID"] }
            }
            return result
        }
    }
}
