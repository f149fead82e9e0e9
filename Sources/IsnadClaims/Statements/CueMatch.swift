import IsnadText

/// A lexicon phrase found in a sentence: which kind, and the tokens it covers. `attachedStart`
/// is set when the phrase ends in a letter joined to the next word (ل in لعنب بلدي): the name
/// then starts inside that word, at this scalar offset.
struct CueMatch: Sendable {
    var kind: CueLexicon.Kind
    var phrase: String
    /// Token range of the phrase.
    var tokens: Range<Int>
    var attachedStart: Int?
    /// For a relaying verb with its subject before عن (نقلت وكالة رويترز عن …): the token of عن.
    var relayFrom: Int?
}

extension SentenceTokens {
    /// The longest phrase of `kinds` starting at word `w`: as written, or (Arabic script) without a
    /// joined و/ف before the first word, or with a final one-letter word (ل) joined to the next.
    func match(_ lexicon: CueLexicon, atWord w: Int, kinds: Set<CueLexicon.Kind>) -> CueMatch? {
        guard w < words.count else { return nil }
        func found(_ entry: CueLexicon.Entry, _: [String]) -> CueMatch? {
            let last = w + entry.keys.count - 1
            guard last < words.count else { return nil }
            // The phrase must not run over punctuation (a comma between its words).
            let first = words[w], end = words[last]
            for i in first...end where !tokens[i].isWord { return nil }
            var attached: Int?
            if let tail = entry.keys.last, tail.unicodeScalars.count == 1, wordKeys[last] != tail {
                attached = tokens[end].start + 1
            }
            return CueMatch(kind: entry.kind, phrase: entry.phrase, tokens: first..<end + 1, attachedStart: attached)
        }
        if let entry = lexicon.match(wordKeys, at: w, kinds: kinds) { return found(entry, wordKeys) }
        let key = wordKeys[w]
        var variants: [[String]] = []
        if let first = key.unicodeScalars.first, (first == "و" || first == "ف"), key.unicodeScalars.count >= 3 {
            var keys = wordKeys
            keys[w] = String(String.UnicodeScalarView(key.unicodeScalars.dropFirst()))
            variants.append(keys)
        }
        for keys in variants {
            if let entry = lexicon.match(keys, at: w, kinds: kinds) { return found(entry, keys) }
        }
        // A final one-letter word joined to the next: في حديث ل + لعنب.
        for keys in [wordKeys] + variants {
            for length in 2...4 where w + length - 1 < words.count {
                let lastWord = keys[w + length - 1]
                guard let letter = lastWord.unicodeScalars.first, lastWord.unicodeScalars.count >= 3 else { continue }
                var probe = keys
                probe[w + length - 1] = String(letter)
                if let entry = lexicon.match(probe, at: w, kinds: kinds), entry.keys.count == length,
                   entry.keys.last?.unicodeScalars.count == 1 {
                    return found(entry, probe)
                }
            }
        }
        return nil
    }

    /// Whether word `w` is a one-word entry of `kind`, as written or without a joined و/ف/ل/ب.
    func word(_ w: Int, is kind: CueLexicon.Kind, in lexicon: CueLexicon) -> Bool {
        guard w >= 0, w < words.count else { return false }
        let key = wordKeys[w]
        if lexicon.contains(key, as: kind) { return true }
        if let first = key.unicodeScalars.first, "وفلب".unicodeScalars.contains(first), key.unicodeScalars.count >= 4 {
            return lexicon.contains(String(String.UnicodeScalarView(key.unicodeScalars.dropFirst())), as: kind)
        }
        return false
    }

    func tokenIsWord(_ i: Int, _ kind: CueLexicon.Kind, _ lexicon: CueLexicon) -> Bool {
        i >= 0 && i < tokens.count && tokens[i].isWord && word(wordAt[i], is: kind, in: lexicon)
    }
}
