import ArgumentParser
import Foundation
import IsnadEvaluation
import IsnadIngest
import IsnadReport
import IsnadStore
import IsnadStories

struct BenchStoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Build a store of --count articles with cached signals, time a full recluster, and write new articles to ingest.",
        discussion: """
            The stored articles are short JSONL reports whose story signals come from real articles \
            of ../shared (vectors from the cache, re-used articles perturbed, as `isnad bench \
            stories` does), --per-day a day. After storing them and their signals it runs the full \
            rebuild (`isnad recluster`) and prints its rate; then it writes --new real reports \
            dated on the stream's last day to --new-file, for `make bench` to time `isnad ingest` \
            of a few new articles into a large store (wall time, encoding, clustering, memory).
            """)

    @Option(help: "Articles in the store.")
    var count: Int = 200_000

    @Option(help: "Articles per day.")
    var perDay: Int = 300

    @Option(help: "The store to create (must not exist).")
    var store: String

    @Option(help: "New articles to write for a later ingest.")
    var new: Int = 10

    @Option(help: "Where to write the new articles (JSONL).")
    var newFile: String

    @OptionGroup var encoder: EncoderOptions

    func run() throws {
        guard !FileManager.default.fileExists(atPath: store) else { throw CommandFailure(description: "\(store) exists; give a new path") }
        let pool = try BenchPool.load(encoder: encoder)
        var random = SplitMix(seed: 20_180_311)
        let stream = (0..<count).map { BenchPool.article($0, from: pool, perDay: perDay, random: &random) }
        // Short reports (the signals carry what the story engine reads); unique URLs make them distinct articles.
        let folder = NSTemporaryDirectory() + "isnad-bench-store-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for chunk in stride(from: 0, to: count, by: 20_000) {
            let lines = (chunk..<min(count, chunk + 20_000)).map { k in
                Self.line(title: stream[k].title.isEmpty ? "Report \(k)" : stream[k].title,
                          text: "Report \(k). " + String(pool[k % pool.count].title.prefix(300)),
                          day: stream[k].day ?? 17_000, url: "https://bench.example/\(k)")
            }
            try lines.joined(separator: "\n").write(toFile: folder + String(format: "/part-%07d.jsonl", chunk), atomically: false, encoding: .utf8)
        }
        let articleStore = try ArticleStore(path: store)
        _ = try Ingestor(store: articleStore).run(paths: [folder])
        var k = 0
        while true {
            let batch = try articleStore.articlesWithoutSignals(limit: 4_096)
            if batch.isEmpty { break }
            let signals = batch.map { article -> StoryArticle in
                var signal = stream[min(k, count - 1)]
                signal.id = article.id
                k += 1
                return signal
            }
            try articleStore.saveSignals(signals, notes: [])
        }
        let start = Date()
        let summary = try StoryUpdater(store: articleStore).rebuild(embedder: nil)
        let seconds = Date().timeIntervalSince(start)
        print(String(format: "stories-recluster  %.0f  articles/s  (full rebuild of %d stored articles with their signals, %d stories, %.1f s; target >= 1748)",
                     Double(summary.articles) / max(seconds, 1e-9), summary.articles, summary.stories, seconds))
        // New reports: real texts of the pool (not in the store), dated on the last day.
        let lastDay = stream.last?.day ?? 17_000
        let items = try ClusterDatasets.wikinews().filter { $0.text.split(separator: " ").count >= 80 }.suffix(new)
        let lines = items.enumerated().map { index, item in
            Self.line(title: item.title, text: item.text, day: lastDay, url: "https://bench.example/new-\(count)-\(index)")
        }
        try lines.joined(separator: "\n").write(toFile: newFile, atomically: true, encoding: .utf8)
    }

    static func line(title: String, text: String, day: Int, url: String) -> String {
        let object: [String: String] = ["title": title, "text": text, "published": StoryPipeline.date(ofDay: day), "url": url, "outlet": "Bench"]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
