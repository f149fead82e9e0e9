import Foundation
import Testing
@testable import IsnadIngest

@Suite("Decoding")
struct DecodingTests {
    let arabic = "قال المتحدث باسم مركز المصالحة إن الطرفين بحثا خروج المسلحين من الغوطة الشرقية."
    let persian = "سخنگوی مرکز گفت گروه دوم نیروهای مسلح از گذرگاه الوافدین خارج شدند."

    @Test("UTF-8 with and without BOM; NBSP and CRLF kept as decoded")
    func utf8() throws {
        let text = "عنوان\r\n\r\nنص\u{00A0}الخبر"
        let plain = try TextDecoder.decode(Array(text.utf8), path: "a.txt")
        #expect(plain.text == text && plain.encoding == .utf8)
        let bom = try TextDecoder.decode([0xEF, 0xBB, 0xBF] + Array(text.utf8), path: "b.txt")
        #expect(bom.text == text)
    }

    @Test("UTF-16 LE and BE with BOM")
    func utf16() throws {
        let le: [UInt8] = [0xFF, 0xFE] + persian.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let be: [UInt8] = [0xFE, 0xFF] + persian.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(try TextDecoder.decode(le, path: "le.txt").text == persian)
        #expect(try TextDecoder.decode(be, path: "be.txt").encoding == .utf16BE)
        #expect(try TextDecoder.decode(be, path: "be.txt").text == persian)
        #expect(throws: IngestError.self) { try TextDecoder.decode(Array(le.dropLast()), path: "odd.txt") }
    }

    @Test("Windows-1256, ISO-8859-6 and Windows-1252 are told apart")
    func legacy() throws {
        let cp1256 = try TextDecoder.decode(try Fixtures.legacy(arabic, encoding: .windows1256), path: "w.txt")
        #expect(cp1256.encoding == .windows1256 && cp1256.text == arabic)
        let iso = try TextDecoder.decode(try Fixtures.legacy(arabic, encoding: .iso8859_6), path: "i.txt")
        #expect(iso.encoding == .iso8859_6 && iso.text == arabic)
        let french = "Le président a déclaré à Genève que l'accord était « très fragile » après l'été."
        let latin = try TextDecoder.decode(try Fixtures.legacy(french, encoding: .windows1252), path: "f.txt")
        #expect(latin.encoding == .windows1252 && latin.text == french)
        let persianLegacy = try TextDecoder.decode(try Fixtures.legacy("گزارش کامل پژوهش در باره چرخه گندم", encoding: .windows1256), path: "p.txt")
        #expect(persianLegacy.encoding == .windows1256)
    }

    @Test("truncated UTF-8 is an error naming the file and byte offset, not mojibake")
    func truncated() {
        // Drop the final period and the second byte of the last letter (ة).
        let bytes = Array(arabic.utf8.dropLast(2))
        do {
            _ = try TextDecoder.decode(bytes, path: "news/cut.txt")
            Issue.record("truncated UTF-8 decoded silently")
        } catch {
            #expect(error.kind == .invalidEncoding)
            #expect(error.path == "news/cut.txt")
            #expect(error.byteOffset == bytes.count - 1)
            #expect(error.description.contains("news/cut.txt"))
            #expect(error.description.contains("byte \(bytes.count - 1)"))
        }
    }

    @Test("a damaged byte in the middle of UTF-8 is reported where it is")
    func damaged() {
        var bytes = Array(arabic.utf8)
        bytes[20] = 0xFF
        #expect {
            try TextDecoder.decode(bytes, path: "x.txt")
        } throws: { error in
            (error as? IngestError)?.byteOffset == 20 || (error as? IngestError)?.byteOffset == 19
        }
    }

    static let binarySamples: [String: [UInt8]] = [
        "PDF": Array("%PDF-1.7\n".utf8) + [0xE2, 0xE3, 0xCF, 0xD3],
        "PNG": [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
        "ZIP": [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00],
    ]

    @Test("binary formats are refused by name", arguments: ["PDF", "PNG", "ZIP"])
    func binary(name: String) throws {
        let bytes = try #require(Self.binarySamples[name])
        #expect {
            try TextDecoder.decode(bytes, path: "file.bin")
        } throws: { error in
            guard let error = error as? IngestError else { return false }
            return error.kind == .binary && error.message.contains(name)
        }
    }

    @Test("NUL bytes mean binary or BOM-less UTF-16")
    func nul() {
        let bytes: [UInt8] = Array("hello".utf8) + [0, 0x41, 0]
        #expect(throws: IngestError.self) { try TextDecoder.decode(bytes, path: "n.txt") }
    }
}
