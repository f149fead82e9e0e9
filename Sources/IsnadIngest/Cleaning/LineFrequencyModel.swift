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
    private(set) var lines: [String: [String: Int]] = [:]
    private var touched: [String: Set<String>] = [:]

    public init() {}

    /// Counts the short lines of one document once each.
    public mutating func observe(group: String, lineKeys: Set<String>) {
        documents[group, default: 0] += 1
        var groupLines = lines[group] ?? [:]
        for key in lineKeys { groupLines[key, default: 0] += 1 }
        lines[group] = groupLines
        touched[group, default: []].formUnion(lineKeys)
    }

    /// Adds counts persisted earlier (by the store).
    public mutating func merge(group: String, documents count: Int, lineCounts: [String: Int]) {
        documents[group, default: 0] += count
        var groupLines = lines[group] ?? [:]
        for (key, value) in lineCounts { groupLines[key, default: 0] += value }
        lines[group] = groupLines
    }

    /// Whether `lineKey` is furniture in `group`.
    public func isBoilerplate(lineKey: String, group: String) -> Bool {
        guard let docs = documents[group], let count = lines[group]?[lineKey] else { return false }
        return count >= minDocuments && Double(count) >= minShare * Double(docs)
    }

    /// The keys this model counts for a document: its short paragraphs after the title.
    public static func lineKeys(of raw: RawDocument) -> Set<String> {
        let scalars = Array(raw.original.unicodeScalars)
        var keys = Set<String>()
        for span in ParagraphSegmenter.paragraphs(scalars).dropFirst() where span.length <= maxLineLength {
            let key = ArticleCleaner.paragraphKey(scalars[span.start..<span.end])
            if !key.isEmpty { keys.insert(key) }
        }
        return keys
    }

    /// Counts changed by ``observe(group:lineKeys:)`` since the last call, for persistence.
    public mutating func takeChanges() -> [(group: String, documents: Int, lines: [String: Int])] {
        defer { touched.removeAll() }
        return touched.map { group, keys in
            let groupLines = lines[group] ?? [:]
            var changed: [String: Int] = [:]
            for key in keys { changed[key] = groupLines[key] }
            return (group, documents[group] ?? 0, changed)
        }
    }
}
