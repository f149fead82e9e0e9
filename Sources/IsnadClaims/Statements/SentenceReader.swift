import IsnadText

/// Reads the statements of one sentence: finds its cues, the roles around each, the outlets it
/// was told to or reported by, nests a statement found inside another's content under it (the
/// outer speaker joins its via chain), and decides each stance.
struct SentenceReader {
    let st: SentenceTokens
    let lexicon: CueLexicon
    let finder: MentionFinder
    let verbFinal: Bool
    let language: String
    static let maximumStatements = 24

    private var roles: StatementRoles { StatementRoles(st: st, lexicon: lexicon, verbFinal: verbFinal) }
    private static let cueKinds: Set<CueLexicon.Kind> = [.say, .deny, .continue, .participle, .according, .relay, .report]

    /// A statement while the sentence is read (token ranges; spans come at the end).
    struct Draft {
        var cue: CueMatch
        var speaker: Range<Int>?
        var content: Range<Int>
        var via: [(name: String, span: TextSpan)] = []
        var mention: EntityMention?
        var dropped = false
        /// The speaker as last written, for a statement that does not write one.
        var inheritedText = ""
        /// Where the speaker starts when it starts inside its first token (after a joined ل).
        var speakerStart: Int?
    }

    func statements(_ state: inout ArticleState) -> [Statement] {
        let cues = findCues()
        guard !cues.isEmpty else { return [] }
        let sourced = sourcePhrases()
        var drafts: [Draft] = []
        var floor = 0
        for cue in cues.prefix(Self.maximumStatements) {
            if let draft = read(cue, floor: floor, state) { drafts.append(draft) }
            floor = cue.tokens.upperBound
        }
        // Outlets a statement was told to (في تصريح للجزيرة, told Reuters) and sources of the
        // whole sentence (به گزارش …).
        for told in toldPhrases() {
            guard let k = drafts.indices.min(by: { distance(told.at, drafts[$0]) < distance(told.at, drafts[$1]) }) else { continue }
            drafts[k].via.append((told.name, told.span))
        }
        // Coordinated statements end each other's content; a statement whose cue lies inside
        // another's content came through that speaker (nesting).
        for outer in drafts.indices {
            for inner in drafts.indices where inner != outer && drafts[outer].content.contains(drafts[inner].cue.tokens.lowerBound)
                && isCoordinate(drafts[inner].cue) {
                let cut = roles.trimEnd(drafts[outer].content.lowerBound, drafts[inner].cue.tokens.lowerBound)
                if cut > drafts[outer].content.lowerBound { drafts[outer].content = drafts[outer].content.lowerBound..<cut }
            }
        }
        // Only the nearest enclosing statement counts, with the chain it was told through, so a
        // chain grows by one link per level however many statements a sentence nests.
        let toldVia = drafts.map(\.via)
        for inner in drafts.indices {
            let enclosing = drafts.indices.filter { $0 != inner && drafts[$0].content.contains(drafts[inner].cue.tokens.lowerBound) }
            guard let outer = enclosing.min(by: { drafts[$0].content.count < drafts[$1].content.count }),
                  let speaker = drafts[outer].speaker, !speaker.contains(where: { st.tokenIsWord($0, .anonymous, lexicon) }) else { continue }
            let name = drafts[outer].mention?.text ?? finder.text(speaker)
            drafts[inner].via.insert(contentsOf: [(name, drafts[outer].mention?.span ?? finder.span(speaker))] + toldVia[outer], at: 0)
            if isMedia(speaker) || drafts[outer].cue.kind == .report { drafts[outer].dropped = true }
        }
        var result: [Statement] = []
        for index in drafts.indices where !drafts[index].dropped {
            var draft = drafts[index]
            for source in sourced where source.at < draft.cue.tokens.lowerBound && !draft.via.contains(where: { $0.span == source.span }) {
                draft.via.append((source.name, source.span))
            }
            if draft.cue.kind == .relay, draft.via.isEmpty, let reporter = state.reporter { draft.via.append(reporter) }
            // Resolve the speaker: a name in it; an unnamed source stays unnamed; a pronoun, a
            // role noun or no speaker at all is the last speaker.
            if let speaker = draft.speaker, let named = finder.named(in: speaker) {
                draft.mention = named
                if isMedia(speaker) && (draft.cue.kind == .report || draft.cue.kind == .say) { state.reporter = (named.text, named.span) }
            } else if let speaker = draft.speaker, speaker.contains(where: { st.tokenIsWord($0, .anonymous, lexicon) }) || isIndefiniteRole(speaker) {
                draft.mention = nil
            } else if let speaker = draft.speaker {
                draft.mention = resolveRole(speaker, &state)
            } else {
                draft.mention = state.speaker
            }
            // A speaker left unwritten (a continuation, a dropped pronoun) is the last one named.
            if draft.speaker == nil { draft.inheritedText = state.speakerText } else { state.speakerText = draft.speaker.map(finder.text) ?? "" }
            state.speaker = draft.mention
            if let mention = draft.mention, mention.type == .person, draft.speaker != nil {
                let phrase = draft.speaker.map(finder.text) ?? ""
                state.people.append((mention, Set(WordTokenizer.tokens(in: phrase).map { MatchingKey.withoutArticle($0.key) ?? $0.key })))
            }
            result.append(statement(draft))
        }
        return result
    }

