import Foundation
import Testing
@testable import IsnadIngest

@Suite("gzip: every member, nothing dropped")
struct GzipTests {
    /// `text` compressed by the system's gzip, as one member.
    static func gzip(_ text: String) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
        process.arguments = ["-c", "-n"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Array(data)
    }

    static let records = [
        #"{"title": "انفجار في مرفأ بيروت", "text": "قالت وزارة الصحة اللبنانية إن عدد القتلى ارتفع إلى مئة.", "published": "2020-08-04"}"#,
        #"{"title": "انفجار در بندر بیروت", "text": "وزارت بهداشت لبنان اعلام کرد شمار کشته‌ها به صد نفر رسید.", "published": "2020-08-05"}"#,
        #"{"title": "Blast at Beirut port", "text": "Lebanon's health ministry said the death toll rose to one hundred.", "published": "2020-08-05"}"#,
    ]

    @Test("`cat a.gz b.gz c.gz` of JSONL: all three records are read")
    func concatenatedMembers() throws {
        let folder = try Fixtures.temporaryFolder()
        let bytes = try Self.records.map { try Self.gzip($0 + "\n") }.flatMap { $0 }
        let outcome = DocumentReader().read(path: try Fixtures.write(bytes, to: folder, "crawl.jsonl.gz"))
        #expect(outcome.errors.isEmpty, "\(outcome.errors)")
        #expect(outcome.documents.map(\.hints.title) == ["انفجار في مرفأ بيروت", "انفجار در بندر بیروت", "Blast at Beirut port"])
    }

    @Test("a text split across two members is read whole; zero padding after the last is ignored")
    func splitText() throws {
        let folder = try Fixtures.temporaryFolder()
        let first = "انفجار ضخم يهز مرفأ بيروت\n\nقالت وزارة الصحة اللبنانية إن عدد الضحايا ارتفع.\n"
        let second = "وأضافت الوزارة أن فرق الإنقاذ ما زالت تبحث عن مفقودين تحت الأنقاض.\n"
        let bytes = try Self.gzip(first) + Self.gzip(second) + [UInt8](repeating: 0, count: 512)
        let outcome = DocumentReader().read(path: try Fixtures.write(bytes, to: folder, "beirut.txt.gz"))
        #expect(outcome.errors.isEmpty, "\(outcome.errors)")
        #expect(outcome.documents.first?.original == first + second)
    }

    @Test("data after the last member that is not gzip is an error at its byte offset")
    func trailingGarbage() throws {
        let folder = try Fixtures.temporaryFolder()
        let member = try Self.gzip("Blast at Beirut port\n\nThe toll rose to one hundred.\n")
        let outcome = DocumentReader().read(path: try Fixtures.write(member + Array("<html>".utf8), to: folder, "page.txt.gz"))
        let error = try #require(outcome.errors.first)
        #expect(error.kind == .malformed)
        #expect(error.byteOffset == member.count)
        #expect(error.message.contains("not another gzip member"))
    }

    @Test("a truncated second member is an error at that member, not silently cut")
    func truncatedSecondMember() throws {
        let folder = try Fixtures.temporaryFolder()
        let first = try Self.gzip("Blast at Beirut port\n\nThe toll rose to one hundred.\n")
        let second = try Self.gzip("Rescue teams are still searching the rubble near the port for the missing.\n")
        let outcome = DocumentReader().read(path: try Fixtures.write(first + second.prefix(second.count - 6), to: folder, "cut.txt.gz"))
        #expect(outcome.errors.first?.kind == .malformed)
        #expect((outcome.errors.first?.byteOffset ?? 0) >= first.count)
    }

    @Test("the size limit counts every member")
    func limitOverMembers() throws {
        let folder = try Fixtures.temporaryFolder()
        let block = String(repeating: "The river rose again overnight in Basra. ", count: 400)  // ~16 KB
        let bytes = try (0..<4).map { _ in try Self.gzip(block) }.flatMap { $0 }
        let outcome = DocumentReader(maxFileSize: 40_000).read(path: try Fixtures.write(bytes, to: folder, "big.txt.gz"))
        #expect(outcome.errors.first?.kind == .tooLarge)
    }
}
