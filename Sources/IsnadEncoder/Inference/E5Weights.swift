import CIsnadKernels

/// The encoder's weights, repacked once at load time into the kernels' layout. Q, K and V of
/// each layer become one 1152-row matrix so that a single pass over the activations yields all
/// three. Immutable after init, hence safe to share between threads.
final class E5Weights: @unchecked Sendable {
    struct Layer {
        var qkv: UnsafeMutablePointer<isk_q4_matrix>
        var attentionOutput: UnsafeMutablePointer<isk_q4_matrix>
        var feedForwardIn: UnsafeMutablePointer<isk_q4_matrix>
        var feedForwardOut: UnsafeMutablePointer<isk_q4_matrix>
        var attentionNorm: (weight: UnsafePointer<Float>, bias: UnsafePointer<Float>)
        var outputNorm: (weight: UnsafePointer<Float>, bias: UnsafePointer<Float>)
    }

    let file: E5ModelFile
    let configuration: E5Configuration
    let wordEmbeddings: UnsafePointer<UInt8>
    let positionEmbeddings: UnsafePointer<Float>
    let typeEmbeddings: UnsafePointer<Float>
    let embeddingNorm: (weight: UnsafePointer<Float>, bias: UnsafePointer<Float>)
    private(set) var layers: [Layer] = []
    private var matrices: [UnsafeMutablePointer<isk_q4_matrix>] = []
    private var ownedBiases: [UnsafeMutablePointer<Float>] = []

    init(_ file: E5ModelFile) throws(EncoderError) {
        let c = file.configuration
        self.file = file
        configuration = c
        wordEmbeddings = try file.quantized("emb.word", rows: c.vocabulary, columns: c.hidden)
        positionEmbeddings = try file.floats("emb.pos", count: c.maxPositions * c.hidden)
        typeEmbeddings = try file.floats("emb.type", count: c.typeVocabulary * c.hidden)
        embeddingNorm = (try file.floats("emb.ln.w", count: c.hidden), try file.floats("emb.ln.b", count: c.hidden))
        for index in 0..<c.layers {
            let name = "l\(index)."
            let h = c.hidden, ff = c.intermediate
            let qkvBias = UnsafeMutablePointer<Float>.allocate(capacity: 3 * h)
            ownedBiases.append(qkvBias)
            var qkvBlocks: [UInt8] = []
            qkvBlocks.reserveCapacity(3 * h * h / 32 * 18)
            for (part, slot) in [("q", 0), ("k", 1), ("v", 2)] {
                let blocks = try file.quantized(name + part + ".w", rows: h, columns: h)
                qkvBlocks.append(contentsOf: UnsafeBufferPointer(start: blocks, count: h * h / 32 * 18))
                let bias = try file.floats(name + part + ".b", count: h)
                (qkvBias + slot * h).update(from: bias, count: h)
            }
            let qkv = try qkvBlocks.withUnsafeBufferPointer { (blocks) throws(EncoderError) in
                try pack(blocks.baseAddress, rows: 3 * h, columns: h, bias: UnsafePointer(qkvBias), name: name + "qkv")
            }
            let layer = Layer(
                qkv: qkv,
                attentionOutput: try pack(try file.quantized(name + "ao.w", rows: h, columns: h), rows: h, columns: h,
                                          bias: try file.floats(name + "ao.b", count: h), name: name + "ao.w"),
                feedForwardIn: try pack(try file.quantized(name + "fi.w", rows: ff, columns: h), rows: ff, columns: h,
                                        bias: try file.floats(name + "fi.b", count: ff), name: name + "fi.w"),
                feedForwardOut: try pack(try file.quantized(name + "fo.w", rows: h, columns: ff), rows: h, columns: ff,
                                         bias: try file.floats(name + "fo.b", count: h), name: name + "fo.w"),
                attentionNorm: (try file.floats(name + "aln.w", count: h), try file.floats(name + "aln.b", count: h)),
                outputNorm: (try file.floats(name + "oln.w", count: h), try file.floats(name + "oln.b", count: h)))
            layers.append(layer)
        }
    }

    private func pack(_ blocks: UnsafePointer<UInt8>?, rows: Int, columns: Int, bias: UnsafePointer<Float>,
                      name: String) throws(EncoderError) -> UnsafeMutablePointer<isk_q4_matrix> {
        let matrix = UnsafeMutablePointer<isk_q4_matrix>.allocate(capacity: 1)
        guard let blocks, isk_q4_pack(blocks, Int32(rows), Int32(columns), bias, matrix) == 0 else {
            matrix.deallocate()
            throw EncoderError(.resources, "cannot prepare weight matrix \(name) (\(rows)×\(columns)): out of memory or bad shape")
        }
        matrices.append(matrix)
        return matrix
    }

    deinit {
        for matrix in matrices {
            isk_q4_free(matrix)
            matrix.deallocate()
        }
        for bias in ownedBiases { bias.deallocate() }
    }
}