    /// A role noun without the article (متحدث, عضو; "an official"): someone not named before.
    private func isIndefiniteRole(_ speaker: Range<Int>) -> Bool {
        guard let first = speaker.first(where: { st.tokens[$0].isWord }) else { return false }
        if language == "en" { return ["a", "an", "one"].contains(st.tokens[first].key) }
        return language == "ar" && st.tokenIsWord(first, .role, lexicon) && !st.tokens[first].key.hasPrefix("ال")
    }

    /// Whom a role phrase stands for. With an organization in it ("the spokesman of Faylaq
    /// al-Rahman"): the last person whose speaker phrase named that organization, else nobody
    /// named. Without ("the Russian official"): whom the same phrase named before, else the
    /// last speaker.
    private func resolveRole(_ speaker: Range<Int>, _ state: inout ArticleState) -> EntityMention? {
        let keys = Set(speaker.filter { st.tokens[$0].isWord }.map { MatchingKey.withoutArticle(st.tokens[$0].key) ?? st.tokens[$0].key })
        if let organization = finder.organizations(in: speaker).first {
            let wanted = Set(WordTokenizer.tokens(in: organization.text).map { MatchingKey.withoutArticle($0.key) ?? $0.key })
            return state.people.last { wanted.isSubset(of: $0.phraseKeys) }?.mention
        }
        let mention = state.roles.last(where: { keys.isSubset(of: $0.keys) })?.mention ?? state.speaker
        if let mention { state.roles.append((keys, mention)) }
        return mention
    }

    private func distance(_ at: Int, _ draft: Draft) -> Int {
        let low = min(draft.cue.tokens.lowerBound, draft.speaker?.lowerBound ?? .max)
        let high = draft.content.lowerBound
        if at >= low && at <= high { return 0 }
        return at < low ? low - at : at - high
    }

    // MARK: Cues

    private func findCues() -> [CueMatch] {
        var cues: [CueMatch] = []
        var w = 0
        while w < st.words.count {
            let i = st.words[w]
            if !st.tokens[i].quoted, let cue = st.match(lexicon, atWord: w, kinds: Self.cueKinds), !isCompoundNoun(cue) {
                cues.append(cue)
                w = st.wordAt[cue.tokens.upperBound < st.count ? cue.tokens.upperBound : st.count]
                continue
            }
            // نقلت <subject> عن <speaker>: the relaying verb, its subject, then عن within six words.
            if !st.tokens[i].quoted, var cue = st.match(lexicon, atWord: w, kinds: [.relayverb]),
               let from = (w + 2..<min(st.words.count, w + 8)).first(where: { st.wordKeys[$0] == "عن" }),
               (st.words[w]..<st.words[from]).allSatisfy({ st.tokens[$0].isWord || st.isQuote($0) }) {
                cue.kind = .relay
                cue.relayFrom = st.words[from]
                cues.append(cue)
                w = from + 1
                continue
            }
            w += 1
        }
        return cues
    }

    /// Persian گفت in the noun گفت و گو (conversation), written with spaces.
    private func isCompoundNoun(_ cue: CueMatch) -> Bool {
        guard language == "fa", cue.phrase == "گفت" else { return false }
        let w = st.wordAt[cue.tokens.lowerBound]
        return w + 2 < st.words.count && st.wordKeys[w + 1] == "و" && st.wordKeys[w + 2] == "گو" || (w + 1 < st.words.count && st.wordKeys[w + 1] == "وگو")
    }

