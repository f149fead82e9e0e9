import Foundation
import IsnadText

/// Reads `places.tsv` into a ``PlaceGazetteer``: each line `kind<TAB>English name<TAB>spelling`,
/// kind `country` or `city`.
enum PlaceTable {
    /// The kinds a line may name.
    static let kinds: Set<String> = ["country", "city"]

    static func read(path: String) throws(NameResourceError) -> PlaceGazetteer {
        try NameResourceError.requireFile(path, naming: "place names")
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw NameResourceError(path: path, problem: "not readable (\(error.localizedDescription))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw NameResourceError(path: path, problem: "not UTF-8 text: not the place names of `make models`")
        }
        // Countries first, then cities by their own names, then cities by other names, each in
        // file order: where two places share a spelling the earlier wins, so Waterloo (Ontario)
        // keeps its name though Austin, larger, was once called Waterloo too.
        var ranked: [[(kind: String, name: String, spelling: String)]] = [[], [], []]
        var number = 0
        for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            var line = Substring(line)
            if line.utf8.last == UInt8(ascii: "\r") { line = line.dropLast() }
            if line.isEmpty { continue }
            let fields = line.utf8.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false).map { String(Substring($0)) }
            guard fields.count == 3, kinds.contains(fields[0]), !fields[1].isEmpty, !fields[2].isEmpty else {
                throw NameResourceError(path: path, problem: "line \(number) is not `country|city<TAB>name<TAB>spelling`: not the place names of `make models`")
            }
            let rank = fields[0] == "country" ? 0 : fields[2] == fields[1] ? 1 : 2
            ranked[rank].append((fields[0], fields[1], fields[2]))
        }
        guard ranked.contains(where: { !$0.isEmpty }) else {
            throw NameResourceError(path: path, problem: "holds no place names")
        }
        var builder = PlaceIndexBuilder()
        for line in ranked.joined() {
            builder.add(kind: line.kind, name: line.name, spelling: line.spelling)
        }
        return builder.gazetteer()
    }
}

/// Collects spellings into the gazetteer's indexes, dropping the ambiguous ones.
struct PlaceIndexBuilder {
    private var written = PlaceIndex()
    private var bare = PlaceIndex()
    private var places: [PlaceGazetteer.Place] = []
    private var placeNumbers: [PlaceGazetteer.Place: Int32] = [:]

    /// Adds one line's spelling under its place. A one-word spelling of fewer than three letters
    /// or a common word or phrase (``PlaceStopWords``) is dropped. A spelling whose first word
    /// starts with the article ال (as written: not آل, as in آلمان) is also indexed without it
    /// (`الجزائر` and `جزائر`), apart, unless that leaves a short or common word.
    mutating func add(kind: String, name: String, spelling: String) {
        let tokens = WordTokenizer.tokens(in: spelling)
        let keys = tokens.map(\.key)
        guard let first = tokens.first else { return }
        guard Self.distinctive(keys) else { return }
        let place = PlaceGazetteer.Place(name: name, kind: kind)
        if written.insert(keys) { written.append(keys, number(of: place)) }
        let scalars = first.text.unicodeScalars
        guard scalars.count > 2, scalars.starts(with: "ال".unicodeScalars),
              let article = MatchingKey.withoutArticle(first.key) else { return }
        let aliased = [article] + keys.dropFirst()
        if Self.distinctive(aliased), bare.insert(aliased) { bare.append(aliased, number(of: place)) }
    }

    /// Whether a spelling is safe to index: not a common word or phrase, and three letters or
    /// more when it is one word.
    static func distinctive(_ keys: [String]) -> Bool {
        guard let first = keys.first else { return false }
        if keys.count == 1, first.unicodeScalars.count < 3 { return false }
        return !PlaceStopWords.isCommon(keys.joined(separator: " "))
    }

    private mutating func number(of place: PlaceGazetteer.Place) -> Int32 {
        if let known = placeNumbers[place] { return known }
        let new = Int32(places.count)
        places.append(place)
        placeNumbers[place] = new
        return new
    }

    func gazetteer() -> PlaceGazetteer {
        PlaceGazetteer(written: written.ordered(), bare: bare.ordered(), places: places,
                       spellingCount: written.count + bare.count)
    }
}

/// First word key → the spellings that start with it; each spelling once, for the first place
/// that has it.
struct PlaceIndex {
    private var lists: [String: [PlaceGazetteer.Spelling]] = [:]
    private var seen: Set<String> = []  // word keys joined by a space
    private(set) var count = 0

    /// Whether `keys` is new here (and now taken).
    mutating func insert(_ keys: [String]) -> Bool {
        seen.insert(keys.joined(separator: " ")).inserted
    }

    mutating func append(_ keys: [String], _ place: Int32) {
        guard let first = keys.first else { return }
        lists[first, default: []].append(PlaceGazetteer.Spelling(keys: keys, place: place))
        count += 1
    }

    /// Each first word's spellings most words first (file order kept within a length, though
    /// two spellings of one length and first word never both match).
    func ordered() -> [String: [PlaceGazetteer.Spelling]] {
        var ordered = lists
        for (first, list) in lists where list.count > 1 {
            ordered[first] = list.enumerated()
                .sorted { ($0.element.keys.count, -$0.offset) > ($1.element.keys.count, -$1.offset) }
                .map(\.element)
        }
        return ordered
    }
}
