import IsnadText

/// Finds names in a sentence: a person after a title (اللواء فلاديمير زولوتوخين), a name in an
/// apposition (، وائل علوان،), an organization after its head word (فيلق الرحمن, حركة أحرار
/// الشام), a quoted name, and in Latin and Cyrillic script capitalized runs. Rules, not a
/// trained tagger: they find the speakers and sources who-said-what needs. Where `make models`
/// trained a ``NameTagger`` for the language, its names are added where the rules found none.
struct MentionFinder {
    let st: SentenceTokens
    let lexicon: CueLexicon
    let scalars: [Unicode.Scalar]
    let names: (any NameResource)?
    var places: PlaceGazetteer? = nil
    /// The language's trained name tagger, when installed.
    var tagger: NameTagger? = nil

    /// The place that starts at token `i` (a word), as a token range and its English name.
    func place(at i: Int) -> (range: Range<Int>, name: String)? {
        guard let places, isWord(i) else { return nil }
        var keys = st.wordKeys
        let w = st.wordAt[i]
        var found = places.match(keys, at: w)
        if found == nil, let cut = ["'s", "’s"].first(where: { keys[w].hasSuffix($0) }) {
            keys[w] = String(keys[w].dropLast(cut.count)) // Russia's: the place, possessive
            found = places.match(keys, at: w)
        }
        guard let found else { return nil }
        let last = st.wordAt[i] + found.length - 1
        guard last < st.words.count else { return nil }
        let range = i..<st.words[last] + 1
        // A place name does not run over punctuation.
        guard range.allSatisfy({ st.tokens[$0].isWord }) else { return nil }
        return (range, found.name)
    }

    func placeMention(_ found: (range: Range<Int>, name: String)) -> EntityMention {
        var m = mention(found.range, .place)
        m.canonicalName = found.name
        return m
    }

    /// The original text of a span.
    func slice(_ span: TextSpan) -> String {
        let lower = max(0, min(span.start, scalars.count)), upper = max(lower, min(span.end, scalars.count))
        return String(String.UnicodeScalarView(scalars[lower..<upper]))
    }

    /// The original text of a token range (empty for an empty or out-of-bounds range).
    func text(_ range: Range<Int>) -> String {
        let span = span(range)
        return String(String.UnicodeScalarView(scalars[span.start..<span.end]))
    }

    func span(_ range: Range<Int>) -> TextSpan {
        let lower = max(0, range.lowerBound), upper = min(range.upperBound, st.tokens.count)
        guard lower < upper else {
            let at = lower < st.tokens.count ? st.tokens[lower].start : (st.tokens.last?.end ?? 0)
            return TextSpan(start: at, end: at)
        }
        return TextSpan(start: st.tokens[lower].start, end: st.tokens[upper - 1].end)
    }

    func mention(_ range: Range<Int>, _ type: EntityType, title: Range<Int>? = nil) -> EntityMention {
        let title = title.flatMap { $0.isEmpty ? nil : $0 }
        var found = EntityMention(text: text(range), span: span(range), type: type, title: title.map(text), titleSpan: title.map(span))
        // An Arabic-script name gets its Latin spelling now, with the names table at hand, so that
        // reading a stored story later needs no table.
        if let names, let first = range.first(where: isWord), isArabicScript(first) {
            found.canonicalName = names.romanize(WordTokenizer.tokens(in: found.text).map(\.text))
        }
        return found
    }

    private func isWord(_ i: Int) -> Bool { i >= 0 && i < st.count && st.tokens[i].isWord }
    private func wordIs(_ i: Int, _ kind: CueLexicon.Kind) -> Bool { st.tokenIsWord(i, kind, lexicon) }
    private func isLatinCapital(_ i: Int) -> Bool {
        guard isWord(i), let first = scalars[st.tokens[i].start].properties.isUppercase ? scalars[st.tokens[i].start] : nil else { return false }
        return Script.of(first) == .latin || Script.of(first) == .cyrillic
    }
    static let nameParticles: Set<String> = ["bin", "ibn", "bint", "al", "el", "de", "da", "van", "von", "der", "del", "la", "le", "abu", "abdel"]
    private func isLatinScript(_ i: Int) -> Bool {
        isWord(i) && [Script.latin, .cyrillic].contains(Script.of(scalars[st.tokens[i].start]))
    }
    private func isArabicScript(_ i: Int) -> Bool { isWord(i) && Script.of(scalars[st.tokens[i].start]) == .arabic }
    private func startsWithArticle(_ i: Int) -> Bool {
        guard isWord(i) else { return false }
        let key = st.tokens[i].key
        return key.hasPrefix("ال") || key.hasPrefix("وال") || key.hasPrefix("بال") || key.hasPrefix("لل")
    }
    /// Words that cannot be part of a name: cues, stop words, complementizers, role nouns.
    private func isFunctionWord(_ i: Int) -> Bool {
        guard isWord(i) else { return true }
        let w = st.wordAt[i]
        if st.match(lexicon, atWord: w, kinds: [.say, .deny, .continue, .participle, .according, .relay, .report, .complementizer, .opener, .negation, .told, .source]) != nil { return true }
        return wordIs(i, .stop) || wordIs(i, .role) || wordIs(i, .title) || wordIs(i, .anonymous)
    }

