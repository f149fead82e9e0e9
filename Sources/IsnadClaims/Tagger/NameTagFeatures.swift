import IsnadText

/// What the name tagger sees of each token of a sentence: hashed features of the word, its
/// affixes and shape, its neighbours, and what the name resources know of it (a given name, a
/// place). Training and tagging call the same function, so a model reads what it was taught.
public struct NameTagFeatures: Sendable {
    /// The names table (given names, name words) when installed.
    public var names: NameRomanizer
    /// The place gazetteer when installed.
    public var places: PlaceGazetteer
    /// Title and role words that precede names (`اللواء`, `سخنگوی`, `spokesman`).
    public var lexicon: CueLexicon?

    /// Version of the features: a model trained on other features is refused (`make taggers`
    /// trains again). Raise it with any change to what `features(of:)` returns.
    public static let version: UInt32 = 2

    public init(names: NameRomanizer = .rulesOnly, places: PlaceGazetteer = .empty, lexicon: CueLexicon? = nil) {
        self.names = names
        self.places = places
        self.lexicon = lexicon
    }

    /// Hashed features of every token of a sentence, in token order. Each value (word, stem,
    /// affix, shape …) is hashed once per token; a feature is its template mixed with the hashes.
    public func features(of tokens: [String]) -> [[UInt64]] {
        // A possessive is its name (`Russia's` → `russia`): training data splits it off.
        let possessive = tokens.map { $0.hasSuffix("'s") || $0.hasSuffix("’s") }
        let bare = tokens.indices.map { possessive[$0] ? String(tokens[$0].dropLast(2)) : tokens[$0] }
        let keys = bare.map { MatchingKey.key($0) }
        let placeTags = placeMarks(keys)
        let given = bare.map { names.isGivenName($0) }
        let word = keys.map { BitMix.fnv1a($0) }
        let stem = keys.map { BitMix.fnv1a(Self.stem($0)) }
        let shape = bare.map { BitMix.fnv1a(Self.shape($0)) }
        let kind = keys.map { BitMix.fnv1a(cueKind($0)) }
        let place = placeTags.map { BitMix.fnv1a($0) }
        // Prefixes and suffixes of 1–4 scalars (0: the word is not longer than that).
        var prefixes = [[UInt64]](), suffixes = [[UInt64]]()
        for key in keys {
            let scalars = Array(key.unicodeScalars)
            prefixes.append((1...4).map { scalars.count > $0 ? BitMix.fnv1a(String(String.UnicodeScalarView(scalars.prefix($0)))) : 0 })
            suffixes.append((1...4).map { scalars.count > $0 ? BitMix.fnv1a(String(String.UnicodeScalarView(scalars.suffix($0)))) : 0 })
        }
        let start = BitMix.fnv1a("<s>"), end = BitMix.fnv1a("</s>"), none = BitMix.fnv1a("-")
        func at(_ values: [UInt64], _ i: Int) -> UInt64 { i < 0 ? start : i >= values.count ? end : values[i] }
        func affix(_ values: [[UInt64]], _ i: Int, _ n: Int) -> UInt64 { i < 0 || i >= values.count ? none : values[i][n - 1] }
        return tokens.indices.map { i in
            var out: [UInt64] = []
            out.reserveCapacity(44)
            func add(_ template: Template, _ a: UInt64, _ b: UInt64 = 0, _ c: UInt64 = 0) {
                var h = BitMix.splitMix64(UInt64(template.rawValue) &* 0x9E37_79B9_7F4A_7C15 ^ a)
                if b != 0 { h = BitMix.splitMix64(h ^ b) }
                if c != 0 { h = BitMix.splitMix64(h ^ c) }
                out.append(h)
            }
            add(.bias, 1)
            add(.word, word[i]); add(.stem, stem[i]); add(.shape, shape[i])
            for n in 1...4 where prefixes[i][n - 1] != 0 {
                add(.prefix, prefixes[i][n - 1], UInt64(n))
                add(.suffix, suffixes[i][n - 1], UInt64(n))
            }
            add(.wordBefore, at(word, i - 1)); add(.wordAfter, at(word, i + 1))
            add(.wordBefore2, at(word, i - 2)); add(.wordAfter2, at(word, i + 2))
            add(.stemBefore, at(stem, i - 1)); add(.stemAfter, at(stem, i + 1))
            add(.bigramBefore, at(word, i - 1), word[i]); add(.bigramAfter, word[i], at(word, i + 1))
            add(.shapeBefore, at(shape, i - 1)); add(.shapeAfter, at(shape, i + 1))
            add(.shapes, at(shape, i - 1), shape[i], at(shape, i + 1))
            add(.suffix3Before, affix(suffixes, i - 1, 3)); add(.suffix3After, affix(suffixes, i + 1, 3))
            add(.prefix3After, affix(prefixes, i + 1, 3))
            add(.suffix2Before, affix(suffixes, i - 1, 2)); add(.suffix2After, affix(suffixes, i + 1, 2))
            add(.kind, kind[i]); add(.kindBefore, at(kind, i - 1)); add(.kindBefore2, at(kind, i - 2)); add(.kindAfter, at(kind, i + 1))
            add(.place, place[i]); add(.placesAround, at(place, i - 1), at(place, i + 1))
            add(.given, given[i] ? 2 : 1, i > 0 && given[i - 1] ? 2 : 1)
            add(.givenAfter, i + 1 < given.count && given[i + 1] ? 2 : 1)
            add(.nameWord, names.knowsWord(bare[i]) ? 2 : 1)
            if i == 0 { add(.first, shape[i]) }
            if possessive[i] { add(.possessive, 1) }
            return out
        }
    }

