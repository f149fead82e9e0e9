import Foundation
import IsnadIngest
import IsnadReport
import IsnadStore
import IsnadStories
import IsnadText

extension ClusterEvaluation {
    /// The evaluation stream ingested into a new store in `batches` consecutive batches, each
    /// placed by the same incremental update `isnad ingest` runs (saved engine state, late
    /// articles among the stories of their days), so the figure is the product's own; returns
    /// each item's story as ``score(labels:)`` takes it.
    public func incrementalLabels(items: [ClusterEvalItem], batches: Int, arrival: [Int]? = nil) throws -> [Int] {
        let folder = NSTemporaryDirectory() + "isnad-eval-batches-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try ArticleStore(path: folder + "/eval.sqlite")
        let order = arrival ?? Array(items.indices)
        let size = max(1, (order.count + batches - 1) / batches)
        var storedID: [String: Int] = [:]
        for start in stride(from: 0, to: order.count, by: size) {
            let batch = Array(order[start..<min(order.count, start + size)])
            let stored = batch.map { index -> Article in
                let item = items[index]
                let original = item.title.isEmpty ? item.text : item.title + "\n\n" + item.text
                return Article(id: item.id, path: "eval/\(item.id)", item: nil, format: .jsonl, encoding: .utf8, language: item.language,
                               languageConfidence: 1, title: item.title, titleSpan: nil, outlet: nil, outletEvidence: nil, credits: [],
                               published: item.published, url: nil, original: original,
                               paragraphs: [TextSpan(start: 0, end: original.unicodeScalars.count)], removed: RemovedReport(), text: original)
            }
            try store.save(stored)
            // The signals the evaluation computed (vectors from the cache), stored as ingest stores them.
            try store.saveSignals(batch.map { articles[$0] }, notes: [])
            _ = try StoryUpdater(store: store).update(embedder: nil)
            for (offset, index) in batch.enumerated() { storedID[stored[offset].id] = index }
        }
        var labels = items.indices.map { -1 - $0 }
        for (article, story) in try store.storyOfArticles() { if let index = storedID[article] { labels[index] = story } }
        return labels
    }
}
