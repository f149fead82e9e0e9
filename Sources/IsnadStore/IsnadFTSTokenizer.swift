import GRDB
import IsnadText

/// The FTS5 tokenizer `isnad`: Isnad's word splitting and matching keys inside SQLite, so that
/// `مركز` finds `مرکز`, `متحدث` finds `مُتَحَدِّث`, and `كتاب‌ها` finds `کتابها`, in documents and
/// queries alike. Offsets reported to FTS5 are UTF-8 byte offsets, which snippets need.
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
        WordTokenizer.forEachToken(in: scalars) { token, start, end in
            guard status == 0 else { return }
            var key = String.UnicodeScalarView()
            for s in token { MatchingKey.appendFolded(s, to: &key) }
            guard !key.isEmpty else { return }
            var keyString = String(key)
            status = keyString.withUTF8 { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    tokenCallback(context, 0, chars.baseAddress, CInt(chars.count), CInt(offsets[start]), CInt(offsets[end]))
                }
            }
        }
        return status
    }
}
