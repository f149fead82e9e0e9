import Foundation
import IsnadClaims
import Testing

/// The names table `make models` installs, loaded once for the suite. CI runs `make models`
/// before the tests, so a missing table is a failure that says so, never a skip.
enum InstalledNames {
    static let loaded: Result<NameRomanizer, NameResourceError> = Result { () throws(NameResourceError) in
        try NameRomanizer.load()
    }

    static func romanizer() throws -> NameRomanizer {
        let path = NameRomanizer.defaultPath
        try #require(FileManager.default.fileExists(atPath: path), "names table missing at \(path): run `make models` first")
        return try loaded.get()
    }
}

@Suite("NameRomanizer: Latin names from the names table, else by rules")
struct NameRomanizerTests {
    @Test("the installed table spells common names in their most attested form")
    func tableSpellings() throws {
        let names = try InstalledNames.romanizer()
        #expect(names.unitCount > 20_000)
        #expect(names.romanize(["وائل"]) == "Wael")
        #expect(names.romanize(["وائل", "علوان"]) == "Wael Alwan")
        let alloush = names.romanize(["محمد", "علوش"])
        #expect(["Mohamed", "Muhammad", "Mohammad"].contains { alloush.hasPrefix($0 + " ") }, "\(alloush)")
        #expect(alloush.hasSuffix(" Alloush"), "\(alloush)")
        // With marks, tatweel and a hamza alef the key is the same.
        #expect(names.romanize(["وَائِل"]) == "Wael")
        #expect(names.romanize(["مـحـمـد"]) == names.romanize(["محمد"]))
    }

    @Test("multi-word units come first: عبد with the next word, longest match")
    func multiWordUnits() throws {
        let names = try InstalledNames.romanizer()
        #expect(names.romanize(["جمال", "عبد", "الناصر"]) == "Jamal Abdel Nasser")
        #expect(names.romanize(["عبد الناصر"]) == "Abdel Nasser")
        // Written as one word, as many outlets do.
        #expect(names.romanize(["عبدالناصر"]) == "Abdel Nasser")
    }

    @Test("table for the given name, rules for a surname it lacks")
    func tableThenRules() throws {
        let names = try InstalledNames.romanizer()
        let arabic = names.romanize(["فلاديمير", "زولوتوخين"])
        #expect(arabic == "Vladimir Zolotokhin")
    }

    @Test("Persian letters (ی ک) give the same name as the Arabic spelling")
    func persianSpelling() throws {
        let names = try InstalledNames.romanizer()
        #expect(names.romanize(["کریم", "علی"]) == names.romanize(["كريم", "علي"]))
        #expect(names.romanize(["کریم", "علی"]) == "Karim Ali")
        #expect(names.romanize(["ولادیمیر", "زولوتوخین"]) == names.romanize(["فلاديمير", "زولوتوخين"]))
        #expect(names.isGivenName("علی") && names.isGivenName("علي"))
    }

    @Test("given names: frequent ones only, never for rules alone")
    func givenNames() throws {
        let names = try InstalledNames.romanizer()
        #expect(names.isGivenName("محمد"))
        #expect(names.isGivenName("وائل"))
        #expect(!names.isGivenName("زولوتوخين"))
        #expect(!names.isGivenName("Wael"))
        #expect(!NameRomanizer.rulesOnly.isGivenName("محمد"))
    }

    @Test("rules alone: consonants, و and ي as vowels between consonants, capitals")
    func rulesOnly() {
        let rules = NameRomanizer.rulesOnly
        #expect(rules.unitCount == 0)
        let surname = rules.romanize(["زولوتوخين"])
        #expect(surname.hasPrefix("Z") && surname.contains("l") && surname.contains("kh"), "\(surname)")
        #expect(surname == "Zolotokhin")
        #expect(rules.romanize(["وائل", "علوان"]) == "Wael Alwan")
        #expect(rules.romanize(["حسن"]) == "Hasan")
        #expect(rules.romanize(["پژمان"]) == "Pazhman")
        // Persian: a consonant و is v.
        #expect(rules.romanize(["ولادیمیر"]) == "Vladimir")
        // Names never start with two consonants, foreign ones may (a stop before ر or ل).
        #expect(rules.romanize(["بشار"]) == "Bashar")
        #expect(rules.romanize(["ترامب"]) == "Tramb")
    }

