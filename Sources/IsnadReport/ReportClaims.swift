import IsnadClaims
import IsnadText

/// An entity of a story in the report: one referent across articles and scripts.
public struct ReportEntity: Sendable, Encodable {
    public var id: String
    /// Canonical name in Latin script.
    public var name: String
    public var type: String
    public var mentions: [ReportMention]
}

/// A mention of an entity: its article and exact span of that article's original.
public struct ReportMention: Sendable, Encodable {
    public var article: String
    public var text: String
    public var start: Int
    public var end: Int
    /// The title or role written with a person's name.
    public var title: String?
}

/// An attributed statement in the report (the contract's `statements`).
public struct ReportStatement: Sendable, Encodable {
    public var id: String
    public var article: String
    /// The speaker's entity id (null for an unnamed source).
    public var speaker: String?
    public var speakerText: String
    public var cue: String
    public var stance: String
    public var form: String
    public var content: String
    public var start: Int
    public var end: Int
    /// Intermediaries in chain order (nearest to the source first).
    public var via: [String]
    public var speakerSpan: TextSpan?
    public var cueSpan: TextSpan
    public var contentSpans: [TextSpan]
    public var viaSpans: [TextSpan]
    /// True when the article is a copy of another (duplicate or same wire text): not an
    /// independent source for this statement.
    public var copy: Bool

    enum Keys: String, CodingKey {
        case id, article, speaker, speakerText, cue, stance, form, content, start, end, via, speakerSpan, cueSpan, contentSpans, viaSpans, copy
    }

    /// Every key always present (`speaker` and `speakerSpan` null when there is none), as the contract shows them.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(id, forKey: .id)
        try c.encode(article, forKey: .article)
        try c.encode(speaker, forKey: .speaker)
        try c.encode(speakerText, forKey: .speakerText)
        try c.encode(cue, forKey: .cue)
        try c.encode(stance, forKey: .stance)
        try c.encode(form, forKey: .form)
        try c.encode(content, forKey: .content)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encode(via, forKey: .via)
        try c.encode(speakerSpan, forKey: .speakerSpan)
        try c.encode(cueSpan, forKey: .cueSpan)
        try c.encode(contentSpans, forKey: .contentSpans)
        try c.encode(viaSpans, forKey: .viaSpans)
        try c.encode(copy, forKey: .copy)
    }
}

extension StoryReport {
    /// Fills each story's entities and statements from its articles (who said what).
    public mutating func fillClaims(_ extractor: StatementExtractor, names: (any NameResource)? = nil) {
        let claims = articles.map { extractor.extract(original: $0.article.original, paragraphs: ClaimsInput.spans(of: $0.article), language: $0.article.language) }
        // An article the story engine left out (too short: one sentence, a brief) still has its
        // statements: it gets a story of its own so that they have a place in the report.
        var next = (stories.compactMap { Int($0.id.dropFirst()) }.max() ?? 0) + 1
        for index in articles.indices where articles[index].story == nil && !claims[index].statements.isEmpty {
            let article = articles[index].article
            articles[index].story = "s\(next)"
            stories.append(ReportStory(id: "s\(next)", title: article.title, articles: [articles[index].id], independentSources: 1,
                                       languages: [article.language], outlets: article.outlet.map { [$0] } ?? []))
            next += 1
        }
        fillClaims(claims, names: names)
    }

    /// Fills each story's entities and statements from the claims of the report's articles (in
    /// article order); entity and statement ids run through the report (`e1`, `t1`, …).
    public mutating func fillClaims(_ claims: [ArticleClaims], names: (any NameResource)? = nil) {
        var index: [String: Int] = [:]
        for (position, article) in articles.enumerated() { index[article.id] = position }
        var entityNumber = 0, statementNumber = 0
        for s in stories.indices {
            let members = stories[s].articles.compactMap { index[$0] }.filter { $0 < claims.count }
            let entities = EntityResolver.resolve(members.map { claims[$0] }, names: names)
            var entityOf: [String: String] = [:]
            stories[s].entities = entities.map { entity in
                entityNumber += 1
                let id = "e\(entityNumber)"
                for m in entity.mentions { entityOf["\(m.article):\(m.mention.span.start):\(m.mention.span.end)"] = id }
                return ReportEntity(id: id, name: entity.name, type: entity.type.rawValue, mentions: entity.mentions.map { m in
                    ReportMention(article: articles[members[m.article]].id, text: m.mention.text, start: m.mention.span.start,
                                  end: m.mention.span.end, title: m.mention.title)
                })
            }
            stories[s].statements = []
            for (local, position) in members.enumerated() {
                let article = articles[position]
                for statement in claims[position].statements {
                    statementNumber += 1
                    let speaker = statement.speakerMention.flatMap { entityOf["\(local):\($0.span.start):\($0.span.end)"] }
                    stories[s].statements.append(ReportStatement(
                        id: "t\(statementNumber)", article: article.id, speaker: speaker, speakerText: statement.speakerText, cue: statement.cue,
                        stance: statement.stance.rawValue, form: statement.form.rawValue, content: statement.content,
                        start: statement.span.start, end: statement.span.end, via: statement.via, speakerSpan: statement.speakerSpan,
                        cueSpan: statement.cueSpan, contentSpans: statement.contentSpans, viaSpans: statement.viaSpans,
                        copy: article.duplicateOf != nil || article.syndicationOf != nil))
                }
            }
        }
    }
}