    private func read(_ cue: CueMatch, floor: Int, _ state: ArticleState) -> Draft? {
        let roles = self.roles
        let after = cue.tokens.upperBound
        switch cue.kind {
        case .according:
            // وفقا لمنظمة …: the speaker starts inside the word the phrase's ل is joined to.
            let from = cue.attachedStart != nil ? cue.tokens.upperBound - 1 : after
            guard let speaker = roles.speakerAfter(from, appositions: false).map({ roles.accordingSpeaker($0) }) else { return nil }
            let before = (floor..<cue.tokens.lowerBound).filter { st.tokens[$0].isWord && !StatementRoles.leadingParticles.contains(st.tokens[$0].key) }
            let content: Range<Int>?
            if before.count >= 3, let first = before.first {
                content = roles.contentRange(from: first, limit: cue.tokens.lowerBound)   // "…, according to X"
            } else {
                content = roles.contentRange(from: roles.contentStart(after: speaker.upperBound) ?? speaker.upperBound)
            }
            return content.map { content in
                var draft = Draft(cue: cue, speaker: speaker, content: content)
                if from < after { draft.speakerStart = cue.attachedStart }
                return draft
            }
        case .relay:
            guard let speaker = roles.speakerAfter((cue.relayFrom ?? after - 1) + 1), let start = roles.contentStart(after: speaker.upperBound),
                  let content = roles.contentRange(from: start) else { return nil }
            var draft = Draft(cue: cue, speaker: speaker, content: content)
            if let from = cue.relayFrom, from > after {
                let subject = after..<from
                draft.via.append((finder.named(in: subject)?.text ?? finder.text(subject), finder.span(subject)))
            } else if let subject = roles.speakerBefore(cue.tokens.lowerBound, floor: floor) {
                draft.via.append((finder.named(in: subject)?.text ?? finder.text(subject), finder.span(subject)))
            }
            return draft
        default:
            let speaker = cue.kind == .participle ? nil : chooseSpeaker(cue, floor: floor)
            let contentFrom = speaker.map { $0.lowerBound >= after ? $0.upperBound : after } ?? after
            // A quotation just before the reporting clause is its content ("…,” Clinton said).
            let clauseStart = min(speaker?.lowerBound ?? cue.tokens.lowerBound, cue.tokens.lowerBound)
            if language == "en", let close = (floor..<clauseStart).last(where: { st.tokens[$0].opensQuote == false }),
               (close + 1..<clauseStart).allSatisfy({ !st.tokens[$0].isWord }),
               let content = roles.contentRange(from: floor, limit: close) {
                return Draft(cue: cue, speaker: speaker, content: content)
            }
            // English "…, said Brian Baker": the clause before the comma is the content.
            if language == "en", let speaker, speaker.lowerBound >= after, clauseStart > floor, st.isComma(clauseStart - 1),
               let content = roles.contentRange(from: floor, limit: clauseStart - 1), content.count >= 3 {
                return Draft(cue: cue, speaker: speaker, content: content)
            }
            if let start = roles.contentStart(after: contentFrom, nominal: cue.kind == .deny), let content = roles.contentRange(from: start) {
                return Draft(cue: cue, speaker: speaker, content: content)
            }
            // The cue ends the sentence: the content is before it ("…, the official said").
            let rest = (contentFrom..<st.count).filter { st.tokens[$0].isWord && !st.tokenIsWord($0, .stop, lexicon) }
            if rest.isEmpty {
                let end = speaker.map { min($0.lowerBound, cue.tokens.lowerBound) } ?? cue.tokens.lowerBound
                if let content = roles.contentRange(from: floor, limit: end), content.count >= 2 {
                    return Draft(cue: cue, speaker: speaker, content: content)
                }
                // Persian subject–object–verb: the object between the subject and the verb.
                if verbFinal, let speaker, speaker.upperBound < cue.tokens.lowerBound,
                   let content = roles.contentRange(from: speaker.upperBound, limit: cue.tokens.lowerBound), content.count >= 1 {
                    return Draft(cue: cue, speaker: speaker, content: content)
                }
                return nil
            }
            // A verb with a nominal object (نفى علوان وجود …, أكد القائد البقاء …): the rest.
            if speaker != nil || cue.kind == .continue || cue.kind == .participle || cue.kind == .deny, let content = roles.contentRange(from: contentFrom),
               content.filter({ st.tokens[$0].isWord }).count >= 2 {
                return Draft(cue: cue, speaker: speaker, content: content)
            }
            return nil
        }
    }

