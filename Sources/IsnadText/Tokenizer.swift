/// One word of a text, with its place in the original as Unicode scalar offsets
/// (the provenance unit of the story-report contract).
public struct Token: Sendable, Hashable {
    /// The word as written.
    public var text: String
    /// Offset of the first scalar in the original text.
    public var start: Int
    /// Offset one past the last scalar (exclusive).
    public var end: Int
    /// The folded matching key (see ``MatchingKey``).
    public var key: String
    /// Whether the token is made of digits (in any script).
    public var isNumber: Bool

    public init(text: String, start: Int, end: Int, key: String, isNumber: Bool) {
        self.text = text
        self.start = start
        self.end = end
        self.key = key
        self.isNumber = isNumber
    }
}

/// Splits text into words by Unicode properties, since Foundation on Linux has no word enumeration.
///
/// A word is a run of letters, combining marks and digits; ZWNJ/ZWJ and apostrophes inside a
/// word stay in it; a dot or comma between digits stays in a number (`1,200.5`). Han and kana
/// are emitted one character per token so that Chinese and Japanese text is searchable.
public enum WordTokenizer {
    /// All tokens of `text` with scalar offsets into it.
    public static func tokens(in text: String) -> [Token] {
        var result: [Token] = []
        var word: [UInt8] = []  // a token's UTF-8, reused: much faster than appending scalars to a String
        forEachToken(in: text.unicodeScalars) { scalars, start, end in
            let key = MatchingKey.tokenKey(scalars)
            var allDigits = true
            for s in scalars where Digits.asciiDigit(s) == nil && !isNumberSeparator(s) { allDigits = false }
            if !key.isEmpty {
                word.removeAll(keepingCapacity: true)
                for s in scalars { UTF8.encode(s) { word.append($0) } }
                result.append(Token(text: String(decoding: word, as: UTF8.self), start: start, end: end, key: key, isNumber: allDigits))
            }
        }
        return result
    }

    /// Walks the tokens of a scalar sequence without building strings: the hot path of the
    /// full-text tokenizer and language statistics. `body` gets the token's scalars and offsets.
    public static func forEachToken<C: BidirectionalCollection>(
        in scalars: C, _ body: (ArraySlice<Unicode.Scalar>, Int, Int) -> Void
    ) where C.Element == Unicode.Scalar {
        if let slice = scalars as? ArraySlice<Unicode.Scalar> {
            forEachToken(slice: slice, body)
        } else if let array = scalars as? [Unicode.Scalar] {
            forEachToken(slice: array[...], body)
        } else {
            forEachToken(slice: Array(scalars)[...], body)
        }
    }

    /// Token walk over a slice (non-generic, so callers in other modules get the fast path);
    /// offsets are relative to the slice's start.
    public static func forEachToken(in slice: ArraySlice<Unicode.Scalar>, _ body: (ArraySlice<Unicode.Scalar>, Int, Int) -> Void) {
        forEachToken(slice: slice, body)
    }

    static func forEachToken(slice array: ArraySlice<Unicode.Scalar>, _ body: (ArraySlice<Unicode.Scalar>, Int, Int) -> Void) {
        let base = array.startIndex
        var i = array.startIndex
        let n = array.endIndex
        while i < n {
            let s = array[i]
            if isIdeograph(s) {
                body(array[i..<(i + 1)], i - base, i + 1 - base)
                i += 1
                continue
            }
            guard isWordScalar(s) else { i += 1; continue }
            let start = i
            i += 1
            while i < n {
                let c = array[i]
                if isIdeograph(c) { break }
                if isWordScalar(c) { i += 1; continue }
                if i + 1 < n, isWordScalar(array[i + 1]), !isIdeograph(array[i + 1]) {
                    if isJoiner(c) { i += 1; continue }
                    if isApostrophe(c), isLetter(array[i - 1]), isLetter(array[i + 1]) { i += 1; continue }
                    if isNumberSeparator(c), Digits.asciiDigit(array[i - 1]) != nil,
                       Digits.asciiDigit(array[i + 1]) != nil { i += 1; continue }
                }
                break
            }
            var end = i
            while end > start && isJoiner(array[end - 1]) { end -= 1 }
            body(array[start..<end], start - base, end - base)
        }
    }

    @inline(__always)
    public static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 {
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        if v < 0x10000 { return WordScalarTable.shared.contains(v) }
        return classifyWordScalar(v)
    }

    /// The rule itself; ``isWordScalar(_:)`` reads it from a table for the Basic Multilingual Plane.
    static func classifyWordScalar(_ v: UInt32) -> Bool {
        guard let s = Unicode.Scalar(v) else { return false }
        if v < 0x80 {
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        if v >= 0x0600 && v <= 0x06FF {
            // Arabic block: letters, marks, digits; not punctuation (، ؛ ؟ ٪ ٫ ٬ ۔ …).
            switch v {
            case 0x0600...0x060F, 0x061B...0x061F, 0x066A...0x066D, 0x06D4, 0x06DD, 0x06DE, 0x06E9:
                return false
            default:
                return true
            }
        }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber:
            return true
        default:
            return false
        }
    }

    @inline(__always)
    static func isLetter(_ s: Unicode.Scalar) -> Bool {
        isWordScalar(s) && Digits.asciiDigit(s) == nil
    }

    @inline(__always)
    static func isJoiner(_ s: Unicode.Scalar) -> Bool { s.value == 0x200C || s.value == 0x200D }

    @inline(__always)
    static func isApostrophe(_ s: Unicode.Scalar) -> Bool { s.value == 0x27 || s.value == 0x2019 }

    @inline(__always)
    public static func isNumberSeparator(_ s: Unicode.Scalar) -> Bool {
        s.value == 0x2C || s.value == 0x2E || s.value == 0x066B || s.value == 0x066C
    }

    /// Han, Hiragana and Katakana: scripts written without spaces, indexed per character.
    @inline(__always)
    static func isIdeograph(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (v >= 0x3040 && v <= 0x30FF) || (v >= 0x3400 && v <= 0x4DBF) || (v >= 0x4E00 && v <= 0x9FFF)
            || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0x20000 && v <= 0x2FA1F)
    }
}

/// One bit per Basic Multilingual Plane scalar: whether it belongs in a word (8 KB, built once),
/// since the general-category lookup was a tenth of tokenizing time.
final class WordScalarTable: Sendable {
    static let shared = WordScalarTable()
    private let bits: [UInt64]

    private init() {
        var bits = [UInt64](repeating: 0, count: 0x10000 / 64)
        for v in UInt32(0)..<0x10000 where WordTokenizer.classifyWordScalar(v) {
            bits[Int(v >> 6)] |= 1 << UInt64(v & 63)
        }
        self.bits = bits
    }

    @inline(__always)
    func contains(_ v: UInt32) -> Bool {
        bits.withUnsafeBufferPointer { $0[Int(v >> 6)] >> UInt64(v & 63) & 1 == 1 }
    }
}
