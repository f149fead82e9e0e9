import Foundation
import IsnadEncoder
import IsnadIngest
import IsnadStories

/// Keeps the store's stories up to date: computes the story signals (vector, terms, numbers,
/// fingerprint) of articles that lack them, then replays the article stream through the story
/// engine and saves the result. Replaying from stored signals is fast (no source is re-read and
/// no vector recomputed), so stories always reflect every article in the store.
public struct StoryUpdater: Sendable {
    public let store: ArticleStore
    public var engine: StoryEngine

    public init(store: ArticleStore, engine: StoryEngine = StoryEngine()) {
        self.store = store
        self.engine = engine
    }

    /// What an update did.
    public struct Summary: Sendable {
        public var signalsComputed = 0
        public var articles = 0
        public var stories = 0
        public var notes: [String] = []
        public var signalSeconds = 0.0
        public var clusterSeconds = 0.0
    }

    /// Signals for new articles, then stories for all of them, or for those published on or
    /// after `since` (`YYYY-MM-DD`) and the window before it.
    public func update(embedder: StoryEmbedder?, since: String? = nil,
                       progress: (Int) -> Void = { _ in }) throws -> Summary {
        var summary = Summary()
        var pipeline = StoryPipeline(engine: engine, embedder: embedder)
        let start = Date()
        while true {
            let batch = try store.articlesWithoutSignals(limit: 256)
            if batch.isEmpty { break }
            let (signals, notes) = try pipeline.signals(batch)
            try store.saveSignals(signals, notes: notes)
            try pipeline.embedder?.cache?.save()
            summary.signalsComputed += batch.count
            for (article, note) in zip(batch, notes) { if let note { summary.notes.append("\(article.path): \(note)") } }
            progress(summary.signalsComputed)
        }
        // Signals stored by an older version lack name keys: recompute the word signals from the
        // stored text, keeping the stored vectors.
        var refreshedIDs = Set<String>()
        while true {
            let stale = try store.articlesWithStaleSignals(limit: 1024)
            // Stop if a batch comes back (a store that cannot keep the column would loop forever).
            guard let first = stale.first, refreshedIDs.insert(first.article.id).inserted else { break }
            let refreshed = stale.map { StoryArticle($0.article, order: 0, embedding: $0.vector) }
            try store.saveSignals(refreshed, notes: stale.map(\.note))
        }
        summary.signalSeconds = Date().timeIntervalSince(start)
        let clusterStart = Date()
        let sinceDay = since.flatMap(StoryArticle.day(of:)).map { $0 - engine.options.windowDays }
        let signals = try store.signals(sinceDay: sinceDay)
        let analysis = engine.analyze(signals)
        try store.replaceStories(analysis, for: signals)
        for (signal, decision) in zip(signals, analysis.decisions) where decision.action == .skipped {
            if let note = decision.note { summary.notes.append("article \(signal.id.prefix(12)): \(note)") }
        }
        summary.articles = signals.count
        summary.stories = analysis.stories.count
        summary.clusterSeconds = Date().timeIntervalSince(clusterStart)
        return summary
    }
}
