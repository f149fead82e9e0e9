import Foundation
import GRDB
import IsnadText

/// The FTS5 tokenizer `isnad`: Isnad's word splitting and matching keys inside SQLite, so that
/// `مركز` finds `مرکز`, `متحدث` finds `مُتَحَدِّث`, and `كتاب‌ها` finds `کتابها`, in documents and
/// queries alike; `متحدث` also finds `المتحدث` (the article-less key is indexed at the same
/// position). Offsets reported to FTS5 are UTF-8 byte offsets, which snippets need.
///
/// Ingest computes documents' token streams in parallel beforehand (``FTSTokenStream/prepare(_:)``);
/// the tokenizer then replays them, so SQLite's single writer thread does not tokenize.
final class IsnadFTSTokenizer: FTS5CustomTokenizer {
    static let name = "isnad"

    init(db: Database, arguments: [String]) throws {}

    func tokenize(
        context: UnsafeMutableRawPointer?,
        tokenization: FTS5Tokenization,
        pText: UnsafePointer<CChar>?,
        nText: CInt,
        tokenCallback: @escaping FTS5TokenCallback
    ) -> CInt {
        guard let pText, nText > 0 else { return 0 }  // SQLITE_OK
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(pText).assumingMemoryBound(to: UInt8.self), count: Int(nText))
        let isDocument = tokenization.contains(.document)
        let stream = (isDocument ? PreparedStreams.active?.take(bytes) : nil)
            ?? FTSTokenStream(utf8: bytes, addArticleless: isDocument)
        return stream.replay { key, flags, start, end in
            key.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    tokenCallback(context, flags, chars.baseAddress, CInt(chars.count), start, end)
                }
            }
        }
    }
}

/// The tokens FTS5 receives for one text: keys as UTF-8 with byte offsets and flags.
struct FTSTokenStream: Sendable {
    var keys: [UInt8] = []
    /// Per token: end of its key in `keys`, start and end byte offsets in the text, flags.
    var entries: [(keyEnd: Int32, start: Int32, end: Int32, flags: Int32)] = []
    /// The text the stream belongs to, to verify a prepared stream before replaying it.
    var text: [UInt8] = []

    /// Scalars decoded and tokenized at a time: a long text is walked in pieces of about this
    /// many scalars, each ending after a space (no word spans one), so that the scratch arrays
    /// (8 bytes a scalar) stay small whatever the text's size.
    static let chunkScalars = 1 << 20

    /// Tokenizes UTF-8 text with Isnad's rules.
    init(utf8 bytes: UnsafeBufferPointer<UInt8>, addArticleless: Bool) {
        var scalars: [Unicode.Scalar] = []
        var offsets: [Int32] = []  // byte offset of each scalar of the piece, plus its end
        scalars.reserveCapacity(min(bytes.count, Self.chunkScalars + 256))
        offsets.reserveCapacity(min(bytes.count, Self.chunkScalars + 256) + 1)
        keys.reserveCapacity(bytes.count)
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var position: Int32 = 0
        var finished = false
        while !finished {
            scalars.removeAll(keepingCapacity: true)
            offsets.removeAll(keepingCapacity: true)
            piece: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let s):
                    scalars.append(s)
                    offsets.append(position)
                    position += Int32(UTF8.width(s))
                    if scalars.count >= Self.chunkScalars && s.properties.isWhitespace { break piece }
                case .emptyInput:
                    finished = true
                    break piece
                case .error:
                    position += 1
                }
            }
            offsets.append(finished ? Int32(bytes.count) : position)
            appendTokens(scalars, offsets, addArticleless: addArticleless)
        }
    }

    /// Appends the tokens of one piece; `offsets` are the byte offsets of its scalars in the text.
    private mutating func appendTokens(_ scalars: [Unicode.Scalar], _ offsets: [Int32], addArticleless: Bool) {
        WordTokenizer.forEachToken(in: scalars[...]) { token, start, end in
            let keyStart = keys.count
            MatchingKey.appendTokenKeyUTF8(token, to: &keys)
            guard keys.count > keyStart else { return }
            entries.append((Int32(keys.count), offsets[start], offsets[end], 0))
            let length = keys.count - keyStart
            if addArticleless, length >= 8, keys[keyStart] == 0xD8 || keys[keyStart] == 0xD9 {
                let key = String(decoding: keys[keyStart...], as: UTF8.self)
                if let bare = MatchingKey.withoutArticle(key) {
                    keys.append(contentsOf: bare.utf8)
                    entries.append((Int32(keys.count), offsets[start], offsets[end], 1))  // FTS5_TOKEN_COLOCATED
                }
            }
        }
    }

    /// Hands each token to `emit` in order; stops at the first non-zero status.
    func replay(_ emit: (ArraySlice<UInt8>, CInt, CInt, CInt) -> CInt) -> CInt {
        var keyStart = 0
        for entry in entries {
            let status = emit(keys[keyStart..<Int(entry.keyEnd)], CInt(entry.flags), CInt(entry.start), CInt(entry.end))
            if status != 0 { return status }
            keyStart = Int(entry.keyEnd)
        }
        return 0
    }

    /// The document token stream of `text`, to be replayed by the writer.
    static func prepared(_ text: String) -> FTSTokenStream {
        var copy = text
        return copy.withUTF8 { buffer -> FTSTokenStream in
            var stream = FTSTokenStream(utf8: buffer, addArticleless: true)
            stream.text = Array(buffer)
            return stream
        }
    }
}

/// The prepared token streams of one batch. The writer makes it `active` while it saves that
/// batch; the tokenizer takes streams from it and falls back to tokenizing when one is missing.
final class PreparedStreams: @unchecked Sendable {
    private var streams: [Int: [FTSTokenStream]] = [:]
    private let lock = NSLock()

    private static let activeLock = NSLock()
    nonisolated(unsafe) private static var current: PreparedStreams?

    /// The batch being written, if its streams were prepared.
    static var active: PreparedStreams? {
        get { activeLock.lock(); defer { activeLock.unlock() }; return current }
        set { activeLock.lock(); current = newValue; activeLock.unlock() }
    }

    init(_ streams: [FTSTokenStream] = []) {
        for stream in streams {
            self.streams[stream.text.withUnsafeBufferPointer(Self.hash), default: []].append(stream)
        }
    }

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return Int(truncatingIfNeeded: h)
    }

    func take(_ bytes: UnsafeBufferPointer<UInt8>) -> FTSTokenStream? {
        let key = Self.hash(bytes)
        lock.lock()
        defer { lock.unlock() }
        guard var list = streams[key],
              let index = list.firstIndex(where: { $0.text.elementsEqual(bytes) }) else { return nil }
        let stream = list.remove(at: index)
        streams[key] = list.isEmpty ? nil : list
        return stream
    }
}
