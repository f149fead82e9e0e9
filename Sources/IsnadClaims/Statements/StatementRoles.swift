import IsnadText

/// Finds the roles around one cue in a sentence: the speaker's tokens, where the content starts,
/// and the outlets a statement was told to. Each search looks at a bounded window of tokens, so
/// the work per sentence grows with its length only, whatever the text.
struct StatementRoles {
    let st: SentenceTokens
    let lexicon: CueLexicon
    /// Verb-final languages (Persian): the speaker stands before the cue, the content may too.
    let verbFinal: Bool
    static let window = 14

    /// Words that may open a speaker before the cue and are not part of it (كان, قد, and so on).
    static let leadingParticles: Set<String> = Set(["وكان", "وكانت", "كان", "كانت", "قد", "وقد", "ثم", "كما", "لكن", "ولكن", "بدوره", "بدورها",
                                                    "meanwhile", "but", "and", "however", "also", "همچنین", "اما", "ولی"].map(MatchingKey.key))
    /// Persian demonstratives and pronouns that open a noun phrase.
    static let demonstratives: Set<String> = Set(["این", "آن", "وی", "او", "همین", "همان"].map(MatchingKey.key))
    /// Words after which a complementizer opens a subordinate clause, not the content (دون أن
    /// يقدم دليلاً, "before that").
    static let subordinators: Set<String> = Set(["دون", "بدون", "بعد", "قبل", "حتى", "رغم", "من", "without", "before", "after", "until", "so"].map(MatchingKey.key))
    /// English words that open a clause: a subject before a verb starts after them.
    static let englishClauseOpeners: Set<String> = ["as", "while", "when", "because", "after", "before", "but", "and", "since",
                                                    "although", "though", "if", "where", "which", "who", "whom", "whose", "that", "than"]
    /// Particles after which Arabic puts the subject before the verb (وكان المركز أعلن …).
    static let subjectFirst: Set<String> = Set(["وكان", "وكانت", "كان", "كانت", "قد", "وقد"].map(MatchingKey.key))

    // MARK: Speaker

    /// A speaker written after the cue (Arabic verb–subject order, English "said Alwan"): from
    /// token `p` up to a complementizer, colon, preposition or time word; appositions after a
    /// comma stay in it, and so do quoted names.
    func speakerAfter(_ p: Int, appositions: Bool = true) -> Range<Int>? {
        var i = p, end = p, words = 0, commas = 0
        var lastWasNameHead = true // a quotation right after the cue is a quoted name
        while i < st.count && words < Self.window {
            let token = st.tokens[i]
            if token.isWord {
                let w = st.wordAt[i]
                if startsContent(atWord: w) || st.match(lexicon, atWord: w, kinds: [.told, .according, .relay]) != nil { break }
                if st.word(w, is: .stop, in: lexicon) && !token.quoted { break }
                if words == 0 && st.match(lexicon, atWord: w, kinds: [.say, .deny, .continue, .participle, .report]) != nil { break }
                words += 1
                end = i + 1
                lastWasNameHead = st.word(w, is: .title, in: lexicon) || st.word(w, is: .role, in: lexicon)
                    || st.word(w, is: .organization, in: lexicon) || st.word(w, is: .media, in: lexicon) || token.key.hasSuffix("باسم") || token.key == "باسم"
            } else if st.isQuote(i) {
                if st.tokens[i].opensQuote == true && !lastWasNameHead && words > 0 {
                    // An opening quotation after a complete speaker starts the content — unless it
                    // is a short quoted name followed by more of the speaker.
                    if let close = closingQuote(after: i), close - i <= 6, close + 1 < st.count, st.isComma(close + 1) || st.tokens[close + 1].isWord,
                       !(close + 1 < st.count && st.tokens[close + 1].isWord && startsContent(atWord: st.wordAt[close + 1])) {
                        i += 1
                        continue
                    }
                    break
                }
                if st.tokens[i].opensQuote == false { end = i + 1 }
            } else if st.isComma(i) {
                // One apposition goes on; a time word, a cue or the content after the comma ends it.
                commas += 1
                if !appositions || commas > 1 { break }
                let w = st.wordAt[i + 1 < st.count ? i + 1 : i]
                if w >= st.words.count || st.word(w, is: .stop, in: lexicon) || startsContent(atWord: w) { break }
                if st.match(lexicon, atWord: w, kinds: [.say, .deny, .continue, .participle, .report, .according, .told]) != nil { break }
            } else {
                break
            }
            i += 1
        }
        guard words > 0 else { return nil }
        return p..<trimEnd(p, end)
    }

