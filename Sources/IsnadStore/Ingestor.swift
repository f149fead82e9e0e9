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
    /// Files in folders that were not news formats, and links to folders already read.
    public var skipped: [IngestError] = []
    /// Problems that did not stop an article (a publication date dropped, and why).
    public var notes: [IngestError] = []
    public var seconds = 0.0
}

/// Reads inputs into the store in batches: files of a batch are read, cleaned and tagged in
/// parallel, then committed in one transaction. Killing the process loses at most the batch
/// in flight; running again stores nothing twice (articles are keyed by content).
public struct Ingestor: Sendable {
    public let store: ArticleStore
    public var reader: DocumentReader
    public var batchSize: Int
    /// A batch also ends once its files add up to this many bytes, so that large articles do
    /// not multiply memory: two batches are in memory at once (one analysed, one written).
    public var batchBytes: Int

    public init(store: ArticleStore, reader: DocumentReader = DocumentReader(), batchSize: Int = 512,
                batchBytes: Int = 4 << 20) {
        self.store = store
        self.reader = reader
        self.batchSize = batchSize
        self.batchBytes = batchBytes
    }

    /// Ingests files and folders, calling `progress` after each committed batch.
    public func run(paths: [String], progress: (IngestProgress) -> Void = { _ in }) throws(StoreError) -> IngestSummary {
        try run(inputs: paths.map(InputPath.init), progress: progress)
    }

    /// Ingests files and folders given as the file system's bytes (names need not be UTF-8).
    public func run(inputs: [InputPath], progress: (IngestProgress) -> Void = { _ in }) throws(StoreError) -> IngestSummary {
        let start = Date()
        let listing = InputWalker.files(in: inputs)
        var summary = IngestSummary()
        summary.errors = listing.errors
        summary.skipped = listing.skipped
        // Learned furniture: the stored counts of the lines each batch has, loaded as needed.
        var furniture = LineFrequencyModel()
        var loadedFurniture: [String: Set<Int64>] = [:]
        // Furniture counts are per distinct document: one already counted (in an earlier run or
        // earlier in this one, from this file or another) is not counted again.
        var counted = try store.countedFurnitureDocuments()
        let identifier = LanguageIdentifier.shared
        // Batch i is written on a background queue while batch i+1 is read and cleaned, so the
        // single-threaded SQLite work overlaps the parallel text work.
        let writer = BatchWriter(store: store)
        var index = 0
        while index < listing.files.count {
            var end = index
            var bytes = 0
            while end < listing.files.count && end - index < batchSize && (end == index || bytes < batchBytes) {
                var info = stat()
                if listing.files[end].withCString({ stat($0, &info) }) == 0 { bytes += Int(info.st_size) }
                end += 1
            }
            let batch = Array(listing.files[index..<end])
            let outcomes = ParallelMap.map(batch) { reader.read($0) }
            var documents: [RawDocument] = []
            for outcome in outcomes {
                documents.append(contentsOf: outcome.documents)
                summary.errors.append(contentsOf: outcome.errors)
                summary.notes.append(contentsOf: outcome.notes)
            }
            let layouts = ParallelMap.map(documents) { DocumentLayout($0) }
            var batchLines: [String: Set<Int64>] = [:]
            for (document, layout) in zip(documents, layouts) { batchLines[document.group, default: []].formUnion(layout.fingerprints) }
            try store.loadFurniture(batchLines, into: &furniture, loaded: &loadedFurniture)
            let keys = ParallelMap.map(documents) { FurnitureDocuments.key(of: $0.original) }
            var newlyCounted: [Int64] = []
            for (document, (layout, key)) in zip(documents, zip(layouts, keys)) where counted.insert(key).inserted {
                furniture.observe(group: document.group, lineKeys: layout.furnitureKeys)
                newlyCounted.append(key)
            }
            let analyzer = ArticleAnalyzer(cleaner: ArticleCleaner(furniture: furniture), identifier: identifier)
            // Tokenize for the full-text index here, in parallel, not in SQLite's writer.
            let analyzed = ParallelMap.map(Array(zip(documents, layouts))) { document, layout in
                let article = analyzer.article(from: document, layout: layout)
                return (article, [FTSTokenStream.prepared(article.title), FTSTokenStream.prepared(article.text)])
            }
            let articles = analyzed.map(\.0)
            let streams = PreparedStreams(analyzed.flatMap(\.1))
            let report = try writer.finishPrevious()
            summary.articlesNew += report.inserted
            summary.articlesKnown += report.alreadyStored
            if index > 0 {
                progress(IngestProgress(filesDone: index, filesTotal: listing.files.count, articlesNew: summary.articlesNew,
                                        articlesKnown: summary.articlesKnown, errors: summary.errors.count))
            }
            writer.start(articles, streams: streams, furnitureChanges: furniture.takeChanges(), furnitureDocuments: newlyCounted)
            index += batch.count
            summary.files = index
        }
        let last = try writer.finishPrevious()
        summary.articlesNew += last.inserted
        summary.articlesKnown += last.alreadyStored
        progress(IngestProgress(filesDone: index, filesTotal: listing.files.count, articlesNew: summary.articlesNew,
                                articlesKnown: summary.articlesKnown, errors: summary.errors.count))
        summary.seconds = Date().timeIntervalSince(start)
        return summary
    }
}


/// Writes one batch at a time on a background queue; `finishPrevious` waits for the batch in
/// flight and returns what it stored (or rethrows its error).
final class BatchWriter: @unchecked Sendable {
    private let store: ArticleStore
    private let queue = DispatchQueue(label: "isnad.ingest.writer")
    private let group = DispatchGroup()
    private var result: Result<SaveReport, StoreError>?

    init(store: ArticleStore) { self.store = store }

    func start(_ articles: [Article], streams: PreparedStreams,
               furnitureChanges: [(group: String, documents: Int, lines: [Int64: Int])], furnitureDocuments: [Int64]) {
        group.enter()
        queue.async { [self] in
            PreparedStreams.active = streams
            defer { PreparedStreams.active = nil }
            do throws(StoreError) {
                result = .success(try store.save(articles, furnitureChanges: furnitureChanges, furnitureDocuments: furnitureDocuments))
            } catch {
                result = .failure(error)
            }
            group.leave()
        }
    }

    func finishPrevious() throws(StoreError) -> SaveReport {
        group.wait()
        // The finished job still holds the writer (and so the store) until the queue releases
        // it; wait for that too, so that the store closes cleanly (no -wal left) when the
        // caller lets it go.
        queue.sync {}
        defer { result = nil }
        switch result {
        case .success(let report): return report
        case .failure(let error): throw error
        case nil: return SaveReport()
        }
    }
}
