import Foundation
import Testing
@testable import IsnadIngest

@Suite("File names that are not valid UTF-8")
struct FileNameTests {
    /// Writes `text` to a file whose name is the given bytes, inside `folder`.
    @discardableResult
    static func write(_ text: String, to folder: String, name: [UInt8]) throws -> InputPath {
        let path = InputPath(folder).appending(name)
        let fd = path.withCString { open($0, O_CREAT | O_WRONLY | O_TRUNC, 0o644) }
        guard fd >= 0 else { throw Fixtures.MissingFixture(description: "cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        #expect(bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) } == bytes.count)
        return path
    }

    /// `café.txt` as Latin-1 wrote it, and `خبر.txt` as Windows-1256 wrote it.
    static let latin1Name: [UInt8] = Array("caf".utf8) + [0xE9] + Array(".txt".utf8)
    static let cp1256Name: [UInt8] = [0xCE, 0xC8, 0xD1] + Array(".txt".utf8)

    static let arabic = "انفجار في مرفأ بيروت\n\nقالت وزارة الصحة اللبنانية إن عدد القتلى ارتفع إلى مئة وإن المستشفيات امتلأت بالجرحى.\n"
    static let french = "Explosion au port de Beyrouth\n\nLe ministère libanais de la Santé a annoncé une centaine de morts.\n"

    @Test("the display form keeps UTF-8 and writes other bytes as \\xNN")
    func displayForm() {
        #expect(InputPath(bytes: Self.latin1Name).display == "caf\\xE9.txt")
        #expect(InputPath(bytes: Self.cp1256Name).display == "\\xCE\\xC8\\xD1.txt")
        #expect(InputPath(bytes: Array("أخبار/خبر.txt".utf8)).display == "أخبار/خبر.txt")
        #expect(InputPath(bytes: Array("أخبار/".utf8) + [0xE9]).display == "أخبار/\\xE9")
        #expect(!InputPath(bytes: Self.latin1Name).isValidUTF8)
    }

    @Test("found in a folder and read, given directly and read")
    func readByBytes() throws {
        let folder = try Fixtures.temporaryFolder()
        let latin = try Self.write(Self.french, to: folder, name: Self.latin1Name)
        let arabic = try Self.write(Self.arabic, to: folder, name: Self.cp1256Name)
        let listing = InputWalker.files(in: [folder])
        #expect(listing.errors.isEmpty, "\(listing.errors)")
        #expect(Set(listing.files) == [latin, arabic])
        for (path, text) in [(latin, Self.french), (arabic, Self.arabic)] {
            let outcome = DocumentReader().read(path)
            #expect(outcome.errors.isEmpty, "\(outcome.errors)")
            #expect(outcome.documents.first?.original == text)
            #expect(outcome.documents.first?.path == path.display)
        }
        #expect(DocumentReader().read(latin).documents.first?.path.hasSuffix("/caf\\xE9.txt") == true)
        let read = BatchAnalysis().read(inputs: [latin, arabic])
        #expect(read.errors.isEmpty && read.documents.count == 2)
    }
}