    /// An Arabic speaker after the verb that opens with an organization ends with its name when
    /// nothing joins more to it (ووصفت وزارة الدفاع الروسية | التقارير …): the rest is the verb's
    /// object. An apposition, a quotation or باسم after the name keeps the speaker going.
    func trimmedToOrganization(_ range: Range<Int>, finder: MentionFinder) -> Range<Int> {
        guard lexicon.language == "ar", let first = range.first(where: { st.tokens[$0].isWord }),
              st.tokenIsWord(first, .organization, lexicon) || st.tokenIsWord(first, .media, lexicon),
              let organization = finder.organizations(in: range).first, organization.span.start <= st.tokens[first].end,
              let next = range.first(where: { st.tokens[$0].start >= organization.span.end }) else { return range }
        if st.isComma(next) || st.isQuote(next) || st.tokens[next].key == "باسم" { return range }
        return range.lowerBound..<next
    }

    /// A speaker written before the cue (subject–verb order): from the last boundary before
    /// `c0` (sentence start, colon, complementizer, quotation, an earlier cue at `floor`) to the
    /// cue, without leading particles; in verb-final languages, up to the first preposition or
    /// adverb. Nil when nothing fits or the stretch is too long to be a subject.
    func speakerBefore(_ c0: Int, floor: Int) -> Range<Int>? {
        var i = c0 - 1
        while i >= floor {
            let token = st.tokens[i]
            if st.isColon(i) || (st.isQuote(i) && !quotedNameAt(i)) || st.isSentenceEnd(i) { break }
            if token.isWord && !token.quoted && startsContent(atWord: st.wordAt[i]) { break }
            if token.isWord && lexicon.language == "en" && Self.englishClauseOpeners.contains(token.key) { break }
            if !verbFinal && st.isComma(i) && commaEndsClause(i, c0) { break }
            i -= 1
        }
        var start = i + 1
        // "به گزارش ایرنا، …", "according to X, …": the phrase and its comma open the clause.
        if st.tokens.indices.contains(start), st.tokens[start].isWord, st.match(lexicon, atWord: st.wordAt[start], kinds: [.source, .according]) != nil,
           let comma = (start..<c0).first(where: { st.isComma($0) }) {
            start = comma + 1
        }
        while start < c0, st.isComma(start) || (st.tokens[start].isWord && Self.leadingParticles.contains(st.tokens[start].key)) { start += 1 }
        guard start < c0 else { return nil }
        var end = c0
        if verbFinal {
            // A leading adjunct closed by a comma (در ادامه این اتفاق، …) is not the subject.
            if st.tokens[start].isWord, st.word(st.wordAt[start], is: .stop, in: lexicon),
               let comma = (start..<c0).first(where: { st.isComma($0) }), comma + 1 < c0 {
                start = comma + 1
            }
            // Persian: the subject ends at the first preposition or adverb (در ادامه, پیشتر …),
            // or where a demonstrative opens the object of a verb with را (این گروه | این خبر را
            // تکذیب کرد); a subject that is itself a demonstrative phrase takes two words.
            var j = start
            while j < c0 {
                if st.tokens[j].isWord && j > start && st.word(st.wordAt[j], is: .stop, in: lexicon) { end = j; break }
                j += 1
            }
            let withObject = st.tokens[c0].key == "را" || (c0 > 0 && st.tokens[c0 - 1].key == "را")
            let words = (start..<end).filter { st.tokens[$0].isWord }
            if withObject, words.count >= 3 {
                if let demonstrative = words.dropFirst().first(where: { Self.demonstratives.contains(st.tokens[$0].key) }) {
                    end = demonstrative
                } else if Self.demonstratives.contains(st.tokens[words[0]].key) {
                    end = words[1] + 1
                }
            }
        } else {
            // Arabic or English: a time or place phrase just before the cue is not the speaker.
            var j = start
            while j < c0 {
                if st.tokens[j].isWord && j > start && st.word(st.wordAt[j], is: .stop, in: lexicon) { end = j; break }
                j += 1
            }
        }
        let count = (start..<end).filter { st.tokens[$0].isWord }.count
        guard count > 0, count <= 16 else { return nil }
        return start..<trimEnd(start, end)
    }