    /// The speaker of a reporting verb: Persian before it; English before it unless the verb
    /// follows a quotation ("…," said Alwan); Arabic after it (verb–subject), or before it after
    /// كان/قد or when what follows is the verb's object. Only tokens that read as a speaker count.
    private func chooseSpeaker(_ cue: CueMatch, floor: Int) -> Range<Int>? {
        let roles = self.roles
        let c0 = cue.tokens.lowerBound, after = cue.tokens.upperBound
        func accept(_ range: Range<Int>?) -> Range<Int>? { range.flatMap { roles.looksLikeSpeaker($0, finder: finder) ? $0 : nil } }
        let before = accept(roles.speakerBefore(c0, floor: floor))
        if verbFinal { return before }
        if language == "en" {
            // After a quotation the subject follows ("…," said Alwan); after a comma it may close an
            // apposition (", Yahya Saree, said") or a clause ("…, said Brian Baker").
            if c0 > 0 && st.isQuote(c0 - 1) { return accept(roles.speakerAfter(after)) ?? before }
            if c0 > 0 && st.isComma(c0 - 1) { return before ?? accept(roles.speakerAfter(after)) }
            return before
        }
        let subjectFirst = (floor..<c0).contains { st.tokens[$0].isWord && StatementRoles.subjectFirst.contains(st.tokens[$0].key) }
        let following = accept(roles.speakerAfter(after).map { roles.trimmedToOrganization($0, finder: finder) })
        return subjectFirst ? before ?? following : following ?? before
    }

    /// Whether a cue inside another statement's content starts a statement of its own
    /// (coordinated: "…، وأكد فارس أن …", "…, and added that …") rather than one reported by
    /// that statement's speaker.
    private func isCoordinate(_ cue: CueMatch) -> Bool {
        if cue.kind == .continue || cue.kind == .participle { return true } // …، مؤكداً أن …: the same speaker goes on
        let first = cue.tokens.lowerBound
        if first > 0 && st.isSentenceEnd(first - 1) { return true }
        let key = st.tokens[first].key
        if key.hasPrefix("و") && !lexicon.contains(key, as: cue.kind) && st.match(lexicon, atWord: st.wordAt[first], kinds: [cue.kind]).map({ $0.phrase.hasPrefix("و") }) != true {
            return true
        }
        if first > 0, st.tokens[first - 1].isWord, ["and", "و", "but"].contains(st.tokens[first - 1].key) { return true }
        return false
    }

    // MARK: Via phrases

    /// Phrases naming whom a statement was told to, with the outlet after them.
    private func toldPhrases() -> [(at: Int, name: String, span: TextSpan)] {
        var result: [(at: Int, name: String, span: TextSpan)] = []
        for w in st.words.indices {
            guard let match = st.match(lexicon, atWord: w, kinds: [.told]) else { continue }
            if let outlet = outlet(after: match) {
                if language == "en" && !finder.isPersonName(outlet.range) && !isMedia(outlet.range) { continue }
                result.append((match.tokens.lowerBound, outlet.name, outlet.span))
            }
        }
        // An outlet with a joined ل (للجزيرة, لوكالة الصحافة الفرنسية): told to it.
        for i in st.words where !result.contains(where: { $0.span.start < st.tokens[i].end && st.tokens[i].start < $0.span.end }) {
            let key = st.tokens[i].key
            guard key.hasPrefix("ل"), key.unicodeScalars.count >= 4 else { continue }
            let rest = String(String.UnicodeScalarView(key.unicodeScalars.dropFirst()))
            guard lexicon.contains(rest, as: .media) || lexicon.contains("ا" + rest, as: .media) else { continue }
            let match = CueMatch(kind: .told, phrase: "ل", tokens: i..<i + 1, attachedStart: st.tokens[i].start + 1)
            if let outlet = outlet(after: match) { result.append((i, outlet.name, outlet.span)) }
        }
        return result
    }

