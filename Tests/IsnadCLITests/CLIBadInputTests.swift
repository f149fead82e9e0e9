import Foundation
import IsnadIngest
import Testing

extension CLI {
    /// Runs `isnad` with a deadline: a command still running after `seconds` is killed and
    /// reported as status -1, so that a hang fails the test instead of stalling the suite.
    static func run(_ arguments: [String], within seconds: Double, in directory: String? = nil,
                    executable: String = binary) throws -> Result {
        let scratch = try temporaryFolder()
        let outPath = (scratch as NSString).appendingPathComponent("out")
        let errPath = (scratch as NSString).appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["ISNAD_CACHE": vectorCache]) { $1 }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        try process.run()
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        var status: Int32 = -1
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        } else {
            status = process.terminationStatus
        }
        let out = FileManager.default.contents(atPath: outPath) ?? Data()
        let err = FileManager.default.contents(atPath: errPath) ?? Data()
        return Result(status: status, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }
}

@Suite("Command line: bad input", .serialized)
struct CLIBadInputTests {
    static let report = "انفجار ضخم يهز مرفأ بيروت\n\nقالت وزارة الصحة اللبنانية إن عدد ضحايا الانفجار الذي وقع في مرفأ بيروت مساء الثلاثاء ارتفع إلى مئة قتيل وأربعة آلاف جريح، فيما تواصل فرق الإنقاذ البحث عن مفقودين تحت الأنقاض في الأحياء المجاورة للمرفأ.\n"

    @Test("a folder with two links to `.`: ingest and analyze end, name the links, read the file")
    func linkLoops() throws {
        let folder = try CLI.temporaryFolder()
        let root = (folder as NSString).appendingPathComponent("L")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try Self.report.write(toFile: (root as NSString).appendingPathComponent("a.txt"), atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: (root as NSString).appendingPathComponent("x"), withDestinationPath: ".")
        try FileManager.default.createSymbolicLink(atPath: (root as NSString).appendingPathComponent("y"), withDestinationPath: ".")
        let store = (folder as NSString).appendingPathComponent("s.sqlite")
        let ingest = try CLI.run(["ingest", root, "--store", store, "--no-stories"], within: 60)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(ingest.stdout.contains("1 new articles"), "\(ingest.stdout)")
        #expect(ingest.stderr.contains("note: \(root)/x: not read again"), "\(ingest.stderr)")
        #expect(ingest.stderr.contains("note: \(root)/y: not read again"), "\(ingest.stderr)")
        let analyze = try CLI.run(["analyze", root, "--until", "analyze"], within: 60)
        #expect(analyze.status == 0, "\(analyze.stderr)")
        #expect(analyze.stderr.contains("\(root)/x: not read again"), "\(analyze.stderr)")
        #expect(analyze.stdout.contains("انفجار ضخم"), "\(analyze.stdout)")
    }

