import Foundation
import IsnadText

/// Vectors already computed, on disk, keyed by the SHA-256 of the exact text encoded, so that
/// evaluations and re-clustering never encode the same lead twice. Append-only records:
/// 32 key bytes, then `dimension` little-endian floats. A torn last record is ignored.
public struct EmbeddingCache: Sendable {
    public let path: String
    public let dimension: Int
    private(set) var vectors: [String: [Float]] = [:]
    private var pending: [(String, [Float])] = []

    /// Opens (or starts) the cache file at `path`.
    public init(path: String, dimension: Int = 384) {
        self.path = path
        self.dimension = dimension
        guard let data = FileManager.default.contents(atPath: path) else { return }
        let record = 32 + 4 * dimension
        var offset = 0
        data.withUnsafeBytes { raw in
            while offset + record <= raw.count {
                let key = raw[offset..<offset + 32].map { String(format: "%02x", $0) }.joined()
                var vector = [Float](repeating: 0, count: dimension)
                for i in 0..<dimension {
                    vector[i] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 32 + 4 * i, as: UInt32.self)))
                }
                vectors[key] = vector
                offset += record
            }
        }
    }

    /// The default location: `$ISNAD_CACHE` or `~/.cache/isnad`, one file per model and lead.
    public static func defaultPath(model: String, lead: Int) -> String {
        let base = ProcessInfo.processInfo.environment["ISNAD_CACHE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? NSHomeDirectory() + "/.cache/isnad"
        return base + "/embeddings-\(model)-lead\(lead).bin"
    }

    public static func key(_ text: String) -> String { ContentHash.sha256Hex(text) }

    public func vector(for key: String) -> [Float]? { vectors[key] }

    public mutating func store(_ vector: [Float], for key: String) {
        guard vector.count == dimension, vectors[key] == nil else { return }
        vectors[key] = vector
        pending.append((key, vector))
    }

    /// Appends new vectors to the file.
    public mutating func save() throws {
        guard !pending.isEmpty else { return }
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        guard let handle = FileHandle(forWritingAtPath: path) else { throw CacheError(path: path) }
        defer { try? handle.close() }
        var data = Data()
        for (key, vector) in pending {
            var bytes: [UInt8] = []
            var index = key.startIndex
            while index < key.endIndex {
                let next = key.index(index, offsetBy: 2)
                bytes.append(UInt8(key[index..<next], radix: 16) ?? 0)
                index = next
            }
            data.append(contentsOf: bytes)
            for value in vector { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        }
        try handle.seekToEnd()
        try handle.write(contentsOf: data)
        pending = []
    }

    struct CacheError: Error, CustomStringConvertible {
        var path: String
        var description: String { "cannot write the embedding cache \(path)" }
    }
}
