/// Cross-script name keys: a word reduced to the classes of its consonants, so that a name
/// written in Latin, Arabic-script or Cyrillic letters gets one key. `Beirut`, `بيروت` and
/// `بیروت` → B R T; `Erdogan`, `أردوغان` → R D G N; `Putin`, `بوتين`, `Путин` → B T N. Vowels
/// (and the letters Arabic script uses for them) are dropped and repeated classes collapse,
/// because transliterations differ mostly there. Collisions between unrelated words are
/// expected; story clustering weighs a key by its rarity in each script.
public enum NameKeys {
    /// The writing systems whose keys are compared with each other.
    public enum Family: Int, Sendable, CaseIterable {
        case latin = 0, arabic = 1, cyrillic = 2

        /// The family's bit in a set of families.
        public var bit: UInt8 { 1 << UInt8(rawValue) }
        /// Mixed into a skeleton to count its articles per family.
        public var salt: UInt64 { BitMix.splitMix64(0x6661_6D69_6C79 &+ UInt64(rawValue)) }
    }

    /// The family of a word's first letter, nil for other scripts.
    public static func family(of word: String) -> Family? {
        guard let first = word.unicodeScalars.first else { return nil }
        switch Script.of(first) {
        case .latin: return .latin
        case .arabic: return .arabic
        case .cyrillic: return .cyrillic
        default: return nil
        }
    }

    /// Keys of one word as written (`text`) with its folded matching key (`key`): Latin and
    /// Cyrillic words only when capitalized (names), Arabic-script words always (the script has
    /// no capitals), also without a leading article or conjunction and a final ة/ه. Skeletons of
    /// fewer than three consonant classes are not keys.
    public static func keys(text: String, key: String) -> [UInt64] {
        guard let family = family(of: key) else { return [] }
        switch family {
        case .latin, .cyrillic:
            guard let first = text.unicodeScalars.first, first.properties.isUppercase else { return [] }
            return skeleton(key.unicodeScalars[...], family).map { [hash($0, family)] } ?? []
        case .arabic:
            var variants: [Substring.UnicodeScalarView] = [key.unicodeScalars[...]]
            if let bare = MatchingKey.withoutArticle(key) { variants.append(bare.unicodeScalars[...]) }
            if let first = key.unicodeScalars.first, "وبل".unicodeScalars.contains(first), key.unicodeScalars.count >= 5 {
                variants.append(key.unicodeScalars.dropFirst())
            }
            var result: [UInt64] = []
            for variant in variants {
                if let skeleton = skeleton(variant, .arabic) { result.append(hash(skeleton, .arabic)) }
                if variant.last == "ه", variant.count >= 4, let skeleton = skeleton(variant.dropLast(), .arabic) {
                    result.append(hash(skeleton, .arabic))
                }
            }
            return result
        }
    }

    /// Shorter skeletons (`Iran` R N, `Syria` S R) collide with too many ordinary words.
    static let minimumClasses = 3

    /// The consonant classes of one folded word, however few, without an Arabic article: entity
    /// names compare them word by word (`جيش` and `Jaysh`: G X), where one short word alone is
    /// never evidence.
    public static func classes(ofKey key: String) -> [UInt8] {
        guard let family = family(of: key) else { return [] }
        var scalars = Substring(key).unicodeScalars
        if family == .arabic, let bare = MatchingKey.withoutArticle(key) { scalars = Substring(bare).unicodeScalars }
        return allClasses(scalars, family)
    }

    /// The consonant-class string of a word, nil when it has fewer than ``minimumClasses``.
    static func skeleton(_ scalars: Substring.UnicodeScalarView, _ family: Family) -> [UInt8]? {
        let classes = allClasses(scalars, family)
        return classes.count >= minimumClasses ? classes : nil
    }

    static func allClasses(_ scalars: Substring.UnicodeScalarView, _ family: Family) -> [UInt8] {
        var classes: [UInt8] = []
        let letters = Array(scalars)
        var i = 0
        while i < letters.count {
            let s = letters[i]
            let next = i + 1 < letters.count ? letters[i + 1] : nil
            var cls: UInt8?
            var consumed = 1
            switch family {
            case .latin: (cls, consumed) = latinClass(s, next)
            case .arabic: cls = arabicClass(s)
            case .cyrillic: cls = cyrillicClass(s)
            }
            if let cls, classes.last != cls { classes.append(cls) }
            i += consumed
        }
        return classes
    }