    /// In English, a comma before the cue ends the speaker when what precedes is a clause of its
    /// own ("Talks went on, the official said"), not an apposition ("A spokesman, Ivan Petrov, said").
    private func commaEndsClause(_ comma: Int, _ cue: Int) -> Bool {
        // An apposition is closed by a second comma just before the cue.
        var commas = 0
        for k in comma..<cue where st.isComma(k) { commas += 1 }
        if commas >= 2 { return false }
        var k = comma - 1, before = 0
        while k >= 0 && !st.isComma(k) && !st.isSentenceEnd(k) && !st.isColon(k) { if st.tokens[k].isWord { before += 1 }; k -= 1 }
        if k >= 0 && st.isComma(k) { return false } // ", X, said": an apposition
        return before > 1 || cue + 1 >= st.count || st.isSentenceEnd(cue + 1) == true
    }

    /// Whether tokens read as a speaker: a title, role, organization or outlet word, an
    /// anonymous source, a quoted name, or a short run of name words. Arabic verbs take nominal
    /// objects (أعلنت رفضها, نفت التفاوض) that are not speakers.
    func looksLikeSpeaker(_ range: Range<Int>, finder: MentionFinder) -> Bool {
        let words = range.filter { st.tokens[$0].isWord }
        guard !words.isEmpty else { return false }
        for i in words {
            for kind in [CueLexicon.Kind.title, .role, .anonymous, .organization, .media] where st.tokenIsWord(i, kind, lexicon) { return true }
        }
        if range.contains(where: { st.isQuote($0) }) { return true }
        // A country or city speaks through its government (روسيا تعلن, Damascus says).
        if let first = words.first, let place = finder.place(at: first), place.range.upperBound >= (words.last ?? first) + 1 { return true }
        // English reporting verbs are seldom anything else: a short noun phrase before one is its
        // subject ("The campaign says", "top black lawmakers said").
        if lexicon.language == "en" {
            let limit = range.contains(where: { st.isComma($0) }) ? 16 : 8 // an apposition makes it longer
            return words.count <= limit && !words.contains { st.tokens[$0].quoted }
        }
        guard words.count <= 4, let first = words.first else { return false }
        return finder.isPersonName(first..<(words.last ?? first) + 1)
    }

    /// The speaker after "according to" in Arabic script: the first word and the words that
    /// continue a name (with the article, quoted, after باسم or a title); a verb ends it
    /// (بحسب المسؤول الروسي عقد …).
    func accordingSpeaker(_ range: Range<Int>) -> Range<Int> {
        guard lexicon.language == "ar", let first = range.first(where: { st.tokens[$0].isWord }) else { return range }
        var end = first + 1, i = first + 1
        while i < range.upperBound {
            let token = st.tokens[i]
            if token.isWord {
                let previous = st.tokens[i - 1]
                let continues = token.key.hasPrefix("ال") || token.quoted || previous.key == "باسم" || st.tokenIsWord(i - 1, .title, lexicon)
                    || st.tokenIsWord(i - 1, .organization, lexicon) || st.tokenIsWord(i - 1, .media, lexicon)
                guard continues else { break }
                end = i + 1
            } else if !st.isQuote(i) {
                break
            } else if token.opensQuote == false {
                end = i + 1
            }
            i += 1
        }
        return range.lowerBound..<end
    }

