import Foundation
import IsnadText
import Testing
@testable import IsnadStore

@Suite("Full-text token streams of long texts")
struct FTSStreamTests {
    @Test("a text walked in pieces gives the tokens of the whole text, with exact byte offsets")
    func pieces() throws {
        let sentence = "والمتحدث باسم وزارة الصحة قال إن ٢٤ مدنيا خرجوا؛ سخنگوی مرکز گفت کتاب‌ها رسید. The toll rose to 1,200.5 people. "
        let text = String(repeating: sentence, count: (FTSTokenStream.chunkScalars * 5 / 2) / sentence.unicodeScalars.count)
        let stream = FTSTokenStream.prepared(text)
        // Reference: the whole text tokenized at once.
        let scalars = Array(text.unicodeScalars)
        var offsets: [Int32] = []
        var position: Int32 = 0
        for s in scalars {
            offsets.append(position)
            position += Int32(UTF8.width(s))
        }
        offsets.append(position)
        var keys: [UInt8] = []
        var entries: [(Int32, Int32, Int32, Int32)] = []
        WordTokenizer.forEachToken(in: scalars[...]) { token, start, end in
            let keyStart = keys.count
            MatchingKey.appendTokenKeyUTF8(token, to: &keys)
            guard keys.count > keyStart else { return }
            entries.append((Int32(keys.count), offsets[start], offsets[end], 0))
            if keys.count - keyStart >= 8, keys[keyStart] == 0xD8 || keys[keyStart] == 0xD9,
               let bare = MatchingKey.withoutArticle(String(decoding: keys[keyStart...], as: UTF8.self)) {
                keys.append(contentsOf: bare.utf8)
                entries.append((Int32(keys.count), offsets[start], offsets[end], 1))
            }
        }
        #expect(scalars.count > 2 * FTSTokenStream.chunkScalars)
        #expect(stream.keys == keys)
        #expect(stream.entries.count == entries.count)
        #expect(zip(stream.entries, entries).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 && $0.2 == $1.2 && $0.3 == $1.3 })
    }
}