    @Test("a leading ال becomes al- joined by a hyphen")
    func article() throws {
        let rahman = NameRomanizer.rulesOnly.romanize(["الرحمن"])
        #expect(rahman.hasPrefix("al-") && rahman.contains("Rahman"), "\(rahman)")
        #expect(NameRomanizer.rulesOnly.romanize(["عبد", "الرحمن"]) == "Abd al-Rahman")
        #expect(NameRomanizer.rulesOnly.romanize(["عبدالرحمن"]) == "Abd al-Rahman")
        // With the table, a word it lacks keeps the article and spells the rest from the table.
        let names = try InstalledNames.romanizer()
        #expect(names.romanize(["الزولوتوخين"]) == "al-Zolotokhin")
    }

    @Test("Latin-script words pass through, title-cased only when all lower case")
    func latinPassThrough() throws {
        let names = try InstalledNames.romanizer()
        #expect(names.romanize(["Wael", "al-Assad"]) == "Wael al-Assad")
        #expect(names.romanize(["vladimir", "putin"]) == "Vladimir Putin")
        #expect(names.romanize(["McDonald", "وائل"]) == "McDonald Wael")
        #expect(names.romanize([]).isEmpty)
    }

    @Test("a missing table is a named error that says to run make models")
    func missingTable() throws {
        let path = try temporaryFolder() + "/names.sqlite3"
        let error = try #require(throws: NameResourceError.self) { try NameRomanizer.load(path: path) }
        #expect(error.path == path)
        #expect(error.description.contains(path) && error.description.contains("make models"))
        #expect(error.problem.contains("not found"))
    }

    @Test("random bytes are not a table")
    func randomBytes() throws {
        let path = try temporaryFolder() + "/names.sqlite3"
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let bytes = (0..<8192).map { _ -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: NameResourceError.self) { try NameRomanizer.load(path: path) }
        #expect(error.problem.contains("not an SQLite database"), "\(error)")
        #expect(error.description.contains("make models"))
    }

    @Test("an SQLite database without the units table")
    func noUnitsTable() throws {
        let path = try temporaryFolder() + "/names.sqlite3"
        try Data(emptySQLiteDatabase()).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: NameResourceError.self) { try NameRomanizer.load(path: path) }
        #expect(error.problem.contains("no `units` table"), "\(error)")
        #expect(error.description.contains(path) && error.description.contains("make models"))
    }

    @Test("load time and memory of the installed table")
    func loadCost() throws {
        let path = NameRomanizer.defaultPath
        try #require(FileManager.default.fileExists(atPath: path), "names table missing at \(path): run `make models` first")
        let before = memory()
        let clock = ContinuousClock()
        var names: NameRomanizer?
        let elapsed = try clock.measure { names = try NameRomanizer.load() }
        let after = memory()
        #expect(names?.unitCount ?? 0 > 20_000)
        // Run alone (`--filter loadCost`) for clean numbers: other tests share the process.
        print("names table: \(names?.unitCount ?? 0) units loaded in \(elapsed); resident +\((after.resident - before.resident) >> 20) MiB, peak +\((after.peak - before.peak) >> 20) MiB")
        #expect(elapsed < .seconds(10))
    }
}


/// An SQLite database with no tables, written byte by byte: the 100-byte file header and an
/// empty schema page (a leaf table b-tree page with no cells).
private func emptySQLiteDatabase() -> [UInt8] {
    let pageSize = 4096
    var page = [UInt8](repeating: 0, count: pageSize)
    let magic = Array("SQLite format 3".utf8) + [0]
    page.replaceSubrange(0..<16, with: magic)
    func put32(_ value: UInt32, at offset: Int) {
        for i in 0..<4 { page[offset + i] = UInt8(truncatingIfNeeded: value >> (24 - 8 * UInt32(i))) }
    }
    page[16] = UInt8(pageSize >> 8)
    page[17] = UInt8(pageSize & 0xFF)
    page[18] = 1  // write version: legacy
    page[19] = 1  // read version
    page[21] = 64  // max embedded payload fraction
    page[22] = 32  // min embedded payload fraction
    page[23] = 32  // leaf payload fraction
    put32(1, at: 24)  // file change counter
    put32(1, at: 28)  // pages in the database
    put32(4, at: 44)  // schema format
    put32(1, at: 56)  // text encoding: UTF-8
    put32(1, at: 92)  // version-valid-for
    put32(3_040_001, at: 96)  // SQLite version that wrote it
    page[100] = 0x0D  // leaf table b-tree page
    page[105] = UInt8(pageSize >> 8)  // cell content area starts at the page end
    page[106] = UInt8(pageSize & 0xFF)
    return page
}
