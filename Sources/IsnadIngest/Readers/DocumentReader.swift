import Foundation
import IsnadText

/// Documents read from one input, and the problems met (each naming its file and place).
public struct ReadOutcome: Sendable {
    public var documents: [RawDocument] = []
    public var errors: [IngestError] = []
    /// Unsupported files met inside folders: reported, not failures.
    public var skipped: [IngestError] = []
    /// Problems that did not stop a document (a publication date dropped): reported, not failures.
    public var notes: [IngestError] = []
    public init() {}
}

/// Reads any supported file into documents. One bad file or record never stops the others.
public struct DocumentReader: Sendable {
    /// Files larger than this are refused with a clear error (default 64 MiB). News articles and
    /// feeds are far smaller; a larger file is almost always a dump or a mistake.
    public var maxFileSize: Int

    public static let defaultMaxFileSize = 64 << 20

    public init(maxFileSize: Int = DocumentReader.defaultMaxFileSize) {
        self.maxFileSize = maxFileSize
    }

    /// The format a path's extension selects, or nil for unsupported files.
    public static func format(of path: String) -> SourceFormat? {
        var name = path as NSString
        if name.pathExtension.lowercased() == "gz" { name = name.deletingPathExtension as NSString }
        switch name.pathExtension.lowercased() {
        case "txt", "text": return .text
        case "html", "htm", "xhtml": return .html
        case "jsonl", "ndjson": return .jsonl
        case "csv": return .csv
        case "rss", "xml", "rdf": return .rss
        case "atom": return .atom
        default: return nil
        }
    }

    /// Reads one file.
    public func read(path: String) -> ReadOutcome {
        read(InputPath(path))
    }

    /// Reads one file given as the file system's bytes (its name need not be valid UTF-8);
    /// documents and errors carry its display form.
    public func read(_ input: InputPath) -> ReadOutcome {
        var outcome = ReadOutcome()
        let path = input.display
        do throws(IngestError) {
            var bytes = try load(input)
            if path.lowercased().hasSuffix(".gz") {
                guard Gzip.isGzip(bytes) else {
                    throw IngestError(path: path, kind: .malformed, message: "named .gz but not gzip data", byteOffset: 0)
                }
                bytes = try Gzip.decompress(bytes, path: path, limit: maxFileSize)
            }
            let group = (path as NSString).deletingLastPathComponent
            switch Self.format(of: path) {
            case .text: outcome.documents.append(try PlainTextReader.read(bytes: bytes, path: path, group: group))
            case .html: outcome.documents.append(try HTMLReader.read(bytes: bytes, path: path, group: group))
            case .jsonl: outcome = try JSONLReader.read(bytes: bytes, path: path, group: group)
            case .csv: outcome = try CSVReader.read(bytes: bytes, path: path, group: group)
            case .rss, .atom: outcome = try FeedReader.read(bytes: bytes, path: path, group: group)
            case nil:
                throw IngestError(path: path, kind: .unsupported,
                                  message: "unsupported file type (supported: .txt .html .htm .jsonl .csv .rss .xml .atom, optionally .gz)")
            }
        } catch {
            outcome.errors.append(error)
        }
        // Text that was mojibake before it reached Isnad, whatever the format.
        for index in outcome.documents.indices { MojibakeRepair.apply(to: &outcome.documents[index]) }
        for index in outcome.documents.indices where !outcome.documents[index].notes.isEmpty {
            outcome.notes += outcome.documents[index].notes
            outcome.documents[index].notes = []
        }
        return outcome
    }

    /// Reads a file's bytes after checking it exists, is a regular readable file and is not too large.
    func load(_ input: InputPath) throws(IngestError) -> [UInt8] {
        let path = input.display
        var info = stat()
        guard input.withCString({ stat($0, &info) }) == 0 else {
            let reason = String(cString: strerror(errno))
            var linkInfo = stat()
            if input.withCString({ lstat($0, &linkInfo) }) == 0 {
                throw IngestError(path: path, kind: .unreadable, message: "cannot open (broken link?): \(reason)")
            }
            throw IngestError(path: path, kind: .notFound, message: "no such file or folder")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw IngestError(path: path, kind: .unreadable, message: "not a regular file")
        }
        let size = Int(info.st_size)
        if size > maxFileSize {
            throw IngestError(path: path, kind: .tooLarge,
                              message: "file is \(ByteSize.describe(size)), over the \(ByteSize.describe(maxFileSize)) limit (raise it with --max-file-size)")
        }
        if size == 0 { throw IngestError(path: path, kind: .empty, message: "empty file") }
        let fd = input.withCString { open($0, O_RDONLY) }
        guard fd >= 0 else {
            throw IngestError(path: path, kind: .unreadable, message: "cannot read: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let n = bytes.withUnsafeMutableBytes { buffer in
                guard let base = buffer.baseAddress else { return 0 }
                return Foundation.read(fd, base + filled, size - filled)
            }
            if n < 0 {
                throw IngestError(path: path, kind: .unreadable, message: "read failed: \(String(cString: strerror(errno)))", byteOffset: filled)
            }
            if n == 0 { break }
            filled += n
        }
        if filled < size { bytes.removeLast(size - filled) }
        return bytes
    }
}

/// Sizes in messages: whole MiB when at least 1 MiB, else KiB or bytes, so that a small limit
/// never reads as "0 MiB".
enum ByteSize {
    static func describe(_ bytes: Int) -> String {
        if bytes >= 1 << 20 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}