    /// "Reported by" phrases (به گزارش …), which give the via of the whole sentence after them.
    private func sourcePhrases() -> [(at: Int, name: String, span: TextSpan)] {
        var result: [(at: Int, name: String, span: TextSpan)] = []
        for w in st.words.indices {
            guard let match = st.match(lexicon, atWord: w, kinds: [.source]), let outlet = outlet(after: match) else { continue }
            result.append((match.tokens.lowerBound, outlet.name, outlet.span))
        }
        return result
    }

    /// The outlet named after a phrase: up to four name words, or the rest of a word the phrase's
    /// last letter is joined to (لعنب بلدي → عنب بلدي).
    private func outlet(after match: CueMatch) -> (name: String, span: TextSpan, range: Range<Int>)? {
        let start = match.attachedStart != nil ? match.tokens.upperBound - 1 : match.tokens.upperBound
        var end = start, i = start, words = 0
        while i < st.count && words < 4 {
            if st.tokens[i].isWord {
                let w = st.wordAt[i]
                if i != start && (st.word(w, is: .stop, in: lexicon) || roles.startsContent(atWord: w)
                    || st.match(lexicon, atWord: w, kinds: [.say, .deny, .continue, .participle, .report, .told]) != nil) { break }
                words += 1
                end = i + 1
            } else if !st.isQuote(i) {
                break
            }
            i += 1
        }
        guard words > 0 else { return nil }
        let range = roles.accordingSpeaker(start..<end)
        var span = finder.span(range)
        if let attached = match.attachedStart { span.start = attached }
        var name = finder.text(range)
        if match.attachedStart != nil {
            name = String(String.UnicodeScalarView(name.unicodeScalars.dropFirst()))
            // ل + الجزيرة is written للجزيرة: give the name its article back.
            if name.hasPrefix("ل") && name.unicodeScalars.count > 3 { name = "ا" + name }
        }
        return (name.trimmingQuotes, span, range)
    }

    private func isMedia(_ range: Range<Int>) -> Bool {
        range.contains { st.tokens[$0].isWord && st.word(st.wordAt[$0], is: .media, in: lexicon) }
    }

    // MARK: Statement

    private func statement(_ draft: Draft) -> Statement {
        let contentWords = draft.content.filter { st.tokens[$0].isWord }
        let quoted = contentWords.filter { st.tokens[$0].quoted }.count
        let form: StatementForm = quoted == 0 ? .indirect : quoted == contentWords.count ? .direct : .mixed
        let cueText = finder.text(draft.cue.tokens)
        var speakerSpan = draft.speaker.map(finder.span)
        if let start = draft.speakerStart, let span = speakerSpan, start > span.start, start < span.end { speakerSpan?.start = start }
        let speakerText = speakerSpan.map { finder.slice($0) } ?? draft.inheritedText
        return Statement(
            speakerText: speakerText, speakerSpan: speakerSpan, speakerMention: draft.mention,
            cue: cueText, cueSpan: finder.span(draft.cue.tokens), content: finder.text(draft.content), contentSpans: [finder.span(draft.content)],
            stance: stance(draft), form: form, via: draft.via.map(\.name), viaSpans: draft.via.map(\.span))
    }

    /// Deny for a denial cue or a content that opens with a negation (Persian: or ends with a
    /// negative verb); assert otherwise.
    private func stance(_ draft: Draft) -> Stance {
        if draft.cue.kind == .deny { return .deny }
        let words = draft.content.filter { st.tokens[$0].isWord }.map { st.wordAt[$0] }
        for w in words.prefix(4) where st.match(lexicon, atWord: w, kinds: [.negation]) != nil { return .deny }
        if verbFinal { for w in words.suffix(3) where st.match(lexicon, atWord: w, kinds: [.negation]) != nil { return .deny } }
        return .assert
    }
}

extension String {
    var trimmingQuotes: String {
        var scalars = Substring.UnicodeScalarView(unicodeScalars)
        while let first = scalars.first, SentenceTokens.quoteMarks.contains(first) || first == " " { scalars.removeFirst() }
        while let last = scalars.last, SentenceTokens.quoteMarks.contains(last) || last == " " { scalars.removeLast() }
        return String(scalars)
    }
}
