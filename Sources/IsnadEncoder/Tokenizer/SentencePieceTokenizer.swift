/// The XLM-RoBERTa SentencePiece-unigram tokenizer of multilingual-e5, read from the
/// vocabulary embedded in the weight file. It reproduces the reference ids exactly: the
/// file's per-code-point normalization map, space collapsing, the `▁` word marker, and a
/// Viterbi search over piece scores with a one-code-point unknown fallback.
public struct SentencePieceTokenizer: Sendable {
    /// Ids of the special tokens.
    public let bos: Int32, eos: Int32, unk: Int32
    /// Number of pieces (valid ids are `0..<pieceCount`).
    public var pieceCount: Int { scores.count }

    private let pieceOffsets: [UInt32]
    private let scores: [Float]
    private let blob: [UInt8]
    private let table: [Int32]        // open addressing: id + 1, 0 = empty
    private let tableMask: Int
    private let maxPieceBytes: Int
    private let unknownScore: Float
    private let normalizationKeys: [UInt32]
    private let normalizationStarts: [Int32]
    private let normalizationOutputs: [UInt32]
    private let asciiUnchanged: [Bool] // ASCII code points the map leaves alone

    private static let wordMarker: UInt32 = 0x2581

    init(_ vocabulary: EmbeddedVocabulary) {
        bos = Int32(vocabulary.bos); eos = Int32(vocabulary.eos); unk = Int32(vocabulary.unk)
        let pieceOffsets = vocabulary.pieceOffsets, scores = vocabulary.scores, blob = vocabulary.blob
        self.pieceOffsets = pieceOffsets
        self.scores = scores
        self.blob = blob
        normalizationKeys = vocabulary.normalizationKeys
        normalizationStarts = vocabulary.normalizationStarts
        normalizationOutputs = vocabulary.normalizationOutputs
        var capacity = 1
        while capacity < 2 * scores.count { capacity <<= 1 }
        var table = [Int32](repeating: 0, count: capacity)
        var longest = 0
        let mask = capacity - 1
        blob.withUnsafeBufferPointer { bytes in
            for id in 0..<scores.count where id != vocabulary.unk {
                let start = Int(pieceOffsets[id]), end = Int(pieceOffsets[id + 1])
                longest = max(longest, end - start)
                var hash = Self.fnvOffset
                for index in start..<end { hash = (hash ^ UInt64(bytes[index])) &* Self.fnvPrime }
                var slot = Int(truncatingIfNeeded: hash) & mask
                while table[slot] != 0 { slot = (slot + 1) & mask }
                table[slot] = Int32(id + 1)
            }
        }
        self.table = table
        tableMask = mask
        maxPieceBytes = longest
        unknownScore = (scores.min() ?? 0) - 10
        var unchanged = [Bool](repeating: true, count: 128)
        for key in vocabulary.normalizationKeys where key < 128 { unchanged[Int(key)] = false }
        asciiUnchanged = unchanged
    }

    private static let fnvOffset: UInt64 = 14_695_981_039_346_656_037
    private static let fnvPrime: UInt64 = 1_099_511_628_211

    /// The piece text of an id (with `▁` for word starts), for display and debugging.
    public func piece(_ id: Int32) -> String {
        guard id >= 0, Int(id) < scores.count else { return "<invalid>" }
        return String(decoding: blob[Int(pieceOffsets[Int(id)])..<Int(pieceOffsets[Int(id) + 1])], as: UTF8.self)
    }

    /// Tokenizes `prefix + text` as the reference does, tracing tokens back into `text`.
    public func tokenize(_ text: String, prefix: String = "") -> Tokenization {
        var points: [UInt32] = [], sources: [Int32] = []
        points.reserveCapacity(prefix.unicodeScalars.count + text.unicodeScalars.count + 1)
        sources.reserveCapacity(points.capacity)
        for scalar in prefix.unicodeScalars { normalize(scalar.value, source: -1, into: &points, &sources) }
        var index: Int32 = 0
        for scalar in text.unicodeScalars {
            normalize(scalar.value, source: index, into: &points, &sources)
            index += 1
        }
        // Runs of spaces collapse to one; then every space becomes the word marker, and one
        // is prepended unless the text already starts with a space.
        var chars: [UInt32] = [], charSources: [Int32] = []
        chars.reserveCapacity(points.count + 1)
        charSources.reserveCapacity(points.count + 1)
        if points.first != 0x20 {
            chars.append(Self.wordMarker)
            charSources.append(sources.first ?? 0)
        }
        for (offset, point) in points.enumerated() {
            if point == 0x20, offset > 0, points[offset - 1] == 0x20 { continue }
            chars.append(point == 0x20 ? Self.wordMarker : point)
            charSources.append(sources[offset])
        }
        return viterbi(chars, charSources)
    }

