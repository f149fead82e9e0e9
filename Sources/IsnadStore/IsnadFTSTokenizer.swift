import GRDB
import IsnadText

/// The FTS5 tokenizer `isnad`: Isnad's word splitting and matching keys inside SQLite, so that
/// `مركز` finds `مرکز`, `متحدث` finds `مُتَحَدِّث`, and `كتاب‌ها` finds `کتابها`, in documents and
/// queries alike; `متحدث` also finds `المتحدث` (the article-less key is indexed at the same
/// position). Offsets reported to FTS5 are UTF-8 byte offsets, which snippets need.
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
        var scalars: [Unicode.Scalar] = []
        var offsets: [Int] = []  // byte offset of each scalar, plus the end
        scalars.reserveCapacity(bytes.count)
        offsets.reserveCapacity(bytes.count + 1)
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var position = 0
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s):
                scalars.append(s)
                offsets.append(position)
                position += UTF8.width(s)
            case .emptyInput:
                break loop
            case .error:
                position += 1
            }
        }
        offsets.append(bytes.count)
        var status: CInt = 0
        let addArticleless = tokenization.contains(.document)
        var key: [UInt8] = []
        key.reserveCapacity(64)
        WordTokenizer.forEachToken(in: scalars[...]) { token, start, end in
            guard status == 0 else { return }
            key.removeAll(keepingCapacity: true)
            MatchingKey.appendTokenKeyUTF8(token, to: &key)
            guard !key.isEmpty else { return }
            status = Self.emit(key, flags: 0, context, tokenCallback, offsets[start], offsets[end])
            if status == 0, addArticleless, key.count >= 8, key[0] == 0xD8 || key[0] == 0xD9 {
                let keyString = String(decoding: key, as: UTF8.self)
                if let bare = MatchingKey.withoutArticle(keyString) {
                    status = Self.emit(Array(bare.utf8), flags: 1 /* FTS5_TOKEN_COLOCATED */, context, tokenCallback,
                                       offsets[start], offsets[end])
                }
            }
        }
        return status
    }

    private static func emit(_ key: [UInt8], flags: CInt, _ context: UnsafeMutableRawPointer?,
                             _ callback: FTS5TokenCallback, _ start: Int, _ end: Int) -> CInt {
        key.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                callback(context, flags, chars.baseAddress, CInt(chars.count), CInt(start), CInt(end))
            }
        }
    }
}
