import Foundation
import IsnadIngest

/// A trained name tagger: a weight per (feature, tag) and per tag transition, read by
/// ``NameTagger``. Trained by ``NameTaggerTrainer`` from CoNLL files; `make models` builds one
/// per language from `../shared` when it is present (the data's licences forbid shipping them).
public struct NameTaggerModel: Sendable {
    /// The file layout's version; another version is refused with a message to rebuild.
    public static let fileVersion: UInt32 = 1
    static let magic = Array("ISNADNER".utf8)

    /// Language the model was trained for (`ar`, `fa`, `en`).
    public var language: String
    /// Tags in index order, `O` first (`B-PER`, `I-PER`, …).
    public var tags: [String]
    /// Row of each known feature in `weights`.
    var rows: [UInt64: Int32]
    /// `tags.count` weights per feature row.
    var weights: [Float]
    /// Transition weights: row 0 is the sentence start, row `p + 1` follows tag `p`.
    var transitions: [Float]

    /// Number of features with weights.
    public var featureCount: Int { rows.count }

    /// Where `make models` puts the model of `language`: `$ISNAD_MODELS/ner/LANG.bin`.
    public static func defaultPath(language: String) -> String {
        (ModelDirectory.path as NSString).appendingPathComponent("ner/\(language).bin")
    }

    /// The model file's bytes (little-endian): magic, version, feature version, language, tags, feature keys,
    /// weights, transitions.
    public func encoded() -> Data {
        var data = Data(Self.magic)
        func put<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        func put(_ text: String) { put(UInt32(text.utf8.count)); data.append(contentsOf: Array(text.utf8)) }
        put(Self.fileVersion)
        put(NameTagFeatures.version)
        put(language)
        put(UInt32(tags.count))
        for tag in tags { put(tag) }
        let ordered = rows.sorted { $0.value < $1.value }
        put(UInt32(ordered.count))
        for (key, _) in ordered { put(key) }
        for (_, row) in ordered {
            let base = Int(row) * tags.count
            for t in 0..<tags.count { put(weights[base + t].bitPattern) }
        }
        for value in transitions { put(value.bitPattern) }
        return data
    }

    /// Writes the model to `path` (atomically).
    public func write(to path: String) throws(NameResourceError) {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            try encoded().write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw NameResourceError(path: path, problem: "cannot write the name tagger: \(error.localizedDescription)")
        }
    }

    /// Reads a model file; a missing, truncated or foreign file is a ``NameResourceError``.
    public static func load(path: String) throws(NameResourceError) -> NameTaggerModel {
        try NameResourceError.requireFile(path, naming: "name tagger model")
        guard let data = FileManager.default.contents(atPath: path) else {
            throw NameResourceError(path: path, problem: "the name tagger model cannot be read")
        }
        do { return try decode(Array(data)) } catch let problem as ModelFileProblem {
            throw NameResourceError(path: path, problem: "not a usable name tagger model (\(problem.message)); rebuild it with `make models`")
        } catch {
            throw NameResourceError(path: path, problem: "not a usable name tagger model")
        }
    }

    private struct ModelFileProblem: Error { var message: String }

    private static func decode(_ bytes: [UInt8]) throws -> NameTaggerModel {
        var offset = 0
        func take(_ count: Int) throws -> ArraySlice<UInt8> {
            guard count >= 0, offset + count <= bytes.count else { throw ModelFileProblem(message: "ends at byte \(bytes.count)") }
            defer { offset += count }
            return bytes[offset..<(offset + count)]
        }
        func integer<T: FixedWidthInteger>(_: T.Type) throws -> T {
            let slice = try take(MemoryLayout<T>.size)
            return slice.reversed().reduce(T(0)) { ($0 << 8) | T($1) }
        }
        func text() throws -> String {
            let count = Int(try integer(UInt32.self))
            guard count <= 1 << 16, let value = String(validating: try take(count), as: UTF8.self) else {
                throw ModelFileProblem(message: "bad text at byte \(offset)")
            }
            return value
        }
        guard Array(try take(magic.count)) == magic else { throw ModelFileProblem(message: "wrong magic bytes") }
        let version = try integer(UInt32.self)
        guard version == fileVersion else { throw ModelFileProblem(message: "file version \(version), this build reads \(fileVersion)") }
        let features = try integer(UInt32.self)
        guard features == NameTagFeatures.version else {
            throw ModelFileProblem(message: "trained on features of version \(features), this build computes version \(NameTagFeatures.version)")
        }
        let language = try text()
        let tagCount = Int(try integer(UInt32.self))
        guard (1...64).contains(tagCount) else { throw ModelFileProblem(message: "\(tagCount) tags") }
        let tags = try (0..<tagCount).map { _ in try text() }
        guard tags.first == "O" else { throw ModelFileProblem(message: "the first tag is not O") }
        let featureCount = Int(try integer(UInt32.self))
        guard featureCount * (8 + 4 * tagCount) <= bytes.count - offset else { throw ModelFileProblem(message: "\(featureCount) features do not fit the file") }
        var rows: [UInt64: Int32] = [:]
        rows.reserveCapacity(featureCount)
        for row in 0..<featureCount { rows[try integer(UInt64.self)] = Int32(row) }
        let weights = try (0..<(featureCount * tagCount)).map { _ in Float(bitPattern: try integer(UInt32.self)) }
        let transitions = try (0..<((tagCount + 1) * tagCount)).map { _ in Float(bitPattern: try integer(UInt32.self)) }
        guard offset == bytes.count else { throw ModelFileProblem(message: "\(bytes.count - offset) bytes after the end") }
        return NameTaggerModel(language: language, tags: tags, rows: rows, weights: weights, transitions: transitions)
    }
}