    // MARK: Content

    /// Where the content starts after token `p` (after a complementizer or colon, at an opening
    /// quotation or a content opener), looking a bounded window ahead; nil when none is near.
    func contentStart(after p: Int, nominal: Bool = false) -> Int? {
        var i = p, words = 0
        while i < st.count && words <= Self.window {
            let token = st.tokens[i]
            if st.isColon(i) { return i + 1 < st.count ? i + 1 : nil }
            if st.isQuote(i), token.opensQuote == true {
                // A short quoted name inside the speaker or an adjunct (موقع “تويتر”) is not the content.
                if let close = closingQuote(after: i), close - i <= 4, close + 1 < st.count, !st.isSentenceEnd(close + 1) {
                    i = close + 1
                    continue
                }
                return i
            }
            if token.isWord {
                let w = st.wordAt[i]
                if let match = st.match(lexicon, atWord: w, kinds: [.complementizer]),
                   !(w > 0 && Self.subordinators.contains(st.wordKeys[w - 1])) {
                    return match.tokens.upperBound < st.count ? match.tokens.upperBound : nil
                }
                // Openers start the content right away — or, after a denial verb, past an adjunct.
                if (words == 0 || nominal) && st.match(lexicon, atWord: w, kinds: words == 0 ? [.opener, .negation] : [.opener]) != nil { return i }
                words += 1
            }
            i += 1
        }
        return nil
    }

    /// Whether word `w` opens content: a complementizer or a content opener.
    func startsContent(atWord w: Int) -> Bool {
        st.match(lexicon, atWord: w, kinds: [.complementizer, .opener]) != nil
    }

    /// The content from token `start` to the end of the sentence (or `limit`), without the
    /// quotation marks around it and final punctuation.
    func contentRange(from start: Int, limit: Int? = nil) -> Range<Int>? {
        var lower = start
        var upper = limit ?? st.count
        while lower < upper, !st.tokens[lower].isWord, !st.isQuote(lower) || st.tokens[lower].opensQuote == true {
            if st.isQuote(lower) { lower += 1; break }
            lower += 1
        }
        while lower < upper, !st.tokens[lower].isWord, !st.isQuote(lower) { lower += 1 }
        while upper > lower, !st.tokens[upper - 1].isWord { upper -= 1 }
        guard upper > lower else { return nil }
        return lower..<upper
    }

    // MARK: Helpers

    func closingQuote(after i: Int) -> Int? {
        var k = i + 1
        while k < st.count { if st.tokens[k].opensQuote == false { return k }; if st.tokens[k].opensQuote == true { return nil }; k += 1 }
        return nil
    }

    /// Whether the quotation mark at `i` belongs to a short quoted name (a closing mark with a
    /// name of at most four words before it, or an opening one with one after it).
    func quotedNameAt(_ i: Int) -> Bool {
        if st.tokens[i].opensQuote == true, let close = closingQuote(after: i) { return close - i <= 5 }
        if st.tokens[i].opensQuote == false {
            var k = i - 1
            while k >= 0 && st.tokens[k].opensQuote == nil { k -= 1 }
            return k >= 0 && i - k <= 5
        }
        return false
    }

    /// Drops trailing punctuation (but keeps a closing quotation that closes a name in the span).
    func trimEnd(_ start: Int, _ end: Int) -> Int {
        var e = end
        while e > start, !st.tokens[e - 1].isWord, st.tokens[e - 1].opensQuote != false { e -= 1 }
        return e
    }
}
