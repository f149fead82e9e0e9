import IsnadText

/// Whether a statement asserts its content, denies it, or neither (a question, a hedge).
public enum Stance: String, Sendable, Codable, CaseIterable {
    case assert, deny, other
}

/// How the content is given: in quotation marks, reported, or partly each.
public enum StatementForm: String, Sendable, Codable, CaseIterable {
    case direct, indirect, mixed
}

/// One attributed statement of an article: who said it (speaker), the word that says so (cue),
/// what was said (content, possibly split around an inserted cue), its stance, and the chain of
/// intermediaries it reached this outlet through (`via`, nearest to the source first). Every
/// span points into the article's decoded original.
public struct Statement: Sendable, Hashable, Codable {
    /// The speaker as written (a name, a role such as "the Russian official"); for a statement
    /// that writes none (a continuation, a dropped pronoun) as last written before it, with no
    /// `speakerSpan`; empty when the article names no speaker before.
    public var speakerText: String
    public var speakerSpan: TextSpan?
    /// The named mention the speaker resolves to: itself when it is a name, else the nearest
    /// compatible named speaker before it (pronouns, role nouns, continuation cues).
    public var speakerMention: EntityMention?
    public var cue: String
    public var cueSpan: TextSpan
    public var content: String
    public var contentSpans: [TextSpan]
    public var stance: Stance
    public var form: StatementForm
    /// Intermediaries in chain order, each as the text names it, with its span.
    public var via: [String]
    public var viaSpans: [TextSpan]
    /// The whole statement: from its first to its last role span.
    public var span: TextSpan

    public init(speakerText: String, speakerSpan: TextSpan?, speakerMention: EntityMention?, cue: String, cueSpan: TextSpan,
                content: String, contentSpans: [TextSpan], stance: Stance, form: StatementForm, via: [String], viaSpans: [TextSpan]) {
        self.speakerText = speakerText
        self.speakerSpan = speakerSpan
        self.speakerMention = speakerMention
        self.cue = cue
        self.cueSpan = cueSpan
        self.content = content
        self.contentSpans = contentSpans
        self.stance = stance
        self.form = form
        self.via = via
        self.viaSpans = viaSpans
        let spans = [speakerSpan, cueSpan].compactMap { $0 } + contentSpans + viaSpans
        span = TextSpan(start: spans.map(\.start).min() ?? cueSpan.start, end: spans.map(\.end).max() ?? cueSpan.end)
    }
}

/// What the who-said-what step finds in one article.
public struct ArticleClaims: Sendable, Hashable, Codable {
    public var mentions: [EntityMention]
    public var statements: [Statement]

    public init(mentions: [EntityMention] = [], statements: [Statement] = []) {
        self.mentions = mentions
        self.statements = statements
    }
}
