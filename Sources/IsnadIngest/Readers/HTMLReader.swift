import Foundation
import IsnadText

/// Reads `.html`/`.htm` pages: decodes (meta charset first), extracts the main text with
/// ``HTMLExtractor``, and composes the article's original as title and blocks.
enum HTMLReader {
    static func read(bytes: [UInt8], path: String, group: String) throws(IngestError) -> RawDocument {
        let declared = charset(in: bytes)
        let decoded = try TextDecoder.decode(bytes, path: path, declared: declared)
        guard let page = HTMLExtractor().extract(utf8: Array(decoded.text.utf8)) else {
            throw IngestError(path: path, kind: .malformed, message: "HTML could not be parsed")
        }
        guard !page.blocks.isEmpty else {
            throw IngestError(path: path, kind: .noText, message: "HTML page has no main text (only markup or page furniture)")
        }
        let title = page.title ?? ""
        let original = ([title] + page.blocks).filter { !$0.isEmpty }.joined(separator: "\n\n")
        let hints = DocumentHints(title: title.isEmpty ? nil : title, outlet: page.outlet, url: page.url,
                                  published: page.published, language: page.language)
        return RawDocument(path: path, format: .html, encoding: decoded.encoding, original: original, hints: hints,
                           markupBlocksRemoved: page.droppedBlocks, group: page.outlet ?? group)
    }

    /// The charset an HTML page declares in its first 4 KB (`<meta charset>` or http-equiv).
    static func charset(in bytes: [UInt8]) -> TextEncoding? {
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self).lowercased()
        guard let range = head.range(of: "charset=") else { return nil }
        var label = ""
        for c in head[range.upperBound...].drop(while: { $0 == "\"" || $0 == "'" || $0 == " " }) {
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
