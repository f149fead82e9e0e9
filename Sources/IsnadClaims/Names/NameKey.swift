import Foundation
import IsnadText

/// The folded form of Arabic-script name words that table keys and input words share, as
/// arabic-name-romanizer's `lookup_key` makes it: presentation forms decomposed (NFKC), marks,
/// tatweel, joiners and apostrophes dropped, then ``MatchingKey`` (alef forms → ا, ى/ی → ي,
/// ة → ه, ک → ك). MatchingKey also folds ھ, ے and ې, which the package keeps: both sides fold
/// alike, so those keys only merge.
enum NameKey {
    /// The key of a text of one or more words: words folded and joined by one space. One pass
    /// over the scalars; NFKC only for text with presentation forms (the table has none).
    static func fold(_ text: String) -> String {
        if text.unicodeScalars.contains(where: { $0.value >= 0xFB50 && $0.value <= 0xFEFC }) {
            return fold(scalars: text.precomposedStringWithCompatibilityMapping.unicodeScalars)
        }
        return fold(scalars: text.unicodeScalars)
    }

    private static func fold(scalars: String.UnicodeScalarView) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in scalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            if isDropped(scalar.value) { continue }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            MatchingKey.appendFolded(scalar, to: &out)
        }
        return String(out)
    }

    /// The key of one word.
    static func foldWord(_ word: String) -> String { fold(word) }

    /// A word's scalars after NFKC without marks, tatweel, joiners and apostrophes: the letters
    /// that rule transliteration reads (ى, ی and ة kept apart, unlike in the key).
    static func letters(_ word: String) -> [Unicode.Scalar] {
        word.precomposedStringWithCompatibilityMapping.unicodeScalars.filter { !isDropped($0.value) }
    }

    private static func isDropped(_ v: UInt32) -> Bool {
        switch v {
        case 0x0610...0x061A, 0x064B...0x065F, 0x0670, 0x06D6...0x06ED, 0x0640: return true  // marks, tatweel
        case 0x200B...0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF: return true  // joiners, bidi
        case 0x27, 0x60, 0xB4, 0x2018, 0x2019, 0x02BC: return true  // apostrophes
        default: return false
        }
    }

    /// Whether a word has an Arabic-script letter (else it is passed through as Latin).
    static func isArabicScript(_ word: String) -> Bool {
        word.unicodeScalars.contains { scalar in
            let v = scalar.value
            let arabic = (0x0620...0x06FF).contains(v) || (0x0750...0x077F).contains(v) || (0xFB50...0xFEFC).contains(v)
            return arabic && scalar.properties.isAlphabetic
        }
    }
}
