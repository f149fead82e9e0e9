import IsnadText

/// The input formats Isnad reads.
public enum SourceFormat: String, Sendable, Codable, CaseIterable {
    case text, html, jsonl, csv, rss, atom
}

/// Metadata a reader found in the document's structure (HTML meta, feed fields, table columns).
public struct DocumentHints: Sendable, Codable, Hashable {
    public var title: String?
    public var outlet: String?
    public var url: String?
    /// ISO 8601 date or date-time, normalised by ``DateParser``.
    public var published: String?
    /// Language code given by the source, trusted only as a hint.
    public var language: String?

    public init(title: String? = nil, outlet: String? = nil, url: String? = nil, published: String? = nil, language: String? = nil) {
        self.title = title
        self.outlet = outlet
        self.url = url
        self.published = published
        self.language = language
    }
}

/// One document as a reader produced it: decoded text plus what the structure said about it.
///
/// `original` is the article's provenance text: for `.txt` the decoded file byte-for-byte; for
/// HTML, feeds, JSONL and CSV the title and text blocks the reader found, one block per line
/// group separated by blank lines. Every offset Isnad reports points into it.
public struct RawDocument: Sendable {
    public var path: String
    /// Index of the item within a multi-document file (JSONL line, CSV row, feed item), 0-based.
    public var item: Int?
    public var format: SourceFormat
    public var encoding: TextEncoding
    public var original: String
    public var hints: DocumentHints
    /// Blocks the reader removed as page furniture (navigation, share widgets, related links).
    public var markupBlocksRemoved: Int
    /// Group for learned boilerplate: lines recurring across many documents of one group are furniture.
    public var group: String
    /// Set when the text arrived as mojibake and was repaired (``MojibakeRepair``).
    public var mojibakeRepair: MojibakeRepairNote?
    /// What the reader noticed without refusing the document (a publication date dropped, and why).
    public var notes: [IngestError] = []

    public init(path: String, item: Int? = nil, format: SourceFormat, encoding: TextEncoding, original: String,
                hints: DocumentHints = DocumentHints(), markupBlocksRemoved: Int = 0, group: String) {
        self.path = path
        self.item = item
        self.format = format
        self.encoding = encoding
        self.original = original
        self.hints = hints
        self.markupBlocksRemoved = markupBlocksRemoved
        self.group = group
    }

    /// The source label used in messages and reports: `path` or `path#item`, items from 1.
    public var sourceLabel: String { Self.sourceLabel(path: path, item: item) }

    /// `path`, or `path#n` for the item with 0-based index `item` (n counts from 1, as people do).
    public static func sourceLabel(path: String, item: Int?) -> String {
        if let item { return "\(path)#\(item + 1)" }
        return path
    }
}
