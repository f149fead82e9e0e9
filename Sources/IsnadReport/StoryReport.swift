import Foundation
import IsnadIngest
import IsnadText

/// The story report: the JSON contract of `isnad analyze --format json` (see DESIGN.md).
/// Fields may be added, never renamed. Stories are filled by the story engine; until then
/// the list is empty and every article's `story` is null.
public struct StoryReport: Sendable, Encodable {
    public var articles: [ReportArticle]
    public var stories: [ReportStory]
    /// Inputs that could not be read, each with its file and place.
    public var errors: [ReportError]

    public init(articles: [Article], errors: [IngestError] = []) {
        self.articles = articles.enumerated().map { ReportArticle(article: $1, id: "a\($0 + 1)") }
        self.stories = []
        self.errors = errors.map(ReportError.init)
    }

    /// Pretty-printed, key-sorted JSON without escaped slashes or non-ASCII.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}

/// One story of the report (filled by the story engine).
public struct ReportStory: Sendable, Encodable {
    public var id: String
    public var title: String
    public var articles: [String]
    public var independentSources: Int
    /// Languages of its articles, most frequent first.
    public var languages: [String]
    public var outlets: [String]
    /// First and last publication dates (ISO), when known.
    public var firstPublished: String?
    public var lastPublished: String?
    /// When a stored story was asked for by an id merged into it: those ids, first the one asked for.
    public var mergedFrom: [String]?
    /// Who is named, across the story's articles and scripts.
    public var entities: [ReportEntity] = []
    /// Who said what, in article order.
    public var statements: [ReportStatement] = []

    public init(id: String, title: String, articles: [String], independentSources: Int, languages: [String] = [],
                outlets: [String] = [], firstPublished: String? = nil, lastPublished: String? = nil) {
        self.id = id
        self.title = title
        self.articles = articles
        self.independentSources = independentSources
        self.languages = languages
        self.outlets = outlets
        self.firstPublished = firstPublished
        self.lastPublished = lastPublished
    }
}

/// A read error in the report.
public struct ReportError: Sendable, Encodable {
    public var path: String
    public var kind: String
    public var message: String
    public var byteOffset: Int?
    public var line: Int?

    init(_ error: IngestError) {
        path = error.path
        kind = error.kind.rawValue
        message = error.message
        byteOffset = error.byteOffset
        line = error.line
    }
}

/// One article of the report. `story` and `duplicateOf` are always present (null until known).
public struct ReportArticle: Sendable, Encodable {
    public var id: String
    public var article: Article
    public var story: String?
    public var duplicateOf: String?
    /// First article of this one's syndication group (the same wire text republished), when it has one.
    public var syndicationOf: String?

    init(article: Article, id: String) {
        self.id = id
        self.article = article
    }

    enum Keys: String, CodingKey {
        case id, hash, path, item, format, encoding, language, languageConfidence, title, titleSpan, outlet, outletEvidence
        case credits, published, url, story, duplicateOf, syndicationOf, text, paragraphs, removed
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(id, forKey: .id)
        try c.encode(article.id, forKey: .hash)
        try c.encode(article.path, forKey: .path)
        try c.encodeIfPresent(article.item, forKey: .item)
        try c.encode(article.format.rawValue, forKey: .format)
        try c.encode(article.encoding.rawValue, forKey: .encoding)
        try c.encode(article.language, forKey: .language)
        try c.encode(article.languageConfidence, forKey: .languageConfidence)
        try c.encode(article.title, forKey: .title)
        try c.encodeIfPresent(article.titleSpan, forKey: .titleSpan)
        try c.encode(article.outlet, forKey: .outlet)
        try c.encodeIfPresent(article.outletEvidence?.rawValue, forKey: .outletEvidence)
        try c.encode(article.credits, forKey: .credits)
        try c.encode(article.published, forKey: .published)
        try c.encodeIfPresent(article.url, forKey: .url)
        try c.encode(story, forKey: .story)
        try c.encode(duplicateOf, forKey: .duplicateOf)
        try c.encodeIfPresent(syndicationOf, forKey: .syndicationOf)
        try c.encode(article.text, forKey: .text)
        try c.encode(article.paragraphs, forKey: .paragraphs)
        try c.encode(article.removed, forKey: .removed)
    }
}
