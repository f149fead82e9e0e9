import Foundation
import IsnadClaims
import IsnadText
import Testing

/// The place names `make models` installs, loaded once for the suite. CI runs `make models`
/// before the tests, so a missing file is a failure that says so, never a skip.
enum InstalledPlaces {
    static let loaded: Result<PlaceGazetteer, NameResourceError> = Result { () throws(NameResourceError) in
        try PlaceGazetteer.load()
    }

    static func gazetteer() throws -> PlaceGazetteer {
        let path = PlaceGazetteer.defaultPath
        try #require(FileManager.default.fileExists(atPath: path), "place names missing at \(path): run `make models` first")
        return try loaded.get()
    }
}

/// The place at the start of `text` (or at word `index`), as `name/kind/words`.
private func place(_ text: String, at index: Int = 0, in gazetteer: PlaceGazetteer) -> String? {
    gazetteer.match(MatchingKey.keys(of: text), at: index).map { "\($0.name)/\($0.kind)/\($0.length)" }
}

@Suite("PlaceGazetteer: countries and cities from the installed place names")
struct PlaceGazetteerTests {
    @Test("Russia in Arabic, Persian and English, with a joined و")
    func russia() throws {
        let places = try InstalledPlaces.gazetteer()
        for text in ["روسيا", "روسیه", "Russia", "وروسيا", "RUSSIA"] {
            #expect(place(text, in: places) == "Russia/country/1", "\(text)")
        }
        #expect(place("قالت روسيا إن", at: 1, in: places) == "Russia/country/1")
    }

    @Test("Damascus in Arabic and English, and with a joined ب")
    func damascus() throws {
        let places = try InstalledPlaces.gazetteer()
        for text in ["دمشق", "Damascus", "بدمشق", "ودمشق"] {
            #expect(place(text, in: places) == "Damascus/city/1", "\(text)")
        }
    }

    @Test("Syria: سوريا, سورية and the Persian سوریه; with a joined ل")
    func syria() throws {
        let places = try InstalledPlaces.gazetteer()
        for text in ["سوريا", "سورية", "سوریه", "لسوريا", "Syria"] {
            #expect(place(text, in: places) == "Syria/country/1", "\(text)")
        }
    }

    @Test("the article: الجزائر, جزائر and للجزائر are Algeria; countries come before cities")
    func article() throws {
        let places = try InstalledPlaces.gazetteer()
        for text in ["الجزائر", "جزائر", "للجزائر", "والجزائر", "Algeria"] {
            #expect(place(text, in: places) == "Algeria/country/1", "\(text)")
        }
        #expect(place("العراق", in: places) == "Iraq/country/1")
        #expect(place("بالعراق", in: places) == "Iraq/country/1")
        #expect(place("Algiers", in: places) == "Algiers/city/1")
    }

    @Test("New York matches as two words, the longest place first")
    func twoWords() throws {
        let places = try InstalledPlaces.gazetteer()
        #expect(place("New York", in: places) == "New York City/city/2")
        #expect(place("talks in New York on Monday", at: 2, in: places) == "New York City/city/2")
        #expect(place("نيويورك", in: places) == "New York City/city/1")
        #expect(place("الولايات المتحدة", in: places) == "United States/country/2")
        #expect(place("ایالات متحده", in: places) == "United States/country/2")
        // Only the first word is the place: "United" alone is not.
        #expect(place("United", in: places) == nil)
    }

    @Test("common words and short spellings are not places")
    func commonWords() throws {
        let places = try InstalledPlaces.gazetteer()
        for text in ["في", "من", "كان", "وفي", "كيف", "خبر", "الجديد", "از", "در", "مالی", "nice", "Nice",
                     "reading", "the", "of", "can", "Sam", "بشار", "وأن", "بأنه"] {
            #expect(place(text, in: places) == nil, "\(text)")
        }
    }

    @Test("stripping never makes a place of another word; own names before other names")
    func noStrippedFalsePlaces() throws {
        let places = try InstalledPlaces.gazetteer()
        // Nisba adjectives with the article fold like a Persian country name without it
        // (الروسية and روسیه): the article is never stripped into an article-less spelling.
        for text in ["الروسية", "التركية", "السورية", "فرانس برس", "ورقة", "وكيل", "بنوك", "باراک"] {
            #expect(place(text, in: places) == nil, "\(text)")
        }
        #expect(place("United Nations", in: places) == nil)
        #expect(place("الأمم المتحدة", in: places) == nil)
        // Austin was once called Waterloo; the city whose own name it is keeps it.
        #expect(place("Waterloo", in: places) == "Waterloo/city/1")
    }

