import Foundation
import IsnadIngest

/// Canonical Latin spellings of Arabic- and Persian-script personal names, so that an entity
/// named in Arabic, Persian and English reports gets one readable `name`. Spellings come from
/// the names table of arabic-name-romanizer (installed by `make models`), in the form most often
/// attested over all countries, so the Arabic and the Persian spelling of a name meet; names
/// the table lacks are transliterated by rules.
public struct NameRomanizer: Sendable {
    private let table: NameTable?

    private init(table: NameTable?) { self.table = table }

    /// Where `make models` installs the names table: `$ISNAD_MODELS/names/names.sqlite3`.
    public static var defaultPath: String { (ModelDirectory.path as NSString).appendingPathComponent("names/names.sqlite3") }

    /// Reads the names table into memory (read-only; the file is closed before returning).
    /// Throws a ``NameResourceError`` that says to run `make models` when the file is missing or
    /// is not the table; callers then go on with ``rulesOnly``.
    public static func load(path: String = NameRomanizer.defaultPath) throws(NameResourceError) -> NameRomanizer {
        NameRomanizer(table: try NameTable.read(path: path))
    }

    /// Rules only, no table: what statements use when the table is not installed.
    public static let rulesOnly = NameRomanizer(table: nil)

    /// Number of distinct folded Arabic-script units the table spells (0 for ``rulesOnly``).
    public var unitCount: Int { table?.spellings.count ?? 0 }

    /// One Latin name for the words of a name as written (`["وائل", "علوان"]` → Wael Alwan).
    /// Multi-word units of the table come first (`عبد الناصر` → Abdel Nasser), then single
    /// words, then rules; Latin-script words pass through (title-cased when all lower case).
    public func romanize(_ words: [String]) -> String {
        let tokens = words.flatMap { $0.split(whereSeparator: \.isWhitespace).map(String.init) }
        let persian = NameRules.isPersian(tokens)
        var parts: [String] = []
        var index = 0
        while index < tokens.count {
            let word = tokens[index]
            guard NameKey.isArabicScript(word) else {
                parts.append(Self.latin(word))
                index += 1
                continue
            }
            if let (spelling, count) = longestUnit(tokens, at: index) {
                parts.append(spelling)
                index += count
                continue
            }
            parts.append(single(word, first: parts.isEmpty, persian: persian))
            index += 1
        }
        return parts.joined(separator: " ")
    }

    /// Whether a word is a frequent given name in the table (`محمد`, `وائل`): Arabic script has
    /// no capitals, so this is the hint that a word starts a person's name. False for ``rulesOnly``.
    public func isGivenName(_ word: String) -> Bool {
        table?.givenNames.contains(NameKey.fold(word)) ?? false
    }

    /// Whether the table spells this word as (part of) a name: a hint for the name tagger.
    public func knowsWord(_ word: String) -> Bool {
        table?.spellings[NameKey.foldWord(word)] != nil
    }

    /// The longest table unit of two or more words starting at `index`, with its word count.
    private func longestUnit(_ tokens: [String], at index: Int) -> (String, Int)? {
        guard let table, table.longestUnit >= 2 else { return nil }
        var keys: [String] = []
        for token in tokens[index...].prefix(table.longestUnit) {
            guard NameKey.isArabicScript(token) else { break }
            keys.append(NameKey.foldWord(token))
        }
        guard keys.count >= 2 else { return nil }
        for count in stride(from: keys.count, through: 2, by: -1) {
            if let spelling = table.spellings[keys[0..<count].joined(separator: " ")] {
                return (Self.tidy(spelling), count)
            }
        }
        return nil
    }

    /// One Arabic-script word: a particle, the table (also `عبدالرحمن` as `عبد الرحمن`), rules.
    private func single(_ word: String, first: Bool, persian: Bool) -> String {
        let key = NameKey.foldWord(word)
        if let particle = NameRules.particles[key] {
            return first ? NameRules.capitalized(particle) : particle
        }
        if let table {
            if let spelling = table.spellings[key] { return Self.tidy(spelling) }
            let abd = NameKey.foldWord("عبدال")
            if key.hasPrefix(abd), key.unicodeScalars.count >= 7 {
                let split = "عبد " + String(key.unicodeScalars.dropFirst(3))
                if let spelling = table.spellings[split] { return Self.tidy(spelling) }
            }
        }
        return NameRules.word(word, persian: persian) { table?.spellings[$0].map(Self.tidy) }
    }

    /// A table spelling as shown: one written all in lower case gets capitals.
    private static func tidy(_ spelling: String) -> String {
        spelling.contains(where: \.isUppercase) ? spelling : spelling.capitalized
    }

    /// A Latin-script word: kept as written, title-cased when all lower case.
    private static func latin(_ word: String) -> String {
        word.contains(where: \.isLetter) && word == word.lowercased() ? word.capitalized : word
    }
}
