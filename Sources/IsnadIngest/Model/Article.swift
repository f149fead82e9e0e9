import IsnadText

/// What cleaning took out of an article, so a researcher can see and audit it.
public struct RemovedReport: Sendable, Codable, Hashable {
    /// Paragraphs dropped because they repeat an earlier paragraph (or the title).
    public var duplicateParagraphs: Int = 0
    /// Page leftovers dropped: UI labels, learned per-outlet furniture, stray symbols.
    public var boilerplate: [String] = []
    /// Outlet sign-off line recognised as metadata (e.g. `سيريانيوز`).
    public var signoff: String?
    /// Source/credit lines recognised as metadata (e.g. `المصدر : الجزيرة + وكالات`).
    public var sourceLines: [String] = []
    /// HTML blocks dropped as page furniture (navigation, footer, share and related widgets).
    public var markupBlocks: Int = 0
    /// Mojibake found in the source and repaired on reading (UTF-8 decoded as Windows-1252 before
    /// it reached Isnad). Optional, so reports stored before it existed still decode.
    public var repairedMojibake: MojibakeRepairNote?

    public init() {}
}

/// How the outlet was found, strongest first; later stages may weigh it.
public enum OutletEvidence: String, Sendable, Codable {
    case metadata, sourceLine = "source-line", signoff, attribution
}

/// A cleaned, language-tagged news article: the unit every later stage works on.
public struct Article: Sendable, Codable, Hashable {
    /// SHA-256 of where the article was published and its original text (``ArticleIdentity``):
    /// the same file or URL with the same content always gets the same id.
    public var id: String
    public var path: String
    public var item: Int?
    public var format: SourceFormat
    public var encoding: TextEncoding
    /// ISO 639-1 code (`ar`, `fa`, `en`, …) or `und` when the text is too short to tell.
    public var language: String
    public var languageConfidence: Double
    public var title: String
    /// Where the title is in `original`, when it comes from the text.
    public var titleSpan: TextSpan?
    public var outlet: String?
    public var outletEvidence: OutletEvidence?
    /// Other outlets or agencies credited by source lines or attributions (`وكالات`, `AFP`).
    public var credits: [String]
    /// ISO 8601 date (`2018-03-11`) or date-time, when known.
    public var published: String?
    public var url: String?
    /// The decoded original text; every span points into it (Unicode scalar offsets).
    public var original: String
    /// The kept paragraphs, in order, as spans of `original`.
    public private(set) var paragraphs: [TextSpan]
    /// The cleaned main text: kept paragraphs separated by a blank line.
    public private(set) var text: String
    public var removed: RemovedReport

    public init(
        id: String, path: String, item: Int?, format: SourceFormat, encoding: TextEncoding, language: String,
        languageConfidence: Double, title: String, titleSpan: TextSpan?, outlet: String?, outletEvidence: OutletEvidence?,
        credits: [String], published: String?, url: String?, original: String, paragraphs: [TextSpan], removed: RemovedReport,
        text: String? = nil
    ) {
        self.id = id
        self.path = path
        self.item = item
        self.format = format
        self.encoding = encoding
        self.language = language
        self.languageConfidence = languageConfidence
        self.title = title
        self.titleSpan = titleSpan
        self.outlet = outlet
        self.outletEvidence = outletEvidence
        self.credits = credits
        self.published = published
        self.url = url
        self.original = original
        self.paragraphs = paragraphs
        self.removed = removed
        if let text {
            self.text = text
        } else {
            let scalars = ScalarText(original)
            self.text = paragraphs.map { scalars.slice($0) }.joined(separator: "\n\n")
        }
    }

    /// The first 16 hex digits of the id: what people type.
    public var shortID: String { String(id.prefix(16)) }

    /// The source label used in messages and reports: `path` or `path#item`, items from 1.
    public var sourceLabel: String { RawDocument.sourceLabel(path: path, item: item) }
}