    @Test("index bounds and empty input")
    func bounds() throws {
        let places = try InstalledPlaces.gazetteer()
        #expect(places.match([], at: 0) == nil)
        #expect(places.match(["روسيا"], at: 1) == nil)
        #expect(places.match(["روسيا"], at: -1) == nil)
        #expect(PlaceGazetteer.empty.match(["روسيا"], at: 0) == nil)
        #expect(PlaceGazetteer.empty.isEmpty && !places.isEmpty)
    }

    @Test("the shared gazetteer is the installed one")
    func shared() throws {
        _ = try InstalledPlaces.gazetteer()
        let (shared, problem) = PlaceGazetteer.shared
        #expect(problem == nil, "\(String(describing: problem))")
        #expect(place("دمشق", in: shared) == "Damascus/city/1")
    }

    @Test("a file written here: order, longest match, dropped spellings")
    func smallFile() throws {
        let path = try temporaryFolder() + "/places.tsv"
        let lines = [
            "country\tNarnia\tNarnia", "country\tNarnia\tنارنيا",
            "city\tCair Paravel\tCair Paravel", "city\tCair\tCair",
            "city\tNarnia Town\tNarnia", "city\tAb\tAb", "city\tCaen\tكان", "city\tHebron\tالخليل",
            "city\tQalat\tالقلعة الكبرى", "",
        ]
        try lines.joined(separator: "\r\n").write(toFile: path, atomically: true, encoding: .utf8)
        let places = try PlaceGazetteer.load(path: path)
        #expect(place("Narnia", in: places) == "Narnia/country/1")  // the earlier line wins
        #expect(place("بنارنيا", in: places) == "Narnia/country/1")
        #expect(place("Cair Paravel", in: places) == "Cair Paravel/city/2")
        #expect(place("Cair Town", in: places) == "Cair/city/1")
        #expect(place("Ab", in: places) == nil)
        #expect(place("كان", in: places) == nil)
        #expect(place("الخليل", in: places) == "Hebron/city/1")
        #expect(place("خليل", in: places) == nil)  // the article-less form is a given name
        #expect(place("قلعة الكبرى", in: places) == "Qalat/city/2")
        #expect(places.placeCount == 5)
    }

    @Test("a missing file is a named error that says to run make models")
    func missingFile() throws {
        let path = try temporaryFolder() + "/places.tsv"
        let error = try #require(throws: NameResourceError.self) { try PlaceGazetteer.load(path: path) }
        #expect(error.path == path && error.problem.contains("not found"))
        #expect(error.description.contains(path) && error.description.contains("make models"))
        let folder = try temporaryFolder()
        let folderError = try #require(throws: NameResourceError.self) { try PlaceGazetteer.load(path: folder) }
        #expect(folderError.problem.contains("folder"))
    }

    @Test("malformed files are named errors", arguments: [
        ("country\tRussia\n", "line 1"),
        ("country\tRussia\tروسيا\nregion\tGhouta\tالغوطة\n", "line 2"),
        ("city\t\tDamascus\n", "line 1"),
        ("country\tRussia\tروسيا\textra\n", "line 1"),
        ("\n\n", "no place names"),
    ])
    func malformed(text: String, problem: String) throws {
        let path = try temporaryFolder() + "/places.tsv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let error = try #require(throws: NameResourceError.self) { try PlaceGazetteer.load(path: path) }
        #expect(error.problem.contains(problem), "\(error)")
        #expect(error.description.contains("make models"))
    }

    @Test("bytes that are not UTF-8 are a named error")
    func notText() throws {
        let path = try temporaryFolder() + "/places.tsv"
        try Data([0x63, 0x69, 0x74, 0x79, 0x09, 0xFF, 0xFE, 0x09, 0xC3, 0x28, 0x0A]).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: NameResourceError.self) { try PlaceGazetteer.load(path: path) }
        #expect(error.problem.contains("UTF-8"), "\(error)")
    }

    @Test("load time and memory of the installed place names")
    func loadCost() throws {
        let path = PlaceGazetteer.defaultPath
        try #require(FileManager.default.fileExists(atPath: path), "place names missing at \(path): run `make models` first")
        let before = memory()
        let clock = ContinuousClock()
        var places: PlaceGazetteer?
        let elapsed = try clock.measure { places = try PlaceGazetteer.load() }
        let after = memory()
        let loaded = try #require(places)
        #expect(loaded.placeCount > 6_000 && loaded.spellingCount > 40_000)
        // Run alone (`--filter loadCost`) for clean numbers: other tests share the process.
        print("place names: \(loaded.placeCount) places, \(loaded.spellingCount) spellings loaded in \(elapsed); resident +\((after.resident - before.resident) >> 20) MiB, peak +\((after.peak - before.peak) >> 20) MiB")
        #expect(elapsed < .seconds(10))
    }
}