    /// The name a speaker span stands for, when it has one: a titled or apposed person, else the
    /// organization it names, else a short run of name words.
    func named(in range: Range<Int>) -> EntityMention? {
        let tokens = Array(range)
        // A speaker that is a place (روسيا, Damascus): the country or city speaking.
        if let first = tokens.first(where: { isWord($0) }), let found = place(at: first),
           tokens.filter({ isWord($0) && !found.range.contains($0) }).isEmpty {
            return placeMention(found)
        }
        // A speaker that opens with an organization's head (or its quoted name) is that organization.
        if let first = tokens.first(where: { isWord($0) }), wordIs(first, .organization) || wordIs(first, .media) || st.tokens[first].quoted,
           !tokens.contains(where: { wordIs($0, .title) }), let organization = organizations(in: range).first {
            return organization
        }
        // A person after a title: اللواء فلاديمير زولوتوخين, Maj. Gen. Ivan Petrov.
        for i in tokens where wordIs(i, .title) || (wordIs(i, .role) && isLatinCapital(i + 1)) {
            if let name = nameRun(from: i + 1, limit: range.upperBound, maxWords: 4), isPersonName(name) {
                return mention(name, .person, title: range.lowerBound..<i + 1)
            }
        }
        // A person after a role and what it governs (وزير المالية سمير عبد الله, رئيس البلدية خالد الزعبي).
        for i in tokens where wordIs(i, .role) && isArabicScript(i) {
            var j = i + 1, skipped = 0
            while j < range.upperBound, isWord(j), startsWithArticle(j), skipped < 3 { j += 1; skipped += 1 }
            guard skipped > 0, let name = nameRun(from: j, limit: range.upperBound, maxWords: 3), isPersonName(name) else { continue }
            return mention(name, .person, title: range.lowerBound..<j)
        }
        // A person named after the organization they speak for (قائد فيلق الرحمن عبد الناصر شمير).
        let organizations = organizations(in: range)
        for organization in organizations where lexicon.language == "ar" {
            guard let after = tokens.first(where: { st.tokens[$0].start >= organization.span.end }),
                  let name = nameRun(from: after, limit: range.upperBound, maxWords: 3), isPersonName(name) else { continue }
            return mention(name, .person, title: range.lowerBound..<after)
        }
        // An apposition: "<role>, <name>," or "<name> <role>".
        var i = range.lowerBound
        while i < range.upperBound {
            if st.isComma(i), let name = nameRun(from: i + 1, limit: range.upperBound, maxWords: 3), isPersonName(name) {
                return mention(name, .person, title: range.lowerBound..<i)
            }
            i += 1
        }
        if let first = tokens.first(where: { isWord($0) }), !isFunctionWord(first), !wordIs(first, .organization), !wordIs(first, .media),
           let name = nameRun(from: first, limit: range.upperBound, maxWords: 3), isPersonName(name),
           !(isLatinCapital(first) && name.upperBound < range.upperBound && isWord(name.upperBound)
             && (wordIs(name.upperBound, .title) || wordIs(name.upperBound, .role) || wordIs(name.upperBound, .organization))) {
            let rest = name.upperBound < range.upperBound ? name.upperBound..<range.upperBound : nil
            return mention(name, .person, title: rest.flatMap { r in r.contains(where: { wordIs($0, .role) }) ? r : nil })
        }
        // A role phrase ("the spokesman of …") stands for a person: the reader resolves it.
        if let first = tokens.first(where: { isWord($0) }), wordIs(first, .role) || wordIs(first, .title) { return nil }
        // An organization: the first one the span names.
        if let organization = organizations.first { return organization }
        return nil
    }

