import Foundation
import Testing
@testable import IsnadIngest

@Suite("Bad input: each gets a specific error, the rest goes on")
struct BadInputTests {
    @Test("empty file")
    func empty() throws {
        let folder = try Fixtures.temporaryFolder()
        let outcome = DocumentReader().read(path: try Fixtures.write("", to: folder, "empty.txt"))
        #expect(outcome.errors.first?.kind == .empty)
        let blank = DocumentReader().read(path: try Fixtures.write(" \n\u{00A0}\n", to: folder, "blank.txt"))
        #expect(blank.errors.first?.kind == .noText)
    }

    @Test("binary files with a text extension")
    func binary() throws {
        let folder = try Fixtures.temporaryFolder()
        let pdf = DocumentReader().read(path: try Fixtures.write(Array("%PDF-1.4\n".utf8) + [0xE2, 0xE3, 0xCF, 0xD3], to: folder, "report.txt"))
        #expect(pdf.errors.first?.kind == .binary)
        #expect(pdf.errors.first?.message.contains("PDF") == true)
        let png = DocumentReader().read(path: try Fixtures.write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0], to: folder, "photo.html"))
        #expect(png.errors.first?.kind == .binary)
        let zip = DocumentReader().read(path: try Fixtures.write([0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0], to: folder, "archive.csv"))
        #expect(zip.errors.first?.kind == .binary)
    }

    @Test("a 200 MB file is refused by the size limit without being read")
    func huge() throws {
        let folder = try Fixtures.temporaryFolder()
        let path = (folder as NSString).appendingPathComponent("dump.txt")
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 200 << 20)  // sparse: no disk, no time
        try handle.close()
        let outcome = DocumentReader().read(path: path)
        let error = try #require(outcome.errors.first)
        #expect(error.kind == .tooLarge)
        #expect(error.message.contains("200 MiB"))
        #expect(error.message.contains("--max-file-size"))
        // The limit is configurable.
        let small = DocumentReader(maxFileSize: 1 << 10).read(path: try Fixtures.write(String(repeating: "word ", count: 400), to: folder, "2k.txt"))
        #expect(small.errors.first?.kind == .tooLarge)
    }

    @Test("unreadable file, missing path, unsupported type")
    func unreadable() throws {
        let folder = try Fixtures.temporaryFolder()
        let link = (folder as NSString).appendingPathComponent("gone.txt")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/nonexistent/isnad/target.txt")
        let dir = (folder as NSString).appendingPathComponent("folder.txt")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        #expect(DocumentReader().read(path: link).errors.first?.kind == .unreadable)
        #expect(DocumentReader().read(path: dir).errors.first?.kind == .unreadable)
        let listing = InputWalker.files(in: [(folder as NSString).appendingPathComponent("missing"), link])
        #expect(listing.errors.map(\.kind) == [.notFound, .unreadable])
        #expect(DocumentReader().read(path: try Fixtures.write("x", to: folder, "notes.docx")).errors.first?.kind == .unsupported)
    }

    @Test("folders: recursive, hidden files skipped, unsupported files reported as skipped")
    func folders() throws {
        let folder = try Fixtures.temporaryFolder()
        let sub = (folder as NSString).appendingPathComponent("2024/april")
        try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: true)
        try Fixtures.write("Title\n\nBody text of the report.", to: sub, "a.txt")
        try Fixtures.write("hidden", to: folder, ".secret.txt")
        try Fixtures.write("image", to: folder, "photo.jpg")
        let listing = InputWalker.files(in: [folder])
        #expect(listing.files.map { ($0.display as NSString).lastPathComponent } == ["a.txt"])
        #expect(listing.skipped.count == 1)
        #expect(listing.errors.isEmpty)
    }

    @Test("corrupt gzip and control-character noise")
    func corrupt() throws {
        let folder = try Fixtures.temporaryFolder()
        let gz = DocumentReader().read(path: try Fixtures.write([0x1F, 0x8B, 0x08, 0x00, 0x01, 0x02], to: folder, "page.html.gz"))
        #expect(gz.errors.first?.kind == .malformed)
        let noise = String(repeating: "\u{01}\u{02}a\u{03}", count: 50)
        #expect(DocumentReader().read(path: try Fixtures.write(noise, to: folder, "noise.txt")).errors.first?.kind == .binary)
    }
}
