import Foundation
import IsnadText

/// Reads `.html`/`.htm` pages: decodes (meta charset first), extracts the main text with
/// ``HTMLExtractor``, and composes the article's original as title and blocks.
public enum HTMLReader {
    /// One page as a raw document (errors name `path`); `group` is its learned-furniture group.
    public static func read(bytes: [UInt8], path: String, group: String) throws(IngestError) -> RawDocument {
        let declared = charset(in: bytes)
        // UTF-8 input goes to libxml2 as it is (minus a BOM); other encodings as re-encoded text.
        let (encoding, text) = try TextDecoder.detect(bytes, path: path, declared: declared)
        let utf8 = text.map { Array($0.utf8) } ?? (bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes)
        guard let page = HTMLExtractor().extract(utf8: utf8) else {
            throw IngestError(path: path, kind: .malformed, message: "HTML could not be parsed")
        }
        guard !page.blocks.isEmpty else {
            throw IngestError(path: path, kind: .noText, message: "HTML page has no main text (only markup or page furniture)")
        }
        let title = page.title ?? ""
        let original = ([title] + page.blocks).filter { !$0.isEmpty }.joined(separator: "\n\n")
        let date = PublishedField.read(page.publishedCandidates, languageHint: page.language, text: original, path: path)
        let hints = DocumentHints(title: title.isEmpty ? nil : title, outlet: page.outlet, url: page.url,
                                  published: date.published, language: page.language)
        var document = RawDocument(path: path, format: .html, encoding: encoding, original: original, hints: hints,
                                   markupBlocksRemoved: page.droppedBlocks, group: page.outlet ?? group)
        if let note = date.note { document.notes.append(note) }
        return document
    }

    /// The charset an HTML page declares in its first 4 KB (`<meta charset>` or http-equiv).
    static func charset(in bytes: [UInt8]) -> TextEncoding? {
        let head = bytes.prefix(4096).map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }
        let needle = Array("charset=".utf8)
        guard let at = (0..<max(0, head.count - needle.count)).first(where: { head[$0] == 0x63 && head[$0..<($0 + needle.count)].elementsEqual(needle) })
        else { return nil }
        var label = ""
        for b in head[(at + needle.count)...].drop(while: { $0 == 0x22 || $0 == 0x27 || $0 == 0x20 }) {
            let c = Character(Unicode.Scalar(b))
            if c.isLetter || c.isNumber || c == "-" || c == "_" { label.append(c) } else { break }
        }
        return TextEncoding(label: label)
    }
}

/// Reads plain text: the decoded file is the original; its first non-empty line is the title.
enum PlainTextReader {
    static func read(bytes: [UInt8], path: String, group: String) throws(IngestError) -> RawDocument {
        let decoded = try TextDecoder.decode(bytes, path: path)
        guard decoded.text.unicodeScalars.contains(where: { WordTokenizer.isWordScalar($0) }) else {
            throw IngestError(path: path, kind: .noText, message: "file has no words (only whitespace or symbols)")
        }
        if let control = controlCharacterRatio(decoded.text), control > 0.05 {
            throw IngestError(path: path, kind: .binary, message: String(format: "%.0f%% control characters: binary data, not text", control * 100))
        }
        return RawDocument(path: path, format: .text, encoding: decoded.encoding, original: decoded.text, group: group)
    }

    static func controlCharacterRatio(_ text: String) -> Double? {
        var controls = 0
        var total = 0
        for s in text.unicodeScalars {
            total += 1
            if s.value < 0x20 && s.value != 0x09 && s.value != 0x0A && s.value != 0x0D && s.value != 0x0C { controls += 1 }
        }
        return total == 0 ? nil : Double(controls) / Double(total)
    }
}