    /// A run of name words from `start` (quotation marks around them allowed), at most
    /// `maxWords`, ending at punctuation or a function word.
    func nameRun(from start: Int, limit: Int, maxWords: Int) -> Range<Int>? {
        var i = start
        while i < limit, st.isQuote(i) { i += 1 }
        let first = i
        var words = 0, end = i
        while i < limit && words < maxWords {
            if isWord(i) {
                if isFunctionWord(i) || wordIs(i, .organization) || wordIs(i, .media) { break }
                if st.tokens[i].key.count < 2 { break }
                // Latin names: capitalized words and the particles between them (bin, al, de, van).
                if isLatinScript(i) && !isLatinCapital(i) && !(Self.nameParticles.contains(st.tokens[i].key) && isLatinCapital(i + 1)) { break }
                words += 1
                end = i + 1
            } else if st.isQuote(i), st.tokens[i].opensQuote == false {
                break
            } else if !(scalars[st.tokens[i].start] == "." && isLatinCapital(i - 1)) {
                break // initials ("Maj.") keep a Latin run going
            }
            i += 1
        }
        return words > 0 ? first..<end : nil
    }

    /// Whether a run reads as a person's name: Latin-script capitalized words, or Arabic-script
    /// words without the article (names rarely take ال), or a known given name first.
    func isPersonName(_ range: Range<Int>) -> Bool {
        let words = range.filter { isWord($0) }
        guard let first = words.first else { return false }
        if let found = place(at: first), found.range.upperBound >= (words.last ?? first) + 1 { return false }
        if isLatinCapital(first) {
            return words.allSatisfy { isLatinCapital($0) || Self.nameParticles.contains(st.tokens[$0].key) } && words.last.map(isLatinCapital) == true
        }
        guard isArabicScript(first) else { return false }
        if let names, names.isGivenName(st.tokens[first].key) { return true }
        // A name does not open with the article (a family name may take it: سامر الحداد, عبد
        // الناصر), nor with a word carrying a pronoun (رفضها الدخول).
        let particles: Set<String> = ["عبد", "ابو", "بن", "ابن", "ام"]
        guard !startsWithArticle(first), !particles.contains(st.tokens[words[words.count - 1]].key) else { return false }
        if lexicon.language == "ar" {
            let word = String(String.UnicodeScalarView(scalars[st.tokens[first].start..<st.tokens[first].end]))
            if word.unicodeScalars.count >= 4, ["ه", "ها", "هم", "هما", "هن"].contains(where: { word.hasSuffix($0) }) { return false }
        }
        return true
    }

    /// Organizations named after a head word (فيلق الرحمن, هيئة تحرير الشام, وكالة الصحافة
    /// الفرنسية, Free Syrian Army) or quoted after one (فصيل “جيش الإسلام”).
    func organizations(in range: Range<Int>) -> [EntityMention] {
        var result: [EntityMention] = []
        var i = range.lowerBound
        while i < range.upperBound {
            guard isWord(i), wordIs(i, .organization) || wordIs(i, .media) else { i += 1; continue }
            // A quoted name right after the head (or after one adjective) is the name itself.
            var q = i + 1
            if isWord(q), !st.isQuote(q), q + 1 < range.upperBound, st.isQuote(q + 1), !isFunctionWord(q) { q += 1 }
            if q < range.upperBound, st.isQuote(q), st.tokens[q].opensQuote == true,
               let close = (q + 1..<min(range.upperBound, q + 7)).first(where: { st.tokens[$0].opensQuote == false }), close > q + 1 {
                result.append(mention(q + 1..<close, .organization))
                i = close + 1
                continue
            }
            var end = i + 1, j = i + 1, added = 0
            while j < range.upperBound && added < 3 && isWord(j) && !isFunctionWord(j) {
                let latin = isLatinCapital(j)
                let arabicNameWord = isArabicScript(j) && (startsWithArticle(j) || (added == 0 && isWord(j + 1) && startsWithArticle(j + 1)))
                // Persian: Arabic-form names (الرحمن) and, before any of those, up to two words.
                let persianNameWord = isArabicScript(j) && lexicon.language == "fa"
                    && (startsWithArticle(j) || (added < 2 && !(i + 1..<j).contains(where: startsWithArticle)))
                guard latin || arabicNameWord || persianNameWord else { break }
                end = j + 1
                added += 1
                j += 1
                // An Arabic relational adjective (الروسية, الإسلامية, العالمية) closes the name:
                // what follows is the sentence going on (وزارة الدفاع الروسية | التقارير).
                let key = st.tokens[j - 1].key
                if lexicon.language == "ar", added >= 2, startsWithArticle(j - 1), key.unicodeScalars.count >= 5, key.hasSuffix("يه") || key.hasSuffix("ي") { break }
            }
            // Latin: capitalized words before the head belong to the name (Free Syrian Army).
            var start = i
            if isLatinCapital(i) { while isLatinCapital(start - 1), start - 1 >= range.lowerBound, !isFunctionWord(start - 1) { start -= 1 } }
            if added > 0 || start < i {
                var found = mention(start..<end, .organization)
                // A head word with a joined preposition (لحركة): the name starts after it.
                let key = st.tokens[start].key
                if !lexicon.contains(key, as: .organization) && !lexicon.contains(key, as: .media), let first = key.unicodeScalars.first,
                   "لبوف".unicodeScalars.contains(first) {
                    found.span.start += 1
                    found.text = String(String.UnicodeScalarView(scalars[found.span.start..<found.span.end]))
                }
                result.append(found)
            }
            i = max(end, i + 1)
        }
        return result
    }

