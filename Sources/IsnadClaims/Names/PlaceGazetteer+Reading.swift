import Foundation
import IsnadText

/// Reads `places.tsv` into a ``PlaceGazetteer``: each line `kind<TAB>English name<TAB>spelling`,
/// kind `country` or `city`.
enum PlaceTable {
    /// The kinds a line may name.
    static let kinds: Set<String> = ["country", "city"]

    static func read(path: String) throws(NameResourceError) -> PlaceGazetteer {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw NameResourceError(path: path, problem: "place names not found")
        }
        guard !isFolder.boolValue else {
            throw NameResourceError(path: path, problem: "is a folder, not the place names")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw NameResourceError(path: path, problem: "not readable (\(error.localizedDescription))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw NameResourceError(path: path, problem: "not UTF-8 text: not the place names of `make models`")
        }
        var builder = PlaceIndexBuilder()
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
            builder.add(kind: fields[0], name: fields[1], spelling: fields[2])
        }
        guard builder.lines > 0 else {
            throw NameResourceError(path: path, problem: "holds no place names")
        }
        return builder.gazetteer()
    }
}

/// Collects spellings into the gazetteer's index, dropping the ambiguous ones.
struct PlaceIndexBuilder {
    private var index: [String: [PlaceGazetteer.Spelling]] = [:]
    private var places: [PlaceGazetteer.Place] = []
    private var placeNumbers: [PlaceGazetteer.Place: Int32] = [:]
    private var seen: Set<String> = []  // word keys joined by a space: the first place keeps a spelling
    private var spellings = 0
    /// Well-formed lines read, kept or not.
    private(set) var lines = 0

    /// Adds one line's spelling under its place. A one-word spelling of fewer than three letters
    /// or that is a common word (``PlaceStopWords``) is dropped. A spelling whose first word
    /// starts with the article ال (as written: not آل, as in آلمان) is also indexed without it
    /// (`الجزائر` and `جزائر`), unless that leaves a short or common word.
    mutating func add(kind: String, name: String, spelling: String) {
        lines += 1
        let tokens = WordTokenizer.tokens(in: spelling)
        let keys = tokens.map(\.key)
        guard let first = tokens.first else { return }
        if keys.count == 1, !Self.distinctive(first.key) { return }
        let place = PlaceGazetteer.Place(name: name, kind: kind)
        insert(keys, place: place)
        let written = first.text.unicodeScalars
        guard written.count > 2, written.starts(with: "ال".unicodeScalars),
              let bare = MatchingKey.withoutArticle(first.key) else { return }
        if keys.count == 1, !Self.distinctive(bare) { return }
        insert([bare] + keys.dropFirst(), place: place)
    }

    /// Whether a one-word spelling is safe to index: three letters or more, not a common word.
    static func distinctive(_ key: String) -> Bool {
        key.unicodeScalars.count >= 3 && !PlaceStopWords.isCommon(key)
    }

    private mutating func number(of place: PlaceGazetteer.Place) -> Int32 {
        if let known = placeNumbers[place] { return known }
        let new = Int32(places.count)
        places.append(place)
        placeNumbers[place] = new
        return new
    }

    /// Indexes a spelling unless an earlier line's place has it already.
    private mutating func insert(_ keys: [String], place: PlaceGazetteer.Place) {
        guard let first = keys.first, seen.insert(keys.joined(separator: " ")).inserted else { return }
        index[first, default: []].append(PlaceGazetteer.Spelling(keys: keys, place: number(of: place)))
        spellings += 1
    }

    /// The index with each first word's spellings ordered most words first (file order kept
    /// within a length, though two spellings of one length and first word never both match).
    func gazetteer() -> PlaceGazetteer {
        var ordered = index
        for (first, list) in index where list.count > 1 {
            ordered[first] = list.enumerated()
                .sorted { ($0.element.keys.count, -$0.offset) > ($1.element.keys.count, -$1.offset) }
                .map(\.element)
        }
        return PlaceGazetteer(index: ordered, places: places, spellingCount: spellings)
    }
}