    /// The skeleton's hash with the family in the low two bits (``skeleton(of:)`` and
    /// ``family(ofKey:)`` take them apart).
    private static func hash(_ classes: [UInt8], _ family: Family) -> UInt64 {
        var value: UInt64 = 0x6E61_6D65_6B65_7973 // "namekeys"
        for c in classes { value = (value ^ UInt64(c)) &* 1_099_511_628_211 }
        return (BitMix.splitMix64(value) & ~3) | UInt64(family.rawValue)
    }

    /// The script-independent part of a key.
    @inline(__always)
    public static func skeleton(of key: UInt64) -> UInt64 { key & ~3 }

    /// The family a key was written in.
    @inline(__always)
    public static func family(ofKey key: UInt64) -> Family { Family(rawValue: Int(key & 3)) ?? .latin }

    // Classes: B (b p) F (f v ph) T (t th) D (d dh) S (s c-soft) X (sh ch) Z (z) K (k q c kh)
    // G (g gh j) H (h) M N L R.
    private static func latinClass(_ s: Unicode.Scalar, _ next: Unicode.Scalar?) -> (UInt8?, Int) {
        let digraph = next == "h"
        switch s {
        case "a", "e", "i", "o", "u", "y", "w": return (nil, 1)
        case "b", "p": return digraph && s == "p" ? (c("F"), 2) : (c("B"), 1)
        case "f", "v": return (c("F"), 1)
        case "t": return (c("T"), digraph ? 2 : 1)
        case "d": return (c("D"), digraph ? 2 : 1)
        case "s": return digraph ? (c("X"), 2) : (c("S"), 1)
        case "c":
            if digraph { return (c("X"), 2) }
            if next == "k" { return (c("K"), 2) }
            if let next, "eiy".unicodeScalars.contains(next) { return (c("S"), 1) }
            return (c("K"), 1)
        case "z": return (c("Z"), digraph ? 2 : 1)
        case "k": return (c("K"), digraph ? 2 : 1)
        case "q": return (c("K"), next == "u" ? 2 : 1)
        case "g": return (c("G"), digraph ? 2 : 1)
        case "j": return (c("G"), 1)
        case "x": return (c("K"), 1) // "ks": the K is what Arabic spellings keep most often
        case "h": return (c("H"), 1)
        case "m": return (c("M"), 1)
        case "n": return (c("N"), 1)
        case "l": return (c("L"), 1)
        case "r": return (c("R"), 1)
        default: return (nil, 1)
        }
    }

    private static func arabicClass(_ s: Unicode.Scalar) -> UInt8? {
        switch s {
        case "ب", "پ": return c("B")
        case "ف", "ڤ": return c("F")
        case "ت", "ط", "ث": return c("T")
        case "د", "ض", "ذ": return c("D")
        case "س", "ص": return c("S")
        case "ش", "چ": return c("X")
        case "ز", "ژ", "ظ": return c("Z")
        case "ك", "ک", "ق", "خ": return c("K")
        case "ج", "غ", "گ": return c("G")
        case "ح", "ه": return c("H")
        case "م": return c("M")
        case "ن": return c("N")
        case "ل": return c("L")
        case "ر": return c("R")
        default: return nil // alef, waw, yeh, hamza, ain: vowels in transliteration
        }
    }

    private static func cyrillicClass(_ s: Unicode.Scalar) -> UInt8? {
        switch s {
        case "б", "п": return c("B")
        case "ф", "в": return c("F")
        case "т": return c("T")
        case "д": return c("D")
        case "с", "ц": return c("S")
        case "ш", "щ", "ч": return c("X")
        case "з", "ж": return c("Z")
        case "к", "х": return c("K")
        case "г": return c("G")
        case "м": return c("M")
        case "н": return c("N")
        case "л": return c("L")
        case "р": return c("R")
        default: return nil
        }
    }

    @inline(__always)
    private static func c(_ letter: Unicode.Scalar) -> UInt8 { UInt8(truncatingIfNeeded: letter.value) }
}