    /// Feature templates (their numbers are part of a model: renumbering needs a new model).
    enum Template: UInt8 {
        case bias = 1, word, stem, shape, prefix, suffix, wordBefore, wordAfter, wordBefore2, wordAfter2
        case stemBefore, stemAfter, bigramBefore, bigramAfter, shapeBefore, shapeAfter, shapes
        case suffix3Before, suffix3After, prefix3After, suffix2Before, suffix2After
        case kind, kindBefore, kindBefore2, kindAfter, place, placesAround, given, givenAfter, nameWord, first, possessive
    }

    /// The word without a joined Arabic conjunction, preposition or article (`والجيش` → `جيش`,
    /// `بدمشق` → `دمشق`); three letters must remain. Other scripts unchanged.
    static func stem(_ key: String) -> String {
        var scalars = Array(key.unicodeScalars)
        for prefix in stemPrefixes where scalars.count - prefix.count >= 3 && scalars.starts(with: prefix) {
            scalars.removeFirst(prefix.count)
            break
        }
        return String(String.UnicodeScalarView(scalars))
    }

    private static let stemPrefixes: [[Unicode.Scalar]] = ["وبال", "وال", "بال", "فال", "كال", "ولل", "لل", "ال", "و", "ب", "ل", "ف"]
        .map { Array($0.unicodeScalars) }

    /// Letters by case and script, digits and the rest, runs collapsed: `Reuters` → `Xx`,
    /// `2018` → `d`, `الجيش` → `a`, `U.S.` → `X.X.`; with a length class.
    static func shape(_ token: String) -> String {
        var out = "", last: Character = " "
        for scalar in token.unicodeScalars {
            let c: Character
            if scalar.properties.isUppercase { c = "X" }
            else if scalar.properties.isLowercase { c = "x" }
            else if Digits.asciiDigit(scalar) != nil { c = "d" }
            else if (0x0600...0x06FF).contains(scalar.value) || (0xFB50...0xFEFF).contains(scalar.value) { c = "a" }
            else if scalar.properties.isAlphabetic { c = "o" }
            else { c = Character(scalar) }
            if c != last { out.append(c); last = c }
        }
        let length = token.unicodeScalars.count
        return out + (length <= 2 ? "1" : length <= 4 ? "2" : length <= 7 ? "3" : "4")
    }

    /// Each token's place in a gazetteer match (`B-city`, `I-country`) or `-`.
    private func placeMarks(_ keys: [String]) -> [String] {
        var marks = [String](repeating: "-", count: keys.count)
        var i = 0
        while i < keys.count {
            if let match = places.match(keys, at: i) {
                for j in i..<min(i + match.length, keys.count) { marks[j] = (j == i ? "B-" : "I-") + match.kind }
                i += max(match.length, 1)
            } else {
                i += 1
            }
        }
        return marks
    }

    /// The lexicon kind of a word that starts names or organizations (title, role, organization,
    /// media), else `-`.
    private func cueKind(_ key: String) -> String {
        guard let lexicon else { return "-" }
        for kind in [CueLexicon.Kind.title, .role, .organization, .media, .say] where lexicon.contains(key, as: kind) {
            return kind.rawValue
        }
        return "-"
    }
}

extension NameTagFeatures {
    /// The features with the installed names table and gazetteer and the language's cue lexicon
    /// (each left out when missing: a model then sees less than it was trained with).
    public static func standard(language: String) -> NameTagFeatures {
        NameTagFeatures(names: NameRomanizer.shared.romanizer, places: PlaceGazetteer.shared.gazetteer,
                        lexicon: try? CueLexicon.load(language: language))
    }
}
