import Dispatch
import Foundation
import IsnadIngest
import IsnadText

/// Progress of an ingest run, reported after each batch.
public struct IngestProgress: Sendable {
    public var filesDone: Int
    public var filesTotal: Int
    public var articlesNew: Int
    public var articlesKnown: Int
    public var errors: Int
}

/// The outcome of an ingest run.
public struct IngestSummary: Sendable {
    public var files = 0
    public var articlesNew = 0
    public var articlesKnown = 0
    public var errors: [IngestError] = []
    /// Files in folders that were not news formats.
    public var skipped: [IngestError] = []
    public var seconds = 0.0
}

/// Reads inputs into the store in batches: files of a batch are read, cleaned and tagged in
/// parallel, then committed in one transaction. Killing the process loses at most the batch
/// in flight; running again stores nothing twice (articles are keyed by content).
public struct Ingestor: Sendable {
    public let store: ArticleStore
    public var reader: DocumentReader
    public var batchSize: Int

    public init(store: ArticleStore, reader: DocumentReader = DocumentReader(), batchSize: Int = 256) {
        self.store = store
        self.reader = reader
        self.batchSize = batchSize
    }

    /// Ingests files and folders, calling `progress` after each committed batch.
    public func run(paths: [String], progress: (IngestProgress) -> Void = { _ in }) throws(StoreError) -> IngestSummary {
        let start = Date()
        let listing = InputWalker.files(in: paths)
        var summary = IngestSummary()
        summary.errors = listing.errors
        summary.skipped = listing.skipped
        var furniture = try store.furnitureModel()
        let identifier = LanguageIdentifier.shared
        var index = 0
        while index < listing.files.count {
            let batch = Array(listing.files[index..<min(index + batchSize, listing.files.count)])
            let outcomes = ParallelMap.map(batch) { reader.read(path: $0) }
            var documents: [RawDocument] = []
            for outcome in outcomes {
                documents.append(contentsOf: outcome.documents)
                summary.errors.append(contentsOf: outcome.errors)
            }
            for document in documents {
                furniture.observe(group: document.group, lineKeys: LineFrequencyModel.lineKeys(of: document))
            }
            let analyzer = ArticleAnalyzer(cleaner: ArticleCleaner(furniture: furniture), identifier: identifier)
            let articles = ParallelMap.map(documents) { analyzer.article(from: $0) }
            let report = try store.save(articles, furnitureChanges: furniture.takeChanges())
            summary.articlesNew += report.inserted
            summary.articlesKnown += report.alreadyStored
            index += batch.count
            summary.files = index
            progress(IngestProgress(filesDone: index, filesTotal: listing.files.count, articlesNew: summary.articlesNew,
                                    articlesKnown: summary.articlesKnown, errors: summary.errors.count))
        }
        summary.seconds = Date().timeIntervalSince(start)
        return summary
    }
}