    private func normalize(_ point: UInt32, source: Int32, into points: inout [UInt32], _ sources: inout [Int32]) {
        if point == 0 { return } // NUL ends a C string in the reference; here it is dropped
        if point < 128, asciiUnchanged[Int(point)] {
            points.append(point); sources.append(source); return
        }
        var low = 0, high = normalizationKeys.count - 1
        while low <= high {
            let middle = (low + high) >> 1
            let key = normalizationKeys[middle]
            if key == point {
                for output in Int(normalizationStarts[middle])..<Int(normalizationStarts[middle + 1]) {
                    points.append(normalizationOutputs[output]); sources.append(source)
                }
                return
            }
            if key < point { low = middle + 1 } else { high = middle - 1 }
        }
        points.append(point); sources.append(source)
    }

    private func viterbi(_ chars: [UInt32], _ charSources: [Int32]) -> Tokenization {
        var bytes: [UInt8] = [], starts: [Int] = []
        bytes.reserveCapacity(chars.count * 3)
        starts.reserveCapacity(chars.count + 1)
        for char in chars {
            starts.append(bytes.count)
            appendUTF8(char, to: &bytes)
        }
        starts.append(bytes.count)
        let count = chars.count
        var best = [Float](repeating: -1e30, count: count + 1)
        var piece = [Int32](repeating: -1, count: count + 1)
        var from = [Int32](repeating: 0, count: count + 1)
        best[0] = 0
        bytes.withUnsafeBufferPointer { text in
            blob.withUnsafeBufferPointer { blob in
                table.withUnsafeBufferPointer { table in
                    for i in 0..<count where best[i] > -1e29 {
                        let begin = starts[i]
                        var hash = Self.fnvOffset
                        var hashed = begin
                        var end = i + 1
                        while end <= count {
                            let stop = starts[end]
                            if stop - begin > maxPieceBytes { break }
                            while hashed < stop { hash = (hash ^ UInt64(text[hashed])) &* Self.fnvPrime; hashed += 1 }
                            if let id = lookup(hash, text, begin, stop - begin, table, blob) {
                                let score = best[i] + scores[id]
                                if score > best[end] { best[end] = score; piece[end] = Int32(id); from[end] = Int32(i) }
                            }
                            end += 1
                        }
                        let unknown = best[i] + unknownScore
                        if unknown > best[i + 1] { best[i + 1] = unknown; piece[i + 1] = -1; from[i + 1] = Int32(i) }
                    }
                }
            }
        }
        var ids: [Int32] = [], sourceStarts: [Int32] = [], wordStarts: [Bool] = []
        var position = count
        while position > 0 {
            let start = Int(from[position])
            ids.append(piece[position] < 0 ? unk : piece[position])
            sourceStarts.append(charSources[start])
            wordStarts.append(chars[start] == Self.wordMarker)
            position = start
        }
        return Tokenization(ids: ids.reversed(), sourceStarts: sourceStarts.reversed(), wordStarts: wordStarts.reversed())
    }

    @inline(__always)
    private func lookup(_ hash: UInt64, _ text: UnsafeBufferPointer<UInt8>, _ begin: Int, _ length: Int,
                        _ table: UnsafeBufferPointer<Int32>, _ blob: UnsafeBufferPointer<UInt8>) -> Int? {
        var slot = Int(truncatingIfNeeded: hash) & tableMask
        while true {
            let entry = table[slot]
            if entry == 0 { return nil }
            let id = Int(entry - 1)
            let start = Int(pieceOffsets[id])
            if Int(pieceOffsets[id + 1]) - start == length {
                var same = true
                for k in 0..<length where blob[start + k] != text[begin + k] { same = false; break }
                if same { return id }
            }
            slot = (slot + 1) & tableMask
        }
    }

    private func appendUTF8(_ point: UInt32, to bytes: inout [UInt8]) {
        switch point {
        case 0..<0x80:
            bytes.append(UInt8(point))
        case 0x80..<0x800:
            bytes.append(UInt8(0xC0 | (point >> 6))); bytes.append(UInt8(0x80 | (point & 0x3F)))
        case 0x800..<0x10000:
            bytes.append(UInt8(0xE0 | (point >> 12))); bytes.append(UInt8(0x80 | ((point >> 6) & 0x3F)))
            bytes.append(UInt8(0x80 | (point & 0x3F)))
        default:
            bytes.append(UInt8(0xF0 | (point >> 18))); bytes.append(UInt8(0x80 | ((point >> 12) & 0x3F)))
            bytes.append(UInt8(0x80 | ((point >> 6) & 0x3F))); bytes.append(UInt8(0x80 | (point & 0x3F)))
        }
    }
}
