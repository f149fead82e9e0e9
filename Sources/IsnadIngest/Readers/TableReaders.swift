import Foundation
import IsnadText

/// Field names accepted in JSONL and CSV inputs, first match wins.
enum TableFields {
    static let title = ["title", "headline"]
    static let text = ["text", "body", "content", "maintext", "article", "description"]
    static let url = ["url", "link"]
    static let outlet = ["outlet", "source", "site", "publisher", "source_domain"]
    static let published = ["published", "date", "date_publish", "pubdate", "published_at", "datetime"]
    static let language = ["language", "lang"]

    static func pick(_ names: [String], _ lookup: (String) -> String?) -> String? {
        for name in names {
            if let value = lookup(name)?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty { return value }
        }
        return nil
    }

    /// Builds the document of one record, or explains why the record is unusable.
    static func document(path: String, item: Int, format: SourceFormat, encoding: TextEncoding, group: String,
                         line: Int, _ lookup: (String) -> String?) -> Result<RawDocument, IngestError> {
        let title = pick(Self.title, lookup)
        guard let body = pick(text, lookup) else {
            return .failure(IngestError(path: path, kind: .noText,
                                        message: "record has no text field (one of: \(text.joined(separator: ", ")))", line: line))
        }
        let original = [title ?? "", body].filter { !$0.isEmpty }.joined(separator: "\n\n")
        let language = pick(language, lookup)
        let date = PublishedField.read(pick(published, lookup).map { [$0] } ?? [], languageHint: language, text: original,
                                       path: path, line: line)
        let hints = DocumentHints(title: title, outlet: pick(outlet, lookup), url: pick(url, lookup),
                                  published: date.published, language: language)
        var document = RawDocument(path: path, item: item, format: format, encoding: encoding, original: original,
                                   hints: hints, group: hints.outlet ?? group)
        if let note = date.note { document.notes.append(note) }
        return .success(document)
    }
}

/// Reads JSON Lines: one JSON object per line; a bad line is reported with its number and
/// the other lines are kept.
enum JSONLReader {
    static func read(bytes: [UInt8], path: String, group: String) throws(IngestError) -> ReadOutcome {
        let decoded = try TextDecoder.decode(bytes, path: path)
        var outcome = ReadOutcome()
        var item = 0
        for (index, line) in decoded.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { continue }
            guard let data = trimmed.data(using: .utf8),
                  let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
                outcome.errors.append(IngestError(path: path, kind: .malformed, message: "line is not a JSON object", line: index + 1))
                continue
            }
            let lookup: (String) -> String? = { key in
                if let s = object[key] as? String { return s }
                if let n = object[key] as? NSNumber { return n.stringValue }
                return nil
            }
            switch TableFields.document(path: path, item: item, format: .jsonl, encoding: decoded.encoding, group: group,
                                        line: index + 1, lookup) {
            case .success(let doc): outcome.documents.append(doc)
            case .failure(let error): outcome.errors.append(error)
            }
            item += 1
        }
        return outcome
    }
}

/// Reads CSV (RFC 4180: quoted fields may hold commas, quotes and line breaks) with a header row.
public enum CSVReader {
    static func read(bytes: [UInt8], path: String, group: String) throws(IngestError) -> ReadOutcome {
        let decoded = try TextDecoder.decode(bytes, path: path)
        let (rows, error) = parse(decoded.text)
        var outcome = ReadOutcome()
        guard let header = rows.first?.fields.map({ $0.lowercased().trimmingCharacters(in: .whitespaces) }) else {
            throw IngestError(path: path, kind: .empty, message: "CSV has no header row")
        }
        if let error { outcome.errors.append(IngestError(path: path, kind: .malformed, message: error.message, line: error.line)) }
        for (index, row) in rows.dropFirst().enumerated() {
            if row.fields.count == 1 && row.fields[0].isEmpty { continue }
            if row.fields.count != header.count {
                outcome.errors.append(IngestError(path: path, kind: .malformed,
                                                  message: "row has \(row.fields.count) fields, header has \(header.count)", line: row.line))
                continue
            }
            let lookup: (String) -> String? = { key in header.firstIndex(of: key).map { row.fields[$0] } }
            switch TableFields.document(path: path, item: index, format: .csv, encoding: decoded.encoding, group: group,
                                        line: row.line, lookup) {
            case .success(let doc): outcome.documents.append(doc)
            case .failure(let error): outcome.errors.append(error)
            }
        }
        return outcome
    }

    /// One CSV record and the line it starts on.
    public struct Row: Sendable { public var fields: [String]; public var line: Int }

    /// Parses CSV text; on an unterminated quote, returns the rows before it and the error.
    public static func parse(_ text: String) -> ([Row], (line: Int, message: String)?) {
        var rows: [Row] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var inQuotes = false
        var line = 1
        var rowLine = 1
        var quoteLine = 1
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return iterator.next()
        }
        while let c = next() {
            if inQuotes {
                if c == "\"" {
                    if let n = next() {
                        if n == "\"" { field.append("\"") } else { inQuotes = false; pending = n }
                    } else { inQuotes = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty:
                inQuotes = true
                quoteLine = line
            case ",":
                fields.append(String(field)); field = String.UnicodeScalarView()
            case "\r":
                continue
            case "\n":
                fields.append(String(field)); field = String.UnicodeScalarView()
                rows.append(Row(fields: fields, line: rowLine)); fields = []
                line += 1
                rowLine = line
            default:
                field.append(c)
            }
        }
        if inQuotes { return (rows, (quoteLine, "unterminated quoted field (opened here); the rest of the file was skipped")) }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(String(field))
            rows.append(Row(fields: fields, line: rowLine))
        }
        return (rows, nil)
    }
}
