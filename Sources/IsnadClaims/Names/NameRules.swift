/// Rule transliteration of Arabic-script name words, for names the table does not have (mostly
/// foreign and rare ones, which Arabic and Persian spell with their vowels: `زولوتوخين` →
/// Zolotokhin). Short vowels are not written, so the output is a readable guess, not a standard.
enum NameRules {
    /// Persian or Urdu letters anywhere in the name: `ق` becomes gh, `ث ذ ض` s/z/z, a consonant
    /// `و` v, a final `ه` eh.
    static func isPersian(_ words: [String]) -> Bool {
        words.contains { $0.unicodeScalars.contains { persianLetters.contains($0.value) } }
    }

    private static let persianLetters: Set<UInt32> = [0x067E, 0x0686, 0x0698, 0x06AF, 0x06A9, 0x06CC]  // پ چ ژ گ ک ی

    /// Particles and fixed words by folded key: particles head a compound name (`عبد الناصر`) or
    /// link a nasab, and the table's entries for them alone are unreliable (`بن` → Ben-Haim).
    static let particles: [String: String] = [
        NameKey.foldWord("عبد"): "Abd", NameKey.foldWord("أبو"): "Abu", NameKey.foldWord("أبي"): "Abi",
        NameKey.foldWord("بن"): "bin", NameKey.foldWord("ابن"): "ibn", NameKey.foldWord("بنت"): "bint",
        NameKey.foldWord("آل"): "Al", NameKey.foldWord("ذو"): "Dhu", NameKey.foldWord("الله"): "Allah",
        NameKey.foldWord("عبدالله"): "Abdullah",
    ]

    /// One word by rules; `lookup` spells the word without its article from the table, if it can.
    static func word(_ word: String, persian: Bool, lookup: (String) -> String?) -> String {
        let letters = NameKey.letters(word)
        if letters.count >= 6, Array(letters[0..<5]) == Array("عبدال".unicodeScalars) {
            // عبدالرحمن written as one word: Abd al-Rahman.
            return "Abd " + Self.word(String(String.UnicodeScalarView(letters[3...])), persian: persian, lookup: lookup)
        }
        if letters.count >= 4, letters[0] == "ا" || letters[0] == "ٱ", letters[1] == "ل" {
            let rest = Array(letters[2...])
            let restWord = String(String.UnicodeScalarView(rest))
            if let spelled = lookup(NameKey.foldWord(restWord)) { return "al-" + capitalized(spelled) }
            return "al-" + capitalized(spell(rest, persian: persian))
        }
        return capitalized(spell(letters, persian: persian))
    }

    /// The first letter upper-cased (the rest as spelled).
    static func capitalized(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }

    private enum Letter: Equatable {
        case consonant(String)
        case alef(String)  // ا أ إ آ ٱ, with the vowel each stands for
        case waw, yeh, maqsura, tehMarbuta, heh, ain, hamza, hamzaYeh, hamzaWaw
        case other(Unicode.Scalar)

        /// Letters that carry a vowel of their own: a neighbouring و or ي is then a consonant.
        var isVowel: Bool {
            switch self {
            case .alef, .maqsura, .tehMarbuta, .hamzaYeh, .hamzaWaw: return true
            default: return false
            }
        }

        var isConsonantal: Bool {
            switch self {
            case .consonant, .heh, .ain: return true
            default: return false
            }
        }
    }

    private static func classify(_ s: Unicode.Scalar, persian: Bool) -> Letter {
        switch s {
        case "ا", "ٱ", "أ", "آ": return .alef("a")
        case "إ": return .alef("i")
        case "و", "ۋ": return .waw
        case "ي", "ی", "ې", "ێ": return .yeh
        case "ى": return .maqsura
        case "ة": return .tehMarbuta
        case "ه", "ہ", "ۀ", "ە": return .heh
        case "ع": return .ain
        case "ء": return .hamza
        case "ئ": return .hamzaYeh
        case "ؤ": return .hamzaWaw
        default:
            if let latin = consonants[s] { return .consonant(persian ? persianConsonants[s] ?? latin : latin) }
            return .other(s)
        }
    }

    private static let consonants: [Unicode.Scalar: String] = [
        "ب": "b", "پ": "p", "ت": "t", "ث": "th", "ج": "j", "چ": "ch", "ح": "h", "خ": "kh", "د": "d",
        "ذ": "dh", "ر": "r", "ز": "z", "ژ": "zh", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t",
        "ظ": "z", "غ": "gh", "ف": "f", "ڤ": "v", "ق": "q", "ك": "k", "ک": "k", "گ": "g", "ل": "l",
        "م": "m", "ن": "n", "ھ": "h", "ٹ": "t", "ڈ": "d", "ڑ": "r", "ں": "n", "ے": "e", "ټ": "t",
        "ډ": "d", "ړ": "r", "ږ": "zh", "ښ": "sh", "ځ": "dz", "څ": "ts", "ڼ": "n", "ګ": "g", "ڨ": "g",
    ]

