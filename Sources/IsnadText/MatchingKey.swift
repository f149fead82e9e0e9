import Foundation

/// Matching keys: a folded form of a word used for search and comparison, so that spelling
/// variants across Arabic, Persian, Urdu and Latin text meet. The original text is never altered.
///
/// Rules, each explicit (in the spirit of CAMeL Tools' normalizers):
/// - Arabic harakat, Quranic marks, superscript alef and tatweel are dropped.
/// - ZWNJ, ZWJ and bidi control marks are dropped (`كتاب‌ها` and `کتابها` meet).
/// - Alef forms `أ إ آ ٱ` become `ا`; alef maqsura `ى` and Persian/Urdu yeh `ی ې ۍ ے` become `ي`.
/// - Persian/Urdu kaf `ک ڪ` becomes `ك`; teh marbuta `ة`, heh goal `ہ`, heh doachashmee `ھ`
///   and heh with yeh `ۀ` become `ه`.
/// - Every decimal digit set (Arabic-Indic, Extended Arabic-Indic, Devanagari, …) becomes ASCII.
/// - Latin, Greek and Cyrillic are lowercased and lose combining accents (`é` → `e`).
public enum MatchingKey {
    /// The matching key of one token.
    public static func key<S: StringProtocol>(_ token: S) -> String {
        var out = String.UnicodeScalarView()
        for scalar in token.unicodeScalars {
            appendFolded(scalar, to: &out)
        }
        return String(out)
    }

    /// Keys of every word in `text`, in order: the unit the store's full-text index uses.
    public static func keys(of text: String) -> [String] {
        WordTokenizer.tokens(in: text).map(\.key)
    }

    /// The key of one token given as scalars (as ``WordTokenizer/forEachToken(in:_:)`` yields
    /// them): numbers get ``numberKey(_:)``, words the folded form.
    public static func tokenKey<C: Collection>(_ scalars: C) -> String where C.Element == Unicode.Scalar {
        var key = String.UnicodeScalarView()
        appendTokenKey(scalars, to: &key)
        return String(key)
    }

    /// Appends a token's key to `out` without intermediate strings: the hot path of paragraph
    /// keys and the full-text tokenizer.
    @inline(__always)
    public static func appendTokenKey<C: Collection>(_ scalars: C, to out: inout String.UnicodeScalarView)
    where C.Element == Unicode.Scalar {
        var allDigits = true
        for s in scalars where Digits.asciiDigit(s) == nil && !WordTokenizer.isNumberSeparator(s) {
            allDigits = false
            break
        }
        if allDigits {
            out.append(contentsOf: numberKey(scalars))
        } else {
            for s in scalars { appendFolded(s, to: &out) }
        }
    }

    /// Appends a token's key to `out` as UTF-8 bytes: what the full-text tokenizer hands to
    /// SQLite, built without intermediate strings.
    public static func appendTokenKeyUTF8(_ token: ArraySlice<Unicode.Scalar>, to out: inout [UInt8]) {
        @inline(__always) func put(_ s: Unicode.Scalar) {
            let v = s.value
            if v < 0x80 {
                out.append(UInt8(v))
            } else if v < 0x800 {
                out.append(UInt8(0xC0 | (v >> 6)))
                out.append(UInt8(0x80 | (v & 0x3F)))
            } else if v < 0x10000 {
                out.append(UInt8(0xE0 | (v >> 12)))
                out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
                out.append(UInt8(0x80 | (v & 0x3F)))
            } else {
                out.append(UInt8(0xF0 | (v >> 18)))
                out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
                out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
                out.append(UInt8(0x80 | (v & 0x3F)))
            }
        }
        var allDigits = true
        for s in token where Digits.asciiDigit(s) == nil && !WordTokenizer.isNumberSeparator(s) {
            allDigits = false
            break
        }
        if allDigits {
            for s in numberKey(token) { put(s) }
        } else {
            for s in token { fold(s, put) }
        }
    }

    /// The key of a number token: ASCII digits, thousands separators (`,` `٬`) dropped, the
    /// Arabic decimal separator `٫` as `.`, so `١٬٢٠٠`, `1,200` and `1200` meet.
    public static func numberKey<C: Collection>(_ scalars: C) -> String.UnicodeScalarView where C.Element == Unicode.Scalar {
        var key = String.UnicodeScalarView()
        for s in scalars {
            if let d = Digits.asciiDigit(s) {
                key.append(Unicode.Scalar(UInt8(ascii: "0") + d))
            } else if s.value == 0x066B || s.value == 0x2E {
                key.append(".")
            }
        }
        return key
    }

    /// Folds one scalar into zero or more scalars appended to `out`.
    @inline(__always)
    public static func appendFolded(_ scalar: Unicode.Scalar, to out: inout String.UnicodeScalarView) {
        fold(scalar) { out.append($0) }
    }

    /// Folds one scalar, handing each resulting scalar to `emit` (no allocation on the common paths).
    @inline(__always)
    public static func fold(_ scalar: Unicode.Scalar, _ emit: (Unicode.Scalar) -> Void) {
        let v = scalar.value
        if v < 0x80 {
            if v >= 0x41 && v <= 0x5A, let lower = Unicode.Scalar(v + 32) {
                emit(lower)
            } else {
                emit(scalar)
            }
            return
        }
        if let mapped = arabicFold(v) {
            if mapped != 0, let s = Unicode.Scalar(mapped) { emit(s) }
            return
        }
        if let digit = Digits.asciiDigit(scalar) {
            emit(Unicode.Scalar(UInt8(ascii: "0") + digit))
            return
        }
        // Latin, Greek, Cyrillic: lowercase and strip combining accents (precomputed table).
        if v < 0x0530 {
            LatinFoldTable.shared.fold(Int(v), emit)
            return
        }
        if v >= 0x1E00 && v < 0x2000 {
            LatinFoldTable.shared.fold(Int(v) - 0x1E00 + 0x0530, emit)
            return
        }
        emit(scalar)
    }

