import IsnadText

/// Learned boilerplate: short lines that recur across many documents of one group (an outlet
/// or a scrape folder) are page furniture ("Follow our channel", a fixed disclaimer), wherever
/// they appear. Counts are per distinct document.
public struct LineFrequencyModel: Sendable {
    /// Lines longer than this (in scalars) are prose, never learned furniture.
    public static let maxLineLength = 100
    /// A line must recur in at least this many documents of its group…
    public var minDocuments = 4
    /// …and in at least this share of the group's documents.
    public var minShare = 0.2

    private(set) var documents: [String: Int] = [:]
    private(set) var lines: [String: [Int64: Int]] = [:]
    private var touched: [String: Set<Int64>] = [:]

    public init() {}

    /// Counts the short lines of one document once each.
    public mutating func observe(group: String, lineKeys: Set<Int64>) {
        documents[group, default: 0] += 1
        // Mutate in place: copying the group's table per document made ingest quadratic.
        for key in lineKeys { lines[group, default: [:]][key, default: 0] += 1 }
        touched[group, default: []].formUnion(lineKeys)
    }

    /// Adds counts persisted earlier (by the store).
    public mutating func merge(group: String, documents count: Int, lineCounts: [Int64: Int]) {
        documents[group, default: 0] += count
        for (key, value) in lineCounts { lines[group, default: [:]][key, default: 0] += value }
    }

    /// Whether `lineKey` is furniture in `group`.
    public func isBoilerplate(lineKey: Int64, group: String) -> Bool {
        guard let docs = documents[group], let count = lines[group]?[lineKey] else { return false }
        return count >= minDocuments && Double(count) >= minShare * Double(docs)
    }

    /// The keys this model counts for a document: its short paragraphs after the title.
    public static func lineKeys(of raw: RawDocument) -> Set<Int64> {
        DocumentLayout(raw).furnitureKeys
    }

    /// Counts changed by ``observe(group:lineKeys:)`` since the last call, for persistence.
    public mutating func takeChanges() -> [(group: String, documents: Int, lines: [Int64: Int])] {
        defer { touched.removeAll() }
        return touched.map { group, keys in
            let groupLines = lines[group] ?? [:]
            var changed: [Int64: Int] = [:]
            for key in keys { changed[key] = groupLines[key] }
            return (group, documents[group] ?? 0, changed)
        }
    }
}

/// A document's paragraphs with their fingerprints, computed once and shared by furniture
/// learning and cleaning.
public struct DocumentLayout: Sendable {
    public let text: ScalarText
    public let paragraphs: [TextSpan]
    public let fingerprints: [Int64]
    public let wordCounts: [Int]

    public init(_ raw: RawDocument) {
        text = ScalarText(raw.original)
        paragraphs = ParagraphSegmenter.paragraphs(text.scalars)
        var fingerprints: [Int64] = []
        var wordCounts: [Int] = []
        for span in paragraphs {
            let (key, words) = MatchingKey.paragraphFingerprint(text.scalars[span.start..<span.end])
            fingerprints.append(key)
            wordCounts.append(words)
        }
        self.fingerprints = fingerprints
        self.wordCounts = wordCounts
    }

    /// The keys furniture learning counts: short paragraphs after the first (the title).
    public var furnitureKeys: Set<Int64> {
        var keys = Set<Int64>()
        for i in paragraphs.indices.dropFirst()
        where paragraphs[i].length <= LineFrequencyModel.maxLineLength && wordCounts[i] > 0 {
            keys.insert(fingerprints[i])
        }
        return keys
    }
}
