import IsnadText

/// Finds who said what in one article: each attributed statement with its speaker, cue, content,
/// stance and via chain, and the names the article gives. Rules over a cue lexicon per language
/// (Arabic and English verb-subject or subject-verb, Persian verb-final); languages without a
/// lexicon get names only.
public struct StatementExtractor: Sendable {
    let lexicons: [String: CueLexicon]
    let names: (any NameResource)?
    let places: PlaceGazetteer?
    /// Trained name taggers by language (`make models`); languages without one get rules only.
    let taggers: [String: NameTagger]
    /// Version of the rules and lexicons: stored statements read by an older one are read again.
    public static let rulesVersion = 4
    /// Sentences longer than this many tokens are read up to it: bounded work per sentence.
    static let sentenceTokenLimit = 600

    public init(lexicons: [CueLexicon], names: (any NameResource)? = nil, places: PlaceGazetteer? = nil, taggers: [NameTagger] = []) {
        self.taggers = Dictionary(taggers.map { ($0.model.language, $0) }, uniquingKeysWith: { _, last in last })
        var byLanguage: [String: CueLexicon] = [:]
        for lexicon in lexicons { byLanguage[lexicon.language] = lexicon }
        self.lexicons = byLanguage
        self.names = names
        self.places = places
    }

    /// The extractor with the built-in (and `$ISNAD_LEXICON`) lexicons of Arabic, Persian and
    /// English, and the installed names table and place gazetteer (when `make models` put them
    /// there; statements come out without them).
    public static func standard(names: (any NameResource)? = NameRomanizer.shared.romanizer,
                                places: PlaceGazetteer? = PlaceGazetteer.shared.gazetteer,
                                taggers: [NameTagger] = NameTagger.installed.taggers) throws(LexiconError) -> StatementExtractor {
        StatementExtractor(lexicons: [try .load(language: "ar"), try .load(language: "fa"), try .load(language: "en")],
                           names: names, places: places, taggers: taggers)
    }

    /// Statements and mentions of an article given as its original text and the spans of its kept
    /// paragraphs (title included by the caller when wanted), in `language`.
    public func extract(original: String, paragraphs: [TextSpan], language: String) -> ArticleClaims {
        let scalars = Array(original.unicodeScalars)
        let lexicon = lexicons[language] ?? CueLexicon(language: language)
        var state = ArticleState()
        var result = ArticleClaims()
        for paragraph in paragraphs {
            let lower = max(0, min(paragraph.start, scalars.count)), upper = max(lower, min(paragraph.end, scalars.count))
            let text = String(String.UnicodeScalarView(scalars[lower..<upper]))
            var quoteOpen = false
            for sentence in SentenceSplitter.sentences(in: text) {
                let range = (lower + sentence.start)..<(lower + sentence.end)
                var st = SentenceTokens(scalars, range, quoteOpen: quoteOpen)
                if st.count > Self.sentenceTokenLimit, let cut = st.tokens.dropFirst(Self.sentenceTokenLimit).first?.start {
                    st = SentenceTokens(scalars, range.lowerBound..<cut, quoteOpen: quoteOpen)
                }
                quoteOpen = st.quoteOpenAtEnd
                let finder = MentionFinder(st: st, lexicon: lexicon, scalars: scalars, names: names, places: places, tagger: taggers[language])
                result.mentions.append(contentsOf: finder.mentions())
                guard lexicon.count > 0 else { continue }
                let reader = SentenceReader(st: st, lexicon: lexicon, finder: finder, verbFinal: language == "fa", language: language)
                result.statements.append(contentsOf: reader.statements(&state))
            }
        }
        return result
    }
}

/// What reading an article carries from one sentence to the next: the last named speaker (for
/// continuation cues, pronouns and role nouns) and the outlet last seen reporting (for a
/// quotation whose quoting outlet is left unsaid: ونقلت عن …).
struct ArticleState {
    var speaker: EntityMention?
    /// The last speaker as written (inherited by a statement that writes none).
    var speakerText = ""
    var reporter: (name: String, span: TextSpan)?
    /// Role phrases already resolved (their word keys) and to whom.
    var roles: [(keys: Set<String>, mention: EntityMention)] = []
    /// Named people who spoke, with the speaker phrase that introduced them (titles, roles).
    var people: [(mention: EntityMention, phraseKeys: Set<String>)] = []
}
