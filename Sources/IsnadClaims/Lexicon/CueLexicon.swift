import Foundation
import IsnadText

/// The words that mark who said what in one language: reporting verbs, denials, "according to",
/// titles, role nouns … (kinds in `Resources/lexicon/README.md`). Read from data files at run
/// time so that users can extend them without rebuilding.
public struct CueLexicon: Sendable {
    /// What a phrase marks.
    public enum Kind: String, Sendable, CaseIterable {
        case say, deny, `continue`, participle, according, relay, relayverb, report, told, source, negation, complementizer, opener
        case title, role, anonymous, organization, media, stop
    }

    /// One phrase of the lexicon, as folded word keys.
    public struct Entry: Sendable, Hashable {
        public var kind: Kind
        public var phrase: String
        public var keys: [String]
    }

    public let language: String
    /// Entries by the key of their first word, longest first.
    private var byFirstKey: [String: [Entry]] = [:]

    /// An empty lexicon (a language without cue files: names only).
    public init(language: String) { self.language = language }

    /// Adds (or, with `remove`, takes out) one entry.
    mutating func add(kind: Kind, phrase: String, remove: Bool = false) {
        let keys = WordTokenizer.tokens(in: phrase).map(\.key)
        guard let first = keys.first else { return }
        let entry = Entry(kind: kind, phrase: phrase, keys: keys)
        var list = byFirstKey[first] ?? []
        list.removeAll { $0.kind == kind && $0.keys == keys }
        if !remove { list.append(entry) }
        list.sort { $0.keys.count > $1.keys.count }
        byFirstKey[first] = list.isEmpty ? nil : list
    }

    /// The entries whose first word has this key, longest first.
    public func entries(startingWith key: String) -> [Entry] { byFirstKey[key] ?? [] }

    /// Whether one word (its key) is a one-word entry of `kind`.
    public func contains(_ key: String, as kind: Kind) -> Bool {
        byFirstKey[key]?.contains { $0.kind == kind && $0.keys.count == 1 } ?? false
    }

    /// Number of entries (all kinds).
    public var count: Int { byFirstKey.values.reduce(0) { $0 + $1.count } }
}

extension CueLexicon {
    /// Parses lexicon lines (`KIND<TAB>PHRASE`, `-KIND<TAB>PHRASE` to remove, `#` comments) into
    /// this lexicon; `file` names the source in errors.
    mutating func read(_ text: String, file: String) throws(LexiconError) {
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines.subtracting(CharacterSet(charactersIn: "\t")))
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == 2, !fields[1].isEmpty else {
                throw LexiconError(path: file, line: number + 1, problem: "expected KIND<TAB>PHRASE, found \"\(line.prefix(60))\"")
            }
            let remove = fields[0].hasPrefix("-")
            let name = remove ? String(fields[0].dropFirst()) : fields[0]
            guard let kind = Kind(rawValue: name) else {
                let known = Kind.allCases.map(\.rawValue).joined(separator: ", ")
                throw LexiconError(path: file, line: number + 1, problem: "unknown kind \"\(name)\" (known: \(known))")
            }
            add(kind: kind, phrase: fields[1], remove: remove)
        }
    }

    /// The lexicon of `language`: the built-in file, then the user's file of the same name in
    /// `userDirectory` (default `$ISNAD_LEXICON`), if any. A language without a file gets an
    /// empty lexicon.
    public static func load(language: String, userDirectory: String? = ProcessInfo.processInfo.environment["ISNAD_LEXICON"])
        throws(LexiconError) -> CueLexicon {
        var lexicon = CueLexicon(language: language)
        let name = "\(language).tsv"
        let builtIn = try LexiconLocator.builtInDirectory()
        for directory in [builtIn, userDirectory].compactMap({ $0 }) where !directory.isEmpty {
            let path = (directory as NSString).appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: path) else { continue }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw LexiconError(path: path, line: nil, problem: "cannot be read")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw LexiconError(path: path, line: nil, problem: "is not UTF-8 text")
            }
            try lexicon.read(text, file: path)
        }
        return lexicon
    }
}

/// A cue lexicon file that cannot be used; says which file, which line and what is wrong.
public struct LexiconError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var problem: String
    public var description: String {
        "\(path)\(line.map { ":\($0)" } ?? ""): \(problem)"
    }
}

/// Finds the built-in lexicon folder: beside the executable (SwiftPM copies the resources
/// there) or, in a source checkout, in the package's sources.
enum LexiconLocator {
    static let bundleName = "Isnad_IsnadClaims.resources"

    static func builtInDirectory() throws(LexiconError) -> String {
        var candidates: [String] = []
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        candidates.append(executable.appendingPathComponent(bundleName).appendingPathComponent("lexicon").path)
        candidates.append(Bundle.main.bundleURL.appendingPathComponent(bundleName).appendingPathComponent("lexicon").path)
        // Tests run from a helper whose bundle sits in the build folder beside ours.
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent(bundleName).appendingPathComponent("lexicon").path)
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(sources.appendingPathComponent("Resources/lexicon").path)
        for path in candidates where FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent("README.md")) {
            return path
        }
        throw LexiconError(path: candidates.first ?? bundleName, line: nil,
                           problem: "the built-in cue lexicons are missing (looked in \(candidates.joined(separator: ", "))); reinstall Isnad with its \(bundleName) folder beside the executable")
    }
}
