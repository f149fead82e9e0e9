import IsnadText

/// One token of a sentence for statement extraction: a word (with its folded key) or a single
/// punctuation mark, with absolute scalar offsets into the article's original.
struct ClaimToken: Sendable {
    var start: Int
    var end: Int
    /// Folded matching key of a word; the mark itself for punctuation.
    var key: String
    var isWord: Bool
    /// For a quotation mark: whether it opens (true) or closes (false) a quotation.
    var opensQuote: Bool?
    /// Whether the token lies inside a quotation.
    var quoted = false
}

/// The tokens of one sentence and what the rules ask of them.
struct SentenceTokens: Sendable {
    let tokens: [ClaimToken]
    /// Indices into `tokens` of the words, in order, and their keys.
    let words: [Int]
    let wordKeys: [String]
    /// For each token, the index in `words` of the first word at or after it.
    let wordAt: [Int]

    static let quoteMarks: Set<Unicode.Scalar> = ["\"", "“", "”", "«", "»", "„", "‟", "《", "》", "‹", "›", "「", "」"]
    static let openers: Set<Unicode.Scalar> = ["“", "«", "„", "‟", "《", "‹", "「"]
    static let closers: Set<Unicode.Scalar> = ["”", "»", "》", "›", "」"]

    /// Tokens of `scalars[range]`; offsets are absolute. Quotation marks are paired as written:
    /// an opening mark opens, a closing one closes an open quotation (and opens one when none is
    /// open, as ” … ” is common in Arabic), a straight quote toggles; a quotation still open at
    /// the end of the sentence ends there.
    /// Whether a quotation is still open at the end of the sentence (the next sentence of the
    /// paragraph starts inside it).
    let quoteOpenAtEnd: Bool

    init(_ scalars: [Unicode.Scalar], _ range: Range<Int>, quoteOpen: Bool = false) {
        var tokens: [ClaimToken] = []
        var position = range.lowerBound
        let slice = scalars[range]
        func punctuation(upTo limit: Int) {
            while position < limit {
                let s = scalars[position]
                if !s.properties.isWhitespace && !(s.value == 0x200C || s.value == 0x200D || s.value == 0x200F || s.value == 0x200E) {
                    tokens.append(ClaimToken(start: position, end: position + 1, key: String(s), isWord: false))
                }
                position += 1
            }
        }
        WordTokenizer.forEachToken(in: slice) { word, start, end in
            let absoluteStart = range.lowerBound + start, absoluteEnd = range.lowerBound + end
            punctuation(upTo: absoluteStart)
            tokens.append(ClaimToken(start: absoluteStart, end: absoluteEnd, key: MatchingKey.tokenKey(word), isWord: true))
            position = absoluteEnd
        }
        punctuation(upTo: range.upperBound)
        // Two apostrophes in a row are a straight quotation mark (''…'', as some papers print it).
        var merged: [ClaimToken] = []
        for token in tokens {
            if !token.isWord, token.key == "'", let last = merged.last, !last.isWord, last.key == "'", last.end == token.start {
                merged[merged.count - 1] = ClaimToken(start: last.start, end: token.end, key: "\"", isWord: false)
            } else {
                merged.append(token)
            }
        }
        tokens = merged
        // Quotations.
        var open = quoteOpen
        for i in tokens.indices where !tokens[i].isWord {
            guard let mark = tokens[i].key.unicodeScalars.first, Self.quoteMarks.contains(mark) else {
                tokens[i].quoted = open
                continue
            }
            let opens: Bool
            opens = Self.openers.contains(mark) ? true : !open
            tokens[i].opensQuote = opens
            open = opens
        }
        quoteOpenAtEnd = open
        var inside = quoteOpen
        for i in tokens.indices {
            if let opens = tokens[i].opensQuote { inside = opens; tokens[i].quoted = false; continue }
            tokens[i].quoted = inside
        }
        self.tokens = tokens
        var words: [Int] = [], keys: [String] = []
        for (i, token) in tokens.enumerated() where token.isWord { words.append(i); keys.append(token.key) }
        self.words = words
        wordKeys = keys
        var wordAt = [Int](repeating: words.count, count: tokens.count + 1)
        var next = words.count
        for i in stride(from: tokens.count - 1, through: 0, by: -1) {
            if tokens[i].isWord { next -= 1 }
            wordAt[i] = next
        }
        self.wordAt = wordAt
    }

    var count: Int { tokens.count }

    func mark(_ i: Int) -> Unicode.Scalar? {
        guard i >= 0, i < tokens.count, !tokens[i].isWord else { return nil }
        return tokens[i].key.unicodeScalars.first
    }

    func isComma(_ i: Int) -> Bool { mark(i).map { $0 == "," || $0 == "،" || $0 == "؛" || $0 == ";" } ?? false }
    func isColon(_ i: Int) -> Bool { mark(i).map { $0 == ":" || $0 == "：" } ?? false }
    func isQuote(_ i: Int) -> Bool { i >= 0 && i < tokens.count && tokens[i].opensQuote != nil }
    func isDash(_ i: Int) -> Bool { mark(i).map { $0 == "-" || $0 == "–" || $0 == "—" || $0 == "(" || $0 == ")" } ?? false }
    func isSentenceEnd(_ i: Int) -> Bool { mark(i).map { ".!?؟۔".unicodeScalars.contains($0) } ?? false }
}
