import IsnadText

/// One-shot analysis of files without a store: read everything, learn furniture over the
/// whole set, then clean and tag each document. The pipeline stops early with `until`.
public struct BatchAnalysis: Sendable {
    /// Pipeline stages, in order; `--until` names one.
    public enum Stage: String, Sendable, CaseIterable {
        case decode, extract, analyze, cluster
    }

    public var reader: DocumentReader
    public var identifier: LanguageIdentifier

    public init(reader: DocumentReader = DocumentReader(), identifier: LanguageIdentifier = .shared) {
        self.reader = reader
        self.identifier = identifier
    }

    /// Documents and read errors for `paths` (the decode stage).
    public func read(paths: [String]) -> ReadOutcome {
        read(inputs: paths.map(InputPath.init))
    }

    /// Documents and read errors for paths given as the file system's bytes (the decode stage).
    public func read(inputs: [InputPath]) -> ReadOutcome {
        let listing = InputWalker.files(in: inputs)
        var result = ReadOutcome()
        result.errors = listing.errors
        result.skipped = listing.skipped
        let reader = self.reader
        for outcome in ParallelMap.map(listing.files, { reader.read($0) }) {
            result.documents.append(contentsOf: outcome.documents)
            result.errors.append(contentsOf: outcome.errors)
            result.notes.append(contentsOf: outcome.notes)
        }
        return result
    }

    /// Cleans (and, unless `until == .extract`, tags) documents with furniture learned from all of them.
    public func articles(from documents: [RawDocument], until: Stage) -> [Article] {
        var furniture = LineFrequencyModel()
        let layouts = ParallelMap.map(documents) { DocumentLayout($0) }
        for (document, layout) in zip(documents, layouts) {
            furniture.observe(group: document.group, lineKeys: layout.furnitureKeys)
        }
        let analyzer = ArticleAnalyzer(cleaner: ArticleCleaner(furniture: furniture), identifier: identifier)
        let pairs = Array(zip(documents, layouts))
        if until == .extract {
            return ParallelMap.map(pairs) { analyzer.cleaner.clean($0, layout: $1) }
        }
        return ParallelMap.map(pairs) { analyzer.article(from: $0, layout: $1) }
    }
}