    private static let persianConsonants: [Unicode.Scalar: String] = ["ث": "s", "ذ": "z", "ض": "z", "ق": "gh"]

    /// Letters to Latin. A word written without vowel letters (`حسن`, `رحمن`) gets an `a` where
    /// the commonest name patterns have one (``epenthesis(_:)``); a word with them is taken as
    /// written (`فلاديمير` → Fladimir, not Faladimir).
    private static func spell(_ scalars: [Unicode.Scalar], persian: Bool) -> String {
        let letters = scalars.map { classify($0, persian: persian) }
        var vowelAfter = epenthesis(letters)
        let unvocalized = !vowelAfter.isEmpty
        if !unvocalized, startsWithCluster(scalars, letters) { vowelAfter = [0] }  // سلمان Salman
        var out = ""
        for (i, letter) in letters.enumerated() {
            let previous = i > 0 ? letters[i - 1] : nil
            let next = i + 1 < letters.count ? letters[i + 1] : nil
            let last = next == nil
            switch letter {
            case .consonant(let latin): out += latin
            case .alef(let vowel): out += vowel
            case .waw:
                if i == 0 || previous?.isVowel == true || next?.isVowel == true {
                    out += persian ? "v" : "w"
                } else {
                    out += last ? "u" : "o"
                }
            case .yeh:
                if persian, previous?.isConsonantal == true, i + 3 == letters.count, next?.isVowel == true, letters[i + 2] == .consonant("n") {
                    out += "i"  // Persian -یان: Pezeshkian
                } else {
                    out += i == 0 || previous?.isVowel == true || next?.isVowel == true ? "y" : "i"
                }
            case .maqsura: out += "a"
            case .tehMarbuta: out += last ? "a" : "at"
            case .heh:
                if last, previous?.isConsonantal == true { out += persian ? "eh" : "a" } else { out += "h" }
            case .ain:
                if !unvocalized, previous?.isConsonantal == true || (i == 0 && next?.isConsonantal == true) { out += "a" }
            case .hamza:
                if case .alef = previous { out += "a" }
            case .hamzaYeh: out += "e"
            case .hamzaWaw: out += "u"
            case .other(let scalar): out.unicodeScalars.append(scalar)
            }
            if vowelAfter.contains(i) { out += "a" }
        }
        return out
    }

    /// Indexes of the consonants an `a` follows in a word without written vowels: CaCaC (`حسن`
    /// Hasan), CaCCaC (`رحمن` Rahman, `جعفر` Jafar), after an initial alef aCCaC (`احمد` Ahmad),
    /// before a final vowel CaCCa (`حمزه` Hamza). Empty for a word with vowel letters inside.
    private static func epenthesis(_ letters: [Letter]) -> Set<Int> {
        guard letters.count >= 2 else { return [] }
        let initialAlef: Bool
        if case .alef = letters[0] { initialAlef = true } else { initialAlef = false }
        let finalVowel: Bool
        switch letters[letters.count - 1] {
        case .maqsura, .tehMarbuta: finalVowel = true
        case .heh: finalVowel = letters[letters.count - 2].isConsonantal
        default: finalVowel = false
        }
        let inner = letters[(initialAlef ? 1 : 0)..<(letters.count - (finalVowel ? 1 : 0))]
        guard !inner.isEmpty, inner.allSatisfy(\.isConsonantal) else { return [] }
        let consonants = Array(inner.indices)
        let n = consonants.count
        let ranks: [Int]  // 1-based ranks of the consonants an `a` follows
        if initialAlef {
            ranks = n == 2 ? [1] : n == 3 ? [2] : n >= 4 ? [2, n - 1] : []
        } else if finalVowel {
            ranks = n == 2 || n == 3 ? [1] : n >= 4 ? [1, 3] : []
        } else {
            ranks = n == 2 ? [1] : n == 3 ? [1, 2] : n == 4 ? [1, 3] : n >= 5 ? [1, 3, n - 1] : []
        }
        return Set(ranks.map { consonants[$0 - 1] })
    }

    /// Whether a word starts with two consonants that Arabic and Persian names never begin with
    /// (`بشار` Bashar, `نجيب` Najib), so a vowel was left unwritten. The onsets of foreign names
    /// are kept: a stop before ر or ل (`ترامب` Tramb, `فلاديمير` Fladimir) and س before a stop
    /// (`ستالين` Stalin).
    private static func startsWithCluster(_ scalars: [Unicode.Scalar], _ letters: [Letter]) -> Bool {
        guard letters.count >= 3, letters[0].isConsonantal, letters[1].isConsonantal else { return false }
        guard case .consonant = letters[0], case .consonant = letters[1] else { return letters[0] != .ain }
        let first = scalars[0], second = scalars[1]
        if "رل".unicodeScalars.contains(second), "بپتدطفكکگق".unicodeScalars.contains(first) { return false }
        if first == "س", "تطكکبپ".unicodeScalars.contains(second) { return false }
        return true
    }
}