    /// A 64-bit fingerprint of a paragraph's matching keys (FNV-1a over the folded words) and its
    /// word count: how cleaning compares paragraphs (repeats, learned furniture) without
    /// building key strings.
    public static func paragraphFingerprint(_ slice: ArraySlice<Unicode.Scalar>) -> (fingerprint: Int64, words: Int) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var words = 0
        @inline(__always) func mix(_ v: UInt32) {
            hash = (hash ^ UInt64(v)) &* 0x0000_0100_0000_01B3
        }
        WordTokenizer.forEachToken(in: slice) { token, _, _ in
            if words > 0 { mix(0x20) }
            words += 1
            var allDigits = true
            for s in token where Digits.asciiDigit(s) == nil && !WordTokenizer.isNumberSeparator(s) {
                allDigits = false
                break
            }
            if allDigits {
                for s in numberKey(token) { mix(s.value) }
            } else {
                for s in token { fold(s) { mix($0.value) } }
            }
        }
        return (Int64(bitPattern: hash), words)
    }

    /// Arabic-script folding. Returns nil when the scalar is not affected, 0 to drop it.
    @inline(__always)
    static func arabicFold(_ v: UInt32) -> UInt32? {
        switch v {
        case 0x064B...0x065F, 0x0670, 0x06D6...0x06DC, 0x06DF...0x06E8, 0x06EA...0x06ED, 0x0640:
            return 0  // harakat, Quranic marks, superscript alef, tatweel
        case 0x200B...0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF:
            return 0  // ZWSP, ZWNJ, ZWJ, LRM/RLM, ALM, bidi embeddings and isolates, BOM
        case 0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673:
            return 0x0627  // alef forms → bare alef
        case 0x0649, 0x06CC, 0x06D0, 0x06CD, 0x06D2, 0x06D3:
            return 0x064A  // alef maqsura, Persian/Urdu yeh forms → Arabic yeh
        case 0x06A9, 0x06AA:
            return 0x0643  // keheh, swash kaf → kaf
        case 0x0629, 0x06C1, 0x06BE, 0x06C0, 0x06D5:
            return 0x0647  // teh marbuta, heh goal, heh doachashmee, heh with yeh, ae → heh
        default:
            return nil
        }
    }
}

/// Lowercased, accent-stripped forms of the scalars below U+0530 and of U+1E00–U+1FFF,
/// computed once through Foundation so the per-token path stays a table look-up: one flat
/// array of scalar values, each entry's run given by `starts` (no per-scalar arrays to retain).
final class LatinFoldTable: Sendable {
    static let shared = LatinFoldTable()
    private let values: [UInt32]
    private let starts: [Int32]  // entry i is values[starts[i]..<starts[i + 1]]

    private init() {
        var values: [UInt32] = []
        var starts: [Int32] = [0]
        let ranges: [Range<UInt32>] = [0..<0x0530, 0x1E00..<0x2000]
        for range in ranges {
            for v in range {
                defer { starts.append(Int32(values.count)) }
                guard let scalar = Unicode.Scalar(v), !(0x0300...0x036F).contains(v) else { continue }
                let folded = String(scalar).lowercased()
                    .folding(options: [.diacriticInsensitive], locale: nil)
                values.append(contentsOf: folded.unicodeScalars.map(\.value))
            }
        }
        self.values = values
        self.starts = starts
    }

    @inline(__always)
    func fold(_ index: Int, _ emit: (Unicode.Scalar) -> Void) {
        values.withUnsafeBufferPointer { values in
            starts.withUnsafeBufferPointer { starts in
                for i in Int(starts[index])..<Int(starts[index + 1]) {
                    if let s = Unicode.Scalar(values[i]) { emit(s) }
                }
            }
        }
    }
}

extension MatchingKey {
    /// Arabic definite-article prefixes (with the conjunctions and prepositions that fuse with
    /// them), longest first: `وال`, `بال`, `فال`, `كال`, `لل`, `ال`.
    static let articlePrefixes: [String] = ["وال", "بال", "فال", "كال", "لل", "ال"].map { key($0) }
    static let articlePrefixBytes: [[UInt8]] = articlePrefixes.map { Array($0.utf8) }

    /// The key without a fused Arabic definite article (`المتحدث` → `متحدث`), or nil when the key
    /// has none or would become too short. The full-text index adds it at the same position, so a
    /// search for `متحدث` finds `المتحدث` and `والمتحدث`.
    public static func withoutArticle(_ key: String) -> String? {
        let bytes = key.utf8
        guard bytes.count >= 8 else { return nil }
        guard let first = key.unicodeScalars.first, first.value >= 0x0600, first.value <= 0x06FF else { return nil }
        // Bytes, not `hasPrefix` (which compares grapheme clusters, ten times slower on every
        // Arabic word of a text); a mark or joiner right after the prefix means it is not one.
        for prefix in articlePrefixBytes where bytes.starts(with: prefix) {
            let rest = key.unicodeScalars[bytes.index(bytes.startIndex, offsetBy: prefix.count)...]
            if let next = rest.first, next.properties.isGraphemeExtend || next.value == 0x200D { continue }
            if rest.count >= 3 { return String(rest) }
        }
        return nil
    }
}
