import Foundation
import IsnadText

/// The SHA-256 of a model file, which names the vectors it produces. Hashing 70 MB of weights
/// takes a moment (most of a minute in a debug build), so each digest is computed once per
/// version of the file — its size and modification time — and remembered: next to the file
/// (`<model>.sha256`, also written by `make models`), or in the cache folder when the model's
/// folder is read-only.
public enum ModelDigest {
    /// The lowercase hex SHA-256 of the file at `path`, from a memo when one was made for the
    /// file's current size and modification time.
    public static func sha256(ofFile path: String,
                              cacheDirectory: String = EmbeddingCache.defaultDirectory()) throws(EmbeddingCacheError) -> String {
        let canonical = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        var info = stat()
        guard stat(canonical, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw EmbeddingCacheError(path: path, message: "cannot read the model file (\(String(cString: strerror(errno))))")
        }
        let nanoseconds = String(info.st_mtim.tv_nsec)
        let version = "\(info.st_size)\t\(info.st_mtim.tv_sec)." + String(repeating: "0", count: max(0, 9 - nanoseconds.count)) + nanoseconds
        let memos = [canonical + ".sha256",
                     (cacheDirectory as NSString).appendingPathComponent("model-digests/\(ContentHash.sha256Hex(canonical).prefix(32)).txt")]
        for memo in memos {
            if let digest = remembered(memo, version: version) { return digest }
        }
        let digest = try hash(canonical)
        // A memo only saves time: where none can be written, the digest is computed again next time.
        let line = Data((version + "\t" + digest + "\n").utf8)
        for memo in memos {
            try? FileManager.default.createDirectory(atPath: (memo as NSString).deletingLastPathComponent,
                                                     withIntermediateDirectories: true)
            if (try? line.write(to: URL(fileURLWithPath: memo), options: .atomic)) != nil { break }
        }
        return digest
    }

    /// The digest in the memo at `path` (`size<TAB>mtime<TAB>sha256`) if it was made for `version`.
    private static func remembered(_ path: String, version: String) -> String? {
        guard let line = try? String(contentsOfFile: path, encoding: .utf8),
              let tab = line.lastIndex(of: "\t"), line[..<tab] == version else { return nil }
        let digest = line[line.index(after: tab)...].trimmingCharacters(in: .whitespacesAndNewlines)
        return digest.count == 64 && digest.allSatisfy(\.isHexDigit) ? digest.lowercased() : nil
    }

    private static func hash(_ path: String) throws(EmbeddingCacheError) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw EmbeddingCacheError(path: path, message: "cannot open the model file to compute its digest")
        }
        defer { try? handle.close() }
        return try ContentHash.sha256Hex { () throws(EmbeddingCacheError) -> [UInt8]? in
            do {
                guard let data = try handle.read(upToCount: 1 << 20), !data.isEmpty else { return nil }
                return [UInt8](data)
            } catch {
                throw EmbeddingCacheError(path: path, message: "cannot read the model file: \(error)")
            }
        }
    }
}