    @Test("file names that are not UTF-8: read when given directly and when found in a folder")
    func nonUTF8Names() throws {
        let folder = try CLI.temporaryFolder()
        let news = (folder as NSString).appendingPathComponent("news")
        try FileManager.default.createDirectory(atPath: news, withIntermediateDirectories: true)
        // café.txt as Latin-1 wrote it (in the folder); خبر.txt as Windows-1256 wrote it (given directly).
        try Self.create(Self.report, at: InputPath(news).appending(Array("caf".utf8) + [0xE9] + Array(".txt".utf8)))
        let persian = "انفجار در بندر بیروت\n\nوزارت بهداشت لبنان اعلام کرد شمار کشته‌های انفجار بندر بیروت به صد نفر رسید و هزاران نفر زخمی شدند.\n"
        try Self.create(persian, at: InputPath(folder).appending([0xCE, 0xC8, 0xD1] + Array(".txt".utf8)))
        let store = (folder as NSString).appendingPathComponent("s.sqlite")
        // The shell passes the name's bytes as they are; Swift strings cannot hold them.
        let script = #"exec "$0" ingest "$1" "$(printf '%s/\316\310\321.txt' "$2")" --store "$3" --no-stories"#
        let ingest = try CLI.run(["-c", script, CLI.binary, news, folder, store], within: 60, executable: "/bin/sh")
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(ingest.stdout.contains("2 new articles"), "\(ingest.stdout)")
        let listed = try CLI.run(["articles", "--store", store], within: 60)
        #expect(listed.stdout.contains("2 of 2 articles"), "\(listed.stdout)")
        let analyze = try CLI.run(["-c", #"exec "$0" analyze "$(printf '%s/\316\310\321.txt' "$1")" --until decode"#, CLI.binary, folder],
                                  within: 60, executable: "/bin/sh")
        #expect(analyze.status == 0, "\(analyze.stderr)")
        #expect(analyze.stdout.contains("\\xCE\\xC8\\xD1.txt"), "\(analyze.stdout)")
    }

    static func create(_ text: String, at path: InputPath) throws {
        let fd = path.withCString { open($0, O_CREAT | O_WRONLY | O_TRUNC, 0o644) }
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }

    @Test("search: a 5,000-word query is a usage error stating the limit, at once")
    func hugeSearch() throws {
        let folder = try CLI.temporaryFolder()
        let store = (folder as NSString).appendingPathComponent("s.sqlite")
        let ingest = try CLI.run(["ingest", CLI.seeds, "--store", store, "--no-stories"], within: 120)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let words = (0..<5_000).map { ["مرکز", "آشتی", "روسیه", "غوطه", "مدنیان"][$0 % 5] }
        let search = try CLI.run(["search"] + words + ["--store", store], within: 20)
        #expect(search.status == 2, "\(search.stdout) \(search.stderr)")
        #expect(search.stderr.contains("give at most 64 words"), "\(search.stderr)")
        let fine = try CLI.run(["search", "مرکز", "آشتی", "--store", store], within: 20)
        #expect(fine.status == 0 && fine.stdout.contains("hits"), "\(fine.stderr)")
    }

    @Test("numeric options are checked alike by every command: range stated, usage error, no overflow")
    func optionRanges() throws {
        let folder = try CLI.temporaryFolder()
        let store = (folder as NSString).appendingPathComponent("s.sqlite")
        let threadsMessage = "--threads must be between 1 and 256 (threads), got 0"
        for command in [["ingest", CLI.seeds, "--store", store], ["analyze", CLI.seeds], ["embed", CLI.seeds],
                        ["similarity", CLI.seeds], ["recluster", "--store", store]] {
            let result = try CLI.run(command + ["--threads", "0"], within: 60)
            #expect(result.status == 2, "\(command[0]) accepted --threads 0")
            #expect(result.stderr.contains(threadsMessage), "\(command[0]): \(result.stderr)")
        }
        for size in ["9223372036854775807", "4097", "0", "-1"] {
            for command in [["ingest", CLI.seeds, "--store", store], ["analyze", CLI.seeds]] {
                let result = try CLI.run(command + ["--max-file-size=\(size)"], within: 60)  // `=`: "-1" is not an option
                #expect(result.status == 2, "\(command[0]) accepted --max-file-size \(size)")
                #expect(result.stderr.contains("--max-file-size must be between 1 and 4096 (MiB), got \(size)"), "\(command[0]): \(result.stderr)")
            }
        }
        let limit = try CLI.run(["articles", "--store", store, "--limit=-5"], within: 60)
        #expect(limit.status == 2 && limit.stderr.contains("--limit must be between 0 and 1000000 (articles), got -5"), "\(limit.stderr)")
        let batch = try CLI.run(["ingest", CLI.seeds, "--store", store, "--batch-size", "0"], within: 60)
        #expect(batch.status == 2 && batch.stderr.contains("--batch-size must be between 1 and 100000 (files), got 0"), "\(batch.stderr)")
        let lead = try CLI.run(["embed", CLI.seeds, "--lead", "2"], within: 60)
        #expect(lead.status == 2 && lead.stderr.contains("--lead must be between 3 and 100000 (tokens), got 2"), "\(lead.stderr)")
        // The largest allowed limit works.
        let big = try CLI.run(["ingest", CLI.seeds, "--store", store, "--max-file-size", "4096", "--no-stories", "--threads", "1"], within: 120)
        #expect(big.status == 0, "\(big.stderr)")
    }

    @Test("dates: a Solar Hijri date is converted, an impossible one dropped with a note; ingest succeeds")
    func dates() throws {
        let folder = try CLI.temporaryFolder()
        let lines = [
            #"{"title": "انفجار در بندر بیروت", "text": "وزارت بهداشت لبنان اعلام کرد شمار کشته‌های انفجار بندر بیروت به صد نفر رسید و هزاران نفر زخمی شدند.", "published": "۱۳۹۹/۰۵/۱۴"}"#,
            #"{"title": "Blast at Beirut port", "text": "Lebanon's health ministry said the death toll from the blast at Beirut port rose to one hundred.", "published": "9999-12-31"}"#,
        ]
        let data = (folder as NSString).appendingPathComponent("dates.jsonl")
        try lines.joined(separator: "\n").write(toFile: data, atomically: false, encoding: .utf8)
        let store = (folder as NSString).appendingPathComponent("s.sqlite")
        let ingest = try CLI.run(["ingest", data, "--store", store, "--no-stories"], within: 60)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(ingest.stdout.contains("2 new articles"))
        #expect(ingest.stderr.contains("note: \(data):2: publication date '9999-12-31' dropped (the article is kept)"), "\(ingest.stderr)")
        let listed = try CLI.run(["articles", "--store", store], within: 60)
        #expect(listed.stdout.contains("2020-08-04"), "\(listed.stdout)")
        #expect(!listed.stdout.contains("9999") && !listed.stdout.contains("1399"), "\(listed.stdout)")
    }

    @Test("read commands on a store another user may only read: they work and leave no -wal/-shm (run as nobody)")
    func readOnlyStore() throws {
        let folder = try CLI.temporaryFolder()
        let store = (folder as NSString).appendingPathComponent("s.sqlite")
        let ingest = try CLI.run(["ingest", CLI.seeds, "--store", store], within: 300)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        // stories and story refuse a missing store instead of creating an empty one.
        let missing = (folder as NSString).appendingPathComponent("none.sqlite")
        for command in [["stories"], ["story", "1"]] {
            let result = try CLI.run(command + ["--store", missing], within: 60)
            #expect(result.status == 1 && result.stderr.contains("isnad ingest"), "\(command[0]): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: missing), "\(command[0]) created a store")
        }
        // Permissions bind only another user: as root, run the readers as nobody.
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return }
        // Ingest closed the store cleanly: nothing but the store file.
        try #require(!FileManager.default.fileExists(atPath: store + "-wal"), "ingest left a -wal file")
        let readers: [[String]] = [["articles"], ["search", "مرکز"], ["stories"], ["story", "1"]]
        func asNobody(_ command: [String]) throws -> CLI.Result {
            try CLI.run(["--reuid=65534", "--regid=65534", "--clear-groups", CLI.binary] + command + ["--store", store],
                        within: 60, executable: "/usr/bin/setpriv")
        }
        // 1. A store 0444 in a folder 0555.
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: store)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder)
        for command in readers {
            let result = try asNobody(command)
            #expect(result.status == 0, "\(command[0]) as nobody: \(result.stderr)")
        }
        // 2. A folder anyone may write: a reader must not leave -wal/-shm owned by itself.
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: folder)
        for command in readers {
            let result = try asNobody(command)
            #expect(result.status == 0, "\(command[0]) as nobody: \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: store + "-wal") && !FileManager.default.fileExists(atPath: store + "-shm"),
                    "\(command[0]) left -wal/-shm")
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder)
    }
}
