import Foundation
import IsnadClaims
import IsnadEncoder
import IsnadIngest
import IsnadStore
import IsnadStories

/// Keeps the store's stories up to date. After an ingest it computes the new articles' signals
/// and places only those articles, continuing from the story engine's saved state: cost follows
/// the size of the ingest, not of the store. Story ids are kept for life; a full rebuild
/// (``rebuild(embedder:since:progress:)``) hands the ids users know to the stories that hold
/// most of their articles.
public struct StoryUpdater: Sendable {
    public let store: any StoryStorage
    public var engine: StoryEngine

    public init(store: any StoryStorage, engine: StoryEngine = StoryEngine()) {
        self.store = store
        self.engine = engine
    }

    /// What an update did.
    public typealias Summary = StoryUpdateSummary

    /// Signals for new articles, then places the articles no update has placed yet.
    public func update(embedder: StoryEmbedder?, progress: (Int) -> Void = { _ in }) throws(StoreError) -> Summary {
        Self.prefetchNameResources()
        var summary = try computeSignals(embedder: embedder, progress: progress)
        let start = Date()
        try store.placeNewArticles(options: engine.options, into: &summary)
        summary.clusterSeconds = Date().timeIntervalSince(start)
        summary.stories = try store.storyCount()
        // Last, so that the name resources load while signals and stories are computed.
        try readClaims(into: &summary)
        return summary
    }

    /// Signals for new articles, then a replay of every article (or of those published on or
    /// after `since`, `YYYY-MM-DD`, and the window before it); story ids are kept where the
    /// rebuilt stories hold their articles.
    public func rebuild(embedder: StoryEmbedder?, since: String? = nil, progress: (Int) -> Void = { _ in }) throws(StoreError) -> Summary {
        Self.prefetchNameResources()
        var summary = try computeSignals(embedder: embedder, progress: progress)
        let start = Date()
        let sinceDay = since.flatMap(StoryArticle.day(of:)).map { $0 - engine.options.windowDays }
        try store.rebuildStories(options: engine.options, sinceDay: sinceDay, into: &summary)
        summary.clusterSeconds = Date().timeIntervalSince(start)
        summary.stories = try store.storyCount()
        try readClaims(into: &summary)
        return summary
    }

    private func computeSignals(embedder: StoryEmbedder?, progress: (Int) -> Void) throws(StoreError) -> Summary {
        var summary = Summary()
        var pipeline = StoryPipeline(engine: engine, embedder: embedder)
        let start = Date()
        while true {
            let batch = try store.articlesWithoutSignals(limit: 256)
            if batch.isEmpty { break }
            let signals: [StoryArticle], notes: [String?]
            do { (signals, notes) = try pipeline.signals(batch) } catch {
                throw StoreError(path: store.path, message: "cannot compute story signals: \(error)")
            }
            try store.saveSignals(signals, notes: notes)
            do { try pipeline.embedder?.cache?.save() } catch {
                summary.notes.append("could not save the vector cache: \(error)")
            }
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
        return summary
    }

    /// Reads the names table and the place gazetteer on another thread while signals are
    /// computed and stories placed (about 0.8 s together), so that who-said-what finds them ready.
    static func prefetchNameResources() {
        DispatchQueue.global(qos: .userInitiated).async {
            _ = NameRomanizer.shared
            _ = PlaceGazetteer.shared
        }
    }

    /// Who said what for the articles not read yet (or read by older rules). Without lexicons it
    /// notes why and leaves them queued: stories do not depend on it.
    private func readClaims(into summary: inout Summary) throws(StoreError) {
        let start = Date()
        defer { summary.claimsSeconds = Date().timeIntervalSince(start) }
        let extractor: StatementExtractor
        let names = NameRomanizer.shared
        if let problem = names.problem { summary.notes.append("names are transliterated by rules only: \(problem)") }
        if let problem = PlaceGazetteer.shared.problem { summary.notes.append("places are not recognized: \(problem)") }
        do { extractor = try StatementExtractor.standard(names: names.romanizer) } catch {
            summary.notes.append("statements not read: \(error)")
            return
        }
        try store.requeueStaleClaims(version: StatementExtractor.rulesVersion)
        var lastSeq: Int64 = -1
        while true {
            let batch = try store.articlesAwaitingClaims(limit: 256)
            guard let first = batch.first, first.seq > lastSeq else { break }
            lastSeq = batch.last?.seq ?? first.seq
            let items = ParallelMap.map(batch) { item in
                (seq: item.seq, claims: extractor.extract(original: item.article.original, paragraphs: ClaimsInput.spans(of: item.article),
                                                          language: item.article.language))
            }
            try store.saveClaims(items, version: StatementExtractor.rulesVersion)
            summary.claimsRead += batch.count
        }
    }
}
