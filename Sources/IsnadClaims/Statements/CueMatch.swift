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
    /// Compares keys in place: this runs for every word of a sentence, several times.
    func match(_ lexicon: CueLexicon, atWord w: Int, kinds: Set<CueLexicon.Kind>) -> CueMatch? {
        guard w < words.count else { return nil }
        let key = wordKeys[w]
        var firsts = [key]
        if let first = key.unicodeScalars.first, first == "و" || first == "ف", key.unicodeScalars.count >= 3 {
            firsts.append(String(String.UnicodeScalarView(key.unicodeScalars.dropFirst())))
        }
        for joined in [false, true] {
            for first in firsts {
                for entry in lexicon.entries(startingWith: first) where kinds.contains(entry.kind) {
                    let n = entry.keys.count
                    guard w + n <= words.count, !joined || n >= 2 else { continue }
                    var same = true
                    for k in 1..<max(n, 1) {
                        let expected = entry.keys[k], actual = wordKeys[w + k]
                        if joined && k == n - 1 {
                            same = expected.unicodeScalars.count == 1 && actual.unicodeScalars.count >= 3 && actual.hasPrefix(expected)
                        } else {
                            same = actual == expected
                        }
                        if !same { break }
                    }
                    if same, let found = found(entry, atWord: w) { return found }
                }
            }
        }
        return nil
    }

    /// The match of `entry` at word `w`, unless punctuation stands between its words.
    private func found(_ entry: CueLexicon.Entry, atWord w: Int) -> CueMatch? {
        let last = w + entry.keys.count - 1
        let first = words[w], end = words[last]
        for i in first...end where !tokens[i].isWord { return nil }
        var attached: Int?
        if let tail = entry.keys.last, entry.keys.count > 1, tail.unicodeScalars.count == 1, wordKeys[last] != tail {
            attached = tokens[end].start + 1
        }
        return CueMatch(kind: entry.kind, phrase: entry.phrase, tokens: first..<end + 1, attachedStart: attached)
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
