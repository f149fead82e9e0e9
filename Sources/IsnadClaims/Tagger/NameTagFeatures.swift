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

    public init(names: NameRomanizer = .rulesOnly, places: PlaceGazetteer = .empty, lexicon: CueLexicon? = nil) {
        self.names = names
        self.places = places
        self.lexicon = lexicon
    }

    /// Hashed features of every token of a sentence, in token order.
    public func features(of tokens: [String]) -> [[UInt64]] {
        // A possessive is its name (`Russia's` → `russia`): training data splits it off.
        let possessive = tokens.map { $0.hasSuffix("'s") || $0.hasSuffix("’s") }
        let bare = tokens.indices.map { possessive[$0] ? String(tokens[$0].dropLast(2)) : tokens[$0] }
        let keys = bare.map { MatchingKey.key($0) }
        let stems = keys.map(Self.stem)
        let shapes = bare.map(Self.shape)
        let placeTags = placeMarks(keys)
        let cueKinds = keys.map(cueKind)
        func key(_ i: Int) -> String { i < 0 ? "<s>" : i >= keys.count ? "</s>" : keys[i] }
        func stem(_ i: Int) -> String { i < 0 ? "<s>" : i >= stems.count ? "</s>" : stems[i] }
        func shape(_ i: Int) -> String { i < 0 ? "<s>" : i >= shapes.count ? "</s>" : shapes[i] }
        func suffix(_ i: Int, _ n: Int) -> String {
            guard i >= 0, i < keys.count else { return "-" }
            return String(String.UnicodeScalarView(keys[i].unicodeScalars.suffix(n)))
        }
        func prefix(_ i: Int, _ n: Int) -> String {
            guard i >= 0, i < keys.count else { return "-" }
            return String(String.UnicodeScalarView(keys[i].unicodeScalars.prefix(n)))
        }
        func kind(_ i: Int) -> String { i < 0 || i >= cueKinds.count ? "-" : cueKinds[i] }
        return tokens.indices.map { i in
            var out: [UInt64] = []
            out.reserveCapacity(40)
            func add(_ name: String, _ value: String) { out.append(BitMix.fnv1a(name + "\u{1}" + value)) }
            let word = keys[i], scalars = Array(word.unicodeScalars)
            add("b", "")
            add("w", word)
            add("s", stems[i])
            add("sh", shapes[i])
            for n in 1...4 where scalars.count > n {
                add("p\(n)", String(String.UnicodeScalarView(scalars.prefix(n))))
                add("x\(n)", String(String.UnicodeScalarView(scalars.suffix(n))))
            }
            add("w-1", key(i - 1)); add("w+1", key(i + 1)); add("w-2", key(i - 2)); add("w+2", key(i + 2))
            add("s-1", stem(i - 1)); add("s+1", stem(i + 1))
            add("w-1w", key(i - 1) + " " + word); add("ww+1", word + " " + key(i + 1))
            add("sh-1", shape(i - 1)); add("sh+1", shape(i + 1))
            add("x3-1", suffix(i - 1, 3)); add("x3+1", suffix(i + 1, 3)); add("p3+1", prefix(i + 1, 3))
            add("x2-1", suffix(i - 1, 2)); add("x2+1", suffix(i + 1, 2))
            add("sh-1sh", shape(i - 1) + " " + shapes[i] + " " + shape(i + 1))
            add("k", kind(i)); add("k-1", kind(i - 1)); add("k-2", kind(i - 2)); add("k+1", kind(i + 1))
            add("pl", placeTags[i])
            add("pl-1pl+1", (i > 0 ? placeTags[i - 1] : "<s>") + " " + (i + 1 < placeTags.count ? placeTags[i + 1] : "</s>"))
            let given = names.isGivenName(bare[i]), givenBefore = i > 0 && names.isGivenName(bare[i - 1])
            add("g", "\(given) \(givenBefore)")
            add("g+1", i + 1 < bare.count && names.isGivenName(bare[i + 1]) ? "1" : "0")
            add("nw", names.knowsWord(bare[i]) ? "1" : "0")
            if i == 0 { add("first", shapes[i]) }
            if possessive[i] { add("poss", "") }
            return out
        }
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
