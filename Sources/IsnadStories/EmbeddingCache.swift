import Foundation
import IsnadText

/// The embedding cache could not be used; the message names the file and the cause.
public struct EmbeddingCacheError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}

/// Vectors already computed, on disk, keyed by the SHA-256 of the exact text encoded, so that
/// evaluations and re-clustering never encode the same lead twice. One file per model — named by
/// the SHA-256 of its weight file (``ModelDigest``), so vectors of different `--model` files
/// never mix — and lead length, of append-only records: 32 key bytes, then `dimension`
/// little-endian floats.
///
/// Processes share a file safely: appending holds an exclusive `flock` on `<file>.lock` and
/// loading a shared one, so records never interleave (a second writer waits for the first). A
/// record torn by a killed writer is ignored on load, everything before it kept and the repair
/// described in ``recovery``; the next save cuts it off before appending.
public struct EmbeddingCache: Sendable {
    public let path: String
    public let dimension: Int
    /// What loading found wrong and how it was repaired, for the user; nil when the file was sound.
    public private(set) var recovery: String?
    private(set) var vectors: [String: [Float]] = [:]
    private var pending: [(String, [Float])] = []

    private var recordSize: Int { 32 + 4 * dimension }

    /// Opens (or starts) the cache file at `path`.
    public init(path: String, dimension: Int = 384) {
        self.path = path
        self.dimension = dimension
        let contents = try? CacheLock.holding(path + ".lock", exclusive: false) { FileManager.default.contents(atPath: path) }
        guard let data = contents ?? nil else { return }
        let record = recordSize
        let whole = data.count / record
        data.withUnsafeBytes { raw in
            for index in 0..<whole {
                let offset = index * record
                let key = ContentHash.hex(raw[offset..<offset + 32])
                var vector = [Float](repeating: 0, count: dimension)
                for i in 0..<dimension {
                    vector[i] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 32 + 4 * i, as: UInt32.self)))
                }
                vectors[key] = vector
            }
        }
        if whole * record < data.count {
            recovery = "\(path): ignored a torn last record (\(data.count - whole * record) bytes after \(whole) whole "
                + "records; a writer was interrupted). The \(whole) vectors before it are kept and the torn bytes are "
                + "removed at the next save."
        }
    }

    /// The cache folder: `$ISNAD_CACHE`, else `~/.cache/isnad`.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        environment["ISNAD_CACHE"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory() + "/.cache/isnad"
    }

    /// The cache of vectors that the weights in `modelFile` give for leads of `lead` tokens, in
    /// `directory`: the file is named by the weights' SHA-256, computed once per file version.
    public static func forModel(file modelFile: String, lead: Int,
                                directory: String = defaultDirectory()) throws(EmbeddingCacheError) -> EmbeddingCache {
        let digest = try ModelDigest.sha256(ofFile: modelFile, cacheDirectory: directory)
        return EmbeddingCache(path: (directory as NSString).appendingPathComponent("embeddings-\(digest.prefix(16))-lead\(lead).bin"))
    }

    /// The cache key of an encoded text: its SHA-256.
    public static func key(_ text: String) -> String { ContentHash.sha256Hex(text) }

    /// The cached vector for `key`, if any.
    public func vector(for key: String) -> [Float]? { vectors[key] }

    /// Remembers a vector; it is written by the next ``save()``.
    public mutating func store(_ vector: [Float], for key: String) {
        guard vector.count == dimension, vectors[key] == nil else { return }
        vectors[key] = vector
        pending.append((key, vector))
    }

    /// Appends the vectors stored since the last save to the file, holding its lock.
    public mutating func save() throws(EmbeddingCacheError) {
        guard !pending.isEmpty else { return }
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw EmbeddingCacheError(path: folder, message: "cannot create the cache folder: \(error)")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(pending.count * recordSize)
        for (key, vector) in pending {
            var index = key.startIndex
            while index < key.endIndex {
                let next = key.index(index, offsetBy: 2)
                bytes.append(UInt8(key[index..<next], radix: 16) ?? 0)
                index = next
            }
            for value in vector { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
        }
        let (path, record) = (path, recordSize)
        try CacheLock.holding(path + ".lock", exclusive: true) { () throws(EmbeddingCacheError) in
            let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw Self.failure(path, "cannot open the cache for writing") }
            defer { close(fd) }
            // Another process may have appended since we loaded; a torn record is cut off so
            // that the new records stay aligned.
            let end = lseek(fd, 0, SEEK_END)
            guard end >= 0 else { throw Self.failure(path, "cannot read the cache's size") }
            var offset = end / off_t(record) * off_t(record)
            if offset != end, ftruncate(fd, offset) != 0 { throw Self.failure(path, "cannot cut off a torn record") }
            var written = 0
            while written < bytes.count {
                let count = bytes[written...].withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, offset) }
                if count < 0 {
                    if errno == EINTR { continue }
                    throw Self.failure(path, "cannot append to the cache")
                }
                written += count
                offset += off_t(count)
            }
        }
        pending = []
    }

    private static func failure(_ path: String, _ what: String) -> EmbeddingCacheError {
        EmbeddingCacheError(path: path, message: "\(what) (\(String(cString: strerror(errno)))); "
            + "check the folder's permissions and free space, or point $ISNAD_CACHE elsewhere")
    }
}
