import Foundation
import GRDB
import IsnadEvaluation
import Testing

/// Runs the built `isnad` binary as a user would.
enum CLI {
    static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    static var binary: String {
        for config in ["debug", "release"] {
            let path = (packageRoot as NSString).appendingPathComponent(".build/\(config)/isnad")
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return (packageRoot as NSString).appendingPathComponent(".build/debug/isnad")
    }

    static var seeds: String { SharedData.path("corpus/seeds") }

    struct Result { var status: Int32; var stdout: String; var stderr: String }

    static let vectorCache = NSTemporaryDirectory() + "isnad-test-cache-\(ProcessInfo.processInfo.processIdentifier)"

    static func run(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        // Vectors go to a cache of this test run, not the user's ~/.cache/isnad.
        process.environment = ProcessInfo.processInfo.environment.merging(["ISNAD_CACHE": vectorCache]) { $1 }.merging(environment) { $1 }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs SQL on a store behind the CLI's back (what an older version or another tool left).
    static func sqlite(_ store: String, _ sql: String) throws {
        try DatabaseQueue(path: store).write { db in try db.execute(sql: sql) }
    }

    static func temporaryFolder() throws -> String {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("isnad-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

@Suite("Command line", .serialized)
struct CLITests {
    @Test("analyze --format json: who said what in the seeds' story, and in a one-sentence brief outside any story")
    func analyzeStatements() throws {
        let result = try CLI.run(["analyze", CLI.seeds, "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let story = try #require((json["stories"] as? [[String: Any]])?.first)
        let statements = try #require(story["statements"] as? [[String: Any]])
        let entities = try #require(story["entities"] as? [[String: Any]])
        let alwan = try #require(entities.first { ($0["name"] as? String)?.contains("Alwan") == true })
        let denials = statements.filter { $0["speaker"] as? String == alwan["id"] as? String && $0["stance"] as? String == "deny" }
        #expect(Set(denials.compactMap { $0["article"] as? String }).count >= 3)
        for statement in statements {
            #expect(statement["cueSpan"] is [String: Any] && statement["contentSpans"] is [Any] && statement["viaSpans"] is [Any])
        }
        // A brief of one sentence is too short for a story; its statement still comes out.
        let folder = try CLI.temporaryFolder()
        let brief = (folder as NSString).appendingPathComponent("brief.txt")
        try "خبر\nنفى المتحدث باسم البلدية سامي حداد وجود أي تسرب في شبكة المياه.\n".write(toFile: brief, atomically: true, encoding: .utf8)
        let one = try CLI.run(["analyze", brief, "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [String: Any])
        let found = try #require(((report["stories"] as? [[String: Any]])?.first?["statements"] as? [[String: Any]])?.first)
        #expect(found["stance"] as? String == "deny" && found["cue"] as? String == "نفى" && found["article"] as? String == "a1")
        #expect((found["content"] as? String)?.hasPrefix("وجود") == true)
    }

    @Test("analyze --format json emits the story report: articles, the seeds' one story, copies")
    func analyzeJSON() throws {
        let result = try CLI.run(["analyze", CLI.seeds, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let articles = try #require(json["articles"] as? [[String: Any]])
        let stories = try #require(json["stories"] as? [[String: Any]])
        #expect(stories.count == 1)
        #expect(stories.first?["articles"] as? [String] == ["a1", "a2", "a3", "a4", "a5"])
        #expect((stories.first?["independentSources"] as? Int) == 5)
        #expect(articles.map { $0["language"] as? String } == ["ar", "fa", "ar", "ar", "ar"])
        #expect(articles.map { $0["id"] as? String } == ["a1", "a2", "a3", "a4", "a5"])
        for article in articles {
            #expect(article["story"] as? String == "s1")
            #expect(article.keys.contains("duplicateOf") && article["duplicateOf"] is NSNull)
            #expect((article["text"] as? String)?.isEmpty == false)
            #expect(article["removed"] is [String: Any])
        }
        let removed = articles.map { ($0["removed"] as? [String: Any])?["duplicateParagraphs"] as? Int }
        #expect(removed[0] == 1 && removed[1] == 0 && removed[2] == 0 && (removed[3] ?? 0) >= 4 && removed[4] == 1)
        let boilerplate = (articles[0]["removed"] as? [String: Any])?["boilerplate"] as? [String]
        #expect(boilerplate?.contains("SHARE") == true && boilerplate?.contains("close") == true)
        #expect(articles[0]["outlet"] as? String == "سيريانيوز")
        #expect(articles[4]["outlet"] as? String == "الجزيرة")
    }

    @Test("ingest builds stories; stories, story --why and recluster show and rebuild them")
    func storiesCommands() throws {
        let folder = try CLI.temporaryFolder()
        let store = (folder as NSString).appendingPathComponent("s.sqlite")
        let ingest = try CLI.run(["ingest", CLI.seeds, "--store", store])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(ingest.stdout.contains("stories: 1 stories; 5 articles placed"), "\(ingest.stdout)")
        let list = try CLI.run(["stories", "--store", store])
        #expect(list.status == 0 && list.stdout.contains("ar fa") && list.stdout.contains("5"), "\(list.stdout)")
        let story = try CLI.run(["story", "1", "--why", "--store", store])
        #expect(story.status == 0, "\(story.stderr)")
        #expect(story.stdout.contains("5 articles, 5 independent sources"), "\(story.stdout)")
        #expect(story.stdout.contains("opened this story") && story.stdout.contains("joined: cosine"), "\(story.stdout)")
        let missing = try CLI.run(["story", "99", "--store", store])
        #expect(missing.status == 1 && missing.stderr.contains("no story 99"))
        let rebuild = try CLI.run(["recluster", "--store", store])
        #expect(rebuild.status == 0 && rebuild.stdout.contains("1 stories; 5 articles replayed (0 new signals"), "\(rebuild.stdout)")
        #expect(try CLI.run(["recluster", "--since", "March", "--store", store]).status == 2)
        #expect(try CLI.run(["story", "1", "--store", store]).stdout.contains("5 articles, 5 independent sources"))
    }

    @Test("a story merged away keeps resolving: its old number shows the story it went into, and says so")
    func mergedStoryRedirects() throws {
        let folder = try CLI.temporaryFolder()
        let store = (folder as NSString).appendingPathComponent("s.sqlite")
        #expect(try CLI.run(["ingest", CLI.seeds, "--store", store]).status == 0)
        // What an earlier version, or an editor's split, left: two of the seeds in a story 2.
        try CLI.sqlite(store, """
            INSERT INTO stories (id, title, language, languages, outlets, independentSources, articleCount) VALUES (2, 'split', 'ar', '[]', '[]', 2, 2);
            UPDATE storyArticles SET storyID = 2 WHERE articleID IN (SELECT articleID FROM storyArticles ORDER BY position DESC LIMIT 2);
            """)
        #expect(try CLI.run(["stories", "--store", store]).stdout.contains("split"))
        // The rebuild finds one story: it keeps number 1 (most articles), and 2 points at it.
        #expect(try CLI.run(["recluster", "--store", store]).status == 0)
        let old = try CLI.run(["story", "2", "--store", store])
        #expect(old.status == 0 && old.stdout.contains("story 2 was merged into story 1") && old.stdout.contains("5 articles"), "\(old.stdout)")
        let list = try CLI.run(["stories", "--store", store]).stdout
        #expect(!list.contains("split") && list.contains("ar fa"), "\(list)")
        // The same read model as JSON: the story report of the surviving story, saying how it was reached.
        let json = try CLI.run(["story", "2", "--format", "json", "--store", store])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], "\(json.stderr)")
        let stories = try #require(report["stories"] as? [[String: Any]])
        #expect(stories.count == 1 && stories[0]["id"] as? String == "s1" && stories[0]["mergedFrom"] as? [String] == ["s2"])
        let articles = try #require(report["articles"] as? [[String: Any]])
        #expect(articles.count == 5 && articles.allSatisfy { $0["story"] as? String == "s1" && ($0["text"] as? String)?.isEmpty == false })
        // A mistyped store is refused, not created.
        let typo = (folder as NSString).appendingPathComponent("typo.sqlite")
        let refused = try CLI.run(["recluster", "--store", typo])
        #expect(refused.status == 1 && refused.stderr.contains("no store at") && !FileManager.default.fileExists(atPath: typo))
        // A new ingest of nothing new leaves the numbers alone.
        #expect(try CLI.run(["ingest", CLI.seeds, "--store", store]).status == 0)
        #expect(try CLI.run(["story", "1", "--store", store]).stdout.contains("story 1: "))
    }

    @Test("exit status: 0 all read, 1 some failed, 2 usage error")
    func exitCodes() throws {
        let folder = try CLI.temporaryFolder()
        let store = (folder as NSString).appendingPathComponent("s.sqlite")
        let good = try CLI.run(["ingest", CLI.seeds, "--store", store])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.contains("5 new articles"))
        try Data().write(to: URL(fileURLWithPath: (folder as NSString).appendingPathComponent("empty.txt")))
        let bad = try CLI.run(["ingest", (folder as NSString).appendingPathComponent("empty.txt"), "/nonexistent/file.txt", "--store", store])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("empty.txt: empty file"))
        #expect(bad.stderr.contains("/nonexistent/file.txt: no such file or folder"))
        #expect(try CLI.run(["ingest", "--store", store]).status == 2)
        #expect(try CLI.run(["ingest", "--batch-size", "0", CLI.seeds]).status == 2)
        let listed = try CLI.run(["articles", "--store", store])
        #expect(listed.status == 0 && listed.stdout.contains("5 of 5 articles"))
        let search = try CLI.run(["search", "مرکز", "--store", store])
        #expect(search.stdout.contains("5 hits") || search.stdout.contains("4 hits"))
        let missing = try CLI.run(["articles", "--store", (folder as NSString).appendingPathComponent("none.sqlite")])
        #expect(missing.status == 1 && missing.stderr.contains("isnad ingest"))
    }

    @Test("SIGKILL during ingest leaves a consistent store; running again completes without duplicates")
    func killMidway() throws {
        let folder = try CLI.temporaryFolder()
        let data = (folder as NSString).appendingPathComponent("news")
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        let total = 6_000
        for i in 0..<total {
            let text = "Dispatch \(i)\n\nThe regional council recorded \(i) new requests for shelter and \(i * 3) meals served on day \(i % 31).\n\nOfficials said more aid convoys were expected."
            try text.write(toFile: (data as NSString).appendingPathComponent(String(format: "n%05d.txt", i)), atomically: false, encoding: .utf8)
        }
        let store = (folder as NSString).appendingPathComponent("s.sqlite")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = ["ingest", data, "--store", store, "--batch-size", "100"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until a few batches are committed, then kill without warning.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            if let count = Self.count(store), count >= 300 { break }
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "ingest finished before it could be killed")
        let partial = Self.count(store) ?? 0
        #expect(partial < total)
        let check = try CLI.run(["articles", "--store", store, "--limit", "1"])
        #expect(check.status == 0)
        let again = try CLI.run(["ingest", data, "--store", store])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("\(total - partial) new articles"), "\(again.stdout)")
        #expect(Self.count(store) == total)
    }

    @Test("SIGKILL during a story update leaves stories and the saved engine state consistent; a rerun finishes the work")
    func killDuringStoryUpdate() throws {
        let folder = try CLI.temporaryFolder()
        let store = (folder as NSString).appendingPathComponent("s.sqlite")
        // Lexical clustering only (no encoder), so that thousands of articles are quick to place.
        let lexical = ["ISNAD_MODELS": (folder as NSString).appendingPathComponent("no-models")]
        let topics = ["flood relief in the northern valley", "the port strike at the container terminal", "wheat prices at the grain exchange",
                      "the measles vaccination campaign", "repairs to the old railway bridge", "the fishing quota dispute"]
        func batch(_ name: String, _ range: Range<Int>) throws -> String {
            let path = (folder as NSString).appendingPathComponent(name)
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            for i in range {
                let topic = topics[i % topics.count]
                let text = "Update \(i) on \(topic)\n\nOfficials gave new figures on \(topic) today, saying \(i % 97) teams were at work and "
                    + "\(i % 13) districts had asked for more help, while residents described the situation around \(topic) as difficult "
                    + "and local volunteers organised shelters, food and transport for the families affected in district \(i % 41)."
                try text.write(toFile: (path as NSString).appendingPathComponent(String(format: "n%05d.txt", i)), atomically: false, encoding: .utf8)
            }
            return path
        }
        let first = try batch("first", 0..<1_500), second = try batch("second", 1_500..<4_000)
        #expect(try CLI.run(["ingest", first, "--store", store], environment: lexical).status == 0)
        let before = try Self.storyMembership(store)
        #expect(before.count == 1_500)
        // Store the second batch, then kill the story update at growing delays.
        #expect(try CLI.run(["ingest", second, "--store", store, "--no-stories"], environment: lexical).status == 0)
        var killedMidway = 0
        for delay in [0.3, 0.6, 1.0, 1.5, 2.5] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLI.binary)
            process.arguments = ["recluster", "--store", store]
            process.environment = ProcessInfo.processInfo.environment.merging(lexical) { $1 }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal { killedMidway += 1 }
            try Self.expectConsistent(store)
        }
        #expect(killedMidway > 0, "every recluster finished before it could be killed")
        // The next ingest places what is left; nothing is duplicated, no story is lost.
        let rerun = try CLI.run(["ingest", second, "--store", store], environment: lexical)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        try Self.expectConsistent(store)
        let after = try Self.storyMembership(store)
        #expect(after.count == 4_000)
        for id in Set(before.values) { #expect(try CLI.run(["story", String(id), "--store", store]).status == 0) }
    }

    @Test("a store of the previous version (stories, no saved engine state) keeps its story numbers from then on")
    func upgradeKeepsNumbers() throws {
        let folder = try CLI.temporaryFolder()
        let store = (folder as NSString).appendingPathComponent("s.sqlite")
        #expect(try CLI.run(["ingest", CLI.seeds, "--store", store]).status == 0)
        // What the previous version left: its own story number (7), no engine state, no copy window.
        try CLI.sqlite(store, """
            INSERT INTO stories (id, title, language, languages, outlets, independentSources, articleCount) VALUES (7, 'old', 'ar', '[]', '[]', 5, 5);
            UPDATE storyArticles SET storyID = 7; DELETE FROM stories WHERE id = 1;
            DELETE FROM storyEngineState; DELETE FROM copyWindow; DELETE FROM copyBands; DELETE FROM storyTermCounts;
            """)
        let extra = (folder as NSString).appendingPathComponent("extra.txt")
        try "Market report\n\nThe grain exchange closed higher on Tuesday as traders weighed the harvest forecast, the port backlog, "
            .appending("the cost of fuel and the new export quotas announced by the ministry for the coming season.")
            .write(toFile: extra, atomically: true, encoding: .utf8)
        let next = try CLI.run(["ingest", extra, "--store", store])
        #expect(next.status == 0 && next.stdout.contains("replayed"), "\(next.stdout)")
        let list = try CLI.run(["stories", "--store", store]).stdout
        #expect(list.contains("\n7 ") || list.contains("│ 7 ") || list.split(separator: "\n").contains { $0.hasPrefix("7 ") || $0.contains(" 7 ") }, "\(list)")
        #expect(try CLI.run(["story", "7", "--store", store]).stdout.contains("story 7: "))
        #expect(try Self.storyMembership(store).values.filter { $0 == 7 }.count == 5)
    }

    @Test("two ingests into one store at once wait for each other; nothing is lost or corrupted")
    func concurrentIngests() throws {
        let folder = try CLI.temporaryFolder()
        let store = (folder as NSString).appendingPathComponent("s.sqlite")
        let lexical = ["ISNAD_MODELS": (folder as NSString).appendingPathComponent("no-models")]
        var processes: [Process] = []
        for part in ["east", "west"] {
            let path = (folder as NSString).appendingPathComponent(part)
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            for i in 0..<800 {
                let text = "Bulletin \(part) \(i)\n\nThe \(part)ern district office reported \(i) requests for water and \(i % 17) new shelters "
                    + "today, and said the convoys due on day \(i % 29) would bring tents, blankets and medicine for the displaced families."
                try text.write(toFile: (path as NSString).appendingPathComponent("b\(i).txt"), atomically: false, encoding: .utf8)
            }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLI.binary)
            process.arguments = ["ingest", path, "--store", store, "--batch-size", "50"]
            process.environment = ProcessInfo.processInfo.environment.merging(lexical) { $1 }
            process.standardOutput = FileHandle.nullDevice
            let errors = (folder as NSString).appendingPathComponent("\(part).err")
            FileManager.default.createFile(atPath: errors, contents: nil)
            process.standardError = FileHandle(forWritingAtPath: errors)
            processes.append(process)
        }
        for process in processes { try process.run() }
        for process in processes { process.waitUntilExit() }
        let messages = ["east", "west"].map { (try? String(contentsOfFile: (folder as NSString).appendingPathComponent("\($0).err"), encoding: .utf8)) ?? "" }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 }, "\(processes.map(\.terminationStatus)) \(messages)")
        #expect(Self.count(store) == 1_600)
        let integrity = try DatabaseQueue(path: store).read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        #expect(integrity == ["ok"])
        try Self.expectConsistent(store)
        #expect(try Self.storyMembership(store).count == 1_600)
    }

    static func storyMembership(_ store: String) throws -> [String: Int] {
        try DatabaseQueue(path: store).read { db in
            var result: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT articleID, storyID FROM storyArticles WHERE storyID IS NOT NULL") {
                result[row["articleID"]] = row["storyID"]
            }
            return result
        }
    }

    /// Stories agree with their members, and the saved engine state with the placed articles.
    static func expectConsistent(_ store: String) throws {
        try DatabaseQueue(path: store).read { db in
            let orphans = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM storyArticles m LEFT JOIN stories s ON s.id = m.storyID
                WHERE m.storyID IS NOT NULL AND (s.id IS NULL OR s.mergedInto IS NOT NULL)
                """) ?? -1
            #expect(orphans == 0)
            let wrongCounts = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM stories s WHERE s.mergedInto IS NULL
                AND s.articleCount != (SELECT COUNT(*) FROM storyArticles m WHERE m.storyID = s.id)
                """) ?? -1
            #expect(wrongCounts == 0)
            let placed = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM storyArticles") ?? -1
            let stateArticles = try Int.fetchOne(db, sql: "SELECT articles FROM storyEngineState WHERE name = 'stream'")
            #expect(stateArticles == nil || stateArticles == placed, "engine state knows \(stateArticles ?? -1) articles, \(placed) placed")
        }
    }

    /// Article count read with the sqlite3 C library through the CLI's own listing.
    static func count(_ store: String) -> Int? {
        guard FileManager.default.fileExists(atPath: store), let result = try? CLI.run(["articles", "--store", store, "--limit", "0"]),
              result.status == 0 else { return nil }
        // "0 of N articles in …"
        let words = result.stdout.split(separator: " ")
        guard let of = words.firstIndex(of: "of"), of + 1 < words.count else { return nil }
        return Int(words[of + 1])
    }
}
