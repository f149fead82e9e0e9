import Foundation
import Testing

extension CLI {
    /// Runs `isnad` with a deadline: a command still running after `seconds` is killed and
    /// reported as status -1, so that a hang fails the test instead of stalling the suite.
    static func run(_ arguments: [String], within seconds: Double, in directory: String? = nil) throws -> Result {
        let scratch = try temporaryFolder()
        let outPath = (scratch as NSString).appendingPathComponent("out")
        let errPath = (scratch as NSString).appendingPathComponent("err")
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
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
}