    /// Every name the sentence gives: organizations, titled persons, quoted names and (Latin,
    /// Cyrillic) capitalized runs not at the sentence start.
    /// Names the trained tagger finds in the sentence (none without a tagger).
    func taggedMentions() -> [EntityMention] {
        guard let tagger, st.count > 0 else { return [] }
        let tags = tagger.tags(for: st.tokens.map { slice(TextSpan(start: $0.start, end: $0.end)) })
        var result: [EntityMention] = []
        var start: Int?, type = ""
        func close(_ end: Int) {
            defer { start = nil }
            guard let first = start else { return }
            let entity: EntityType = switch type {
            case "PER": .person
            case "ORG": .organization
            case "LOC": .place
            default: .other
            }
            guard entity != .other || type == "MISC" else { return }  // dates, money, percentages: not names
            var m = mention(first..<end, entity)
            if entity == .place, let found = place(at: first), found.range == first..<end { m.canonicalName = found.name }
            result.append(m)
        }
        for (i, tag) in tags.enumerated() {
            if tag.hasPrefix("B-") { close(i); start = i; type = String(tag.dropFirst(2)) }
            else if !tag.hasPrefix("I-") { close(i) }
        }
        close(tags.count)
        return result
    }

    func mentions() -> [EntityMention] {
        let all = 0..<st.count
        // A trained tagger's names first (they beat the rules where both speak), then the rules'.
        var result = taggedMentions()
        var covered = result.map { $0.span }
        func free(_ span: TextSpan) -> Bool { !covered.contains { $0.start < span.end && span.start < $0.end } }
        if tagger == nil { for m in organizations(in: all) where free(m.span) { result.append(m); covered.append(m.span) } }
        for i in all where tagger == nil && wordIs(i, .title) {
            if let name = nameRun(from: i + 1, limit: st.count, maxWords: 3), isPersonName(name) {
                let m = mention(name, .person, title: i..<i + 1)
                if free(m.span) { result.append(m); covered.append(m.span) }
            }
        }
        // Countries and cities of the gazetteer.
        var w = 0
        while w < st.words.count {
            if let found = place(at: st.words[w]) {
                let m = placeMention(found)
                if free(m.span) { result.append(m); covered.append(m.span) }
                w = st.wordAt[found.range.upperBound < st.count ? found.range.upperBound : st.count]
                continue
            }
            w += 1
        }
        // With a tagger, the rules below add more wrong names than right ones (it reads
        // capitals itself): measured on the NER dev sets.
        guard tagger == nil else { return result.sorted { $0.span.start < $1.span.start } }
        // Quoted short names.
        var i = 0
        while i < st.count {
            if st.tokens[i].opensQuote == true, let close = (i + 1..<min(st.count, i + 6)).first(where: { st.tokens[$0].opensQuote == false }),
               close > i + 1, (i + 1..<close).allSatisfy({ isWord($0) }) {
                let m = mention(i + 1..<close, .other)
                if free(m.span) { result.append(m); covered.append(m.span) }
                i = close
            }
            i += 1
        }
        // Capitalized runs (Latin, Cyrillic), skipping the sentence's first word: an organization
        // when a head word ends them (Free Syrian Army), a person when two or three words.
        i = 1
        while i < st.count {
            if isLatinCapital(i), !isFunctionWord(i) {
                var end = i + 1
                while isLatinCapital(end) && !isFunctionWord(end) { end += 1 }
                let words = (i..<end).filter { isWord($0) }
                let type: EntityType = words.contains { wordIs($0, .organization) || wordIs($0, .media) } ? .organization
                    : (2...3).contains(words.count) ? .person : .other
                let m = mention(i..<end, type)
                if free(m.span) { result.append(m); covered.append(m.span) }
                i = end
            } else {
                i += 1
            }
        }
        return result.sorted { $0.span.start < $1.span.start }
    }
}
