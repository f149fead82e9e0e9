/// A span of text given as Unicode scalar offsets into an original string (end exclusive).
public struct TextSpan: Sendable, Hashable, Codable {
    public var start: Int
    public var end: Int
    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }
    public var length: Int { end - start }
}

/// Splits text into sentences at `. ! ? ؟ ۔ 。 ！ ？` and line breaks, keeping scalar offsets.
///
/// Decimal points (`3.5`), single-letter initials (`J. Smith`) and a few common abbreviations
/// do not end a sentence. Good enough for language statistics and statement extraction.
public enum SentenceSplitter {
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "st", "jr", "sr", "vs", "etc",
        "inc", "ltd", "co", "corp", "u.s", "u.n", "e.g", "i.e", "no", "jan", "feb", "mar", "apr",
        "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "rep", "reps", "sen", "sens", "gov", "rev", "hon", "pres",
        "supt", "atty", "gens", "wis", "calif", "fla", "mass", "conn",
    ]

    /// Sentence spans of `text`, trimmed of surrounding whitespace; empty sentences are skipped.
    public static func sentences(in text: String) -> [TextSpan] {
        let scalars = Array(text.unicodeScalars)
        var spans: [TextSpan] = []
        var start = 0
        var i = 0
        func emit(_ end: Int) {
            var s = start
            var e = end
            while s < e && isSpace(scalars[s]) { s += 1 }
            while e > s && isSpace(scalars[e - 1]) { e -= 1 }
            if e > s { spans.append(TextSpan(start: s, end: e)) }
        }
        while i < scalars.count {
            let c = scalars[i]
            if c == "\n" || c == "\r" {
                emit(i)
                start = i + 1
            } else if isTerminal(c) && !isAbbreviationDot(scalars, at: i) {
                var j = i + 1
                while j < scalars.count, isTerminal(scalars[j]) || isClosingQuote(scalars[j]) { j += 1 }
                if j == scalars.count || isSpace(scalars[j]) || isIdeographicStop(c) {
                    emit(j)
                    start = j
                    i = j
                    continue
                }
            }
            i += 1
        }
        emit(scalars.count)
        return spans
    }

    public static func isTerminal(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x2E, 0x21, 0x3F, 0x061F, 0x06D4, 0x3002, 0xFF01, 0xFF1F, 0x2026: return true
        default: return false
        }
    }

    static func isIdeographicStop(_ c: Unicode.Scalar) -> Bool {
        c.value == 0x3002 || c.value == 0xFF01 || c.value == 0xFF1F
    }

    static func isClosingQuote(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x22, 0x27, 0x201D, 0x2019, 0xBB, 0x29, 0x201C: return true
        default: return false
        }
    }

    /// Whether a space or line break (including NBSP and other Unicode spaces).
    public static func isSpace(_ c: Unicode.Scalar) -> Bool {
        c.properties.isWhitespace || c.value == 0x200B || c.value == 0xFEFF
    }

    static func isAbbreviationDot(_ scalars: [Unicode.Scalar], at i: Int) -> Bool {
        guard scalars[i] == "." else { return false }
        if i + 1 < scalars.count, Digits.asciiDigit(scalars[i + 1]) != nil { return true }
        var j = i
        while j > 0, WordTokenizer.isWordScalar(scalars[j - 1]) || scalars[j - 1] == "." { j -= 1 }
        guard j < i else { return false }
        let word = String(String.UnicodeScalarView(scalars[j..<i])).lowercased()
        if word.unicodeScalars.count == 1, let first = word.unicodeScalars.first, first.properties.isAlphabetic,
           first.value < 0x250 {
            return true
        }
        return abbreviations.contains(word)
    }
}
