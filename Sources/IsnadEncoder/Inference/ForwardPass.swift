import CIsnadKernels

/// Work buffers for one window at a time; each worker thread owns one.
final class Workspace {
    let capacity: Int
    let hidden: Int
    let x, qkv, context, projected, intermediate: UnsafeMutablePointer<Float>
    let quantized: UnsafeMutablePointer<Int8>
    let blockScales: UnsafeMutablePointer<Float>
    let blockSums: UnsafeMutablePointer<Int32>
    let attentionScratch: [UnsafeMutablePointer<Float>]

    init(_ c: E5Configuration, threads: Int) {
        capacity = c.maxPositions
        hidden = c.hidden
        let rows = capacity
        x = .allocate(capacity: rows * c.hidden)
        qkv = .allocate(capacity: rows * 3 * c.hidden)
        context = .allocate(capacity: rows * c.hidden)
        projected = .allocate(capacity: rows * c.hidden)
        intermediate = .allocate(capacity: rows * c.intermediate)
        let widest = max(c.hidden, c.intermediate)
        quantized = .allocate(capacity: rows * widest)
        blockScales = .allocate(capacity: rows * widest / 32)
        blockSums = .allocate(capacity: rows * widest / 32)
        let scratch = isk_attention_scratch(Int32(rows), Int32(c.headDimension))
        attentionScratch = (0..<max(1, threads)).map { _ in .allocate(capacity: scratch) }
    }

    deinit {
        for buffer in [x, qkv, context, projected, intermediate, blockScales] { buffer.deallocate() }
        quantized.deallocate()
        blockSums.deallocate()
        for buffer in attentionScratch { buffer.deallocate() }
    }
}

/// The transformer forward pass of one window (`<s>` … `</s>`, at most `maxPositions` tokens):
/// embeddings, post-norm encoder layers, and the mean of the final hidden states.
struct ForwardPass {
    let weights: E5Weights
    let level: isk_level

    /// Mean-pooled (not yet normalized) final hidden states of `ids`, with `threads` threads
    /// inside each kernel.
    func meanHiddenState(_ ids: [Int32], workspace w: Workspace, threads: Int) -> [Float] {
        let c = weights.configuration, h = c.hidden, rows = ids.count
        precondition(rows >= 1 && rows <= w.capacity, "window length \(rows) outside 1...\(w.capacity)")
        let blocksPerRow = h / 32
        for (t, id) in ids.enumerated() {
            let row = w.x + t * h
            isk_q4_dequant_row(weights.wordEmbeddings + Int(id) * blocksPerRow * 18, Int32(h), row)
            let position = weights.positionEmbeddings + t * h
            for i in 0..<h { row[i] += position[i] + weights.typeEmbeddings[i] }
        }
        norm(w.x, nil, rows: rows, weights.embeddingNorm, threads: threads)
        for layer in weights.layers {
            quantize(w.x, rows: rows, width: h, w, threads: threads)
            multiply(layer.qkv, rows: rows, w, into: w.qkv, threads: threads)
            let heads = c.heads, dimension = Int32(c.headDimension)
            forEachRange(heads, threads: min(threads, w.attentionScratch.count)) { part, range in
                let scratch = w.attentionScratch[part]
                isk_attention(level, w.qkv, Int32(rows), Int32(h), dimension, Int32(range.lowerBound),
                              Int32(range.upperBound), w.context, scratch)
            }
            quantize(w.context, rows: rows, width: h, w, threads: threads)
            multiply(layer.attentionOutput, rows: rows, w, into: w.projected, threads: threads)
            norm(w.x, w.projected, rows: rows, layer.attentionNorm, threads: threads)
            quantize(w.x, rows: rows, width: h, w, threads: threads)
            multiply(layer.feedForwardIn, rows: rows, w, into: w.intermediate, threads: threads)
            let count = rows * c.intermediate
            forEachRange(count / 8, threads: threads) { range in
                let end = range.upperBound == count / 8 ? count : range.upperBound * 8
                isk_gelu(level, w.intermediate + range.lowerBound * 8, end - range.lowerBound * 8)
            }
            quantize(w.intermediate, rows: rows, width: c.intermediate, w, threads: threads)
            multiply(layer.feedForwardOut, rows: rows, w, into: w.projected, threads: threads)
            norm(w.x, w.projected, rows: rows, layer.outputNorm, threads: threads)
        }
        var mean = [Float](repeating: 0, count: h)
        for t in 0..<rows {
            let row = w.x + t * h
            for i in 0..<h { mean[i] += row[i] }
        }
        let inverse = 1 / Float(rows)
        for i in 0..<h { mean[i] *= inverse }
        return mean
    }

    private func quantize(_ input: UnsafeMutablePointer<Float>, rows: Int, width: Int, _ w: Workspace, threads: Int) {
        let blocks = width / 32
        forEachRange(rows, threads: threads) { range in
            let start = range.lowerBound
            isk_q8_quantize(level, input + start * width, Int32(range.count), Int32(width),
                            w.quantized + start * width, w.blockScales + start * blocks, w.blockSums + start * blocks)
        }
    }

    private func multiply(_ matrix: UnsafeMutablePointer<isk_q4_matrix>, rows: Int, _ w: Workspace,
                          into output: UnsafeMutablePointer<Float>, threads: Int) {
        let groups = Int(matrix.pointee.nout) / 8
        forEachRange(groups, threads: threads) { range in
            isk_q4q8_matmul(level, matrix, w.quantized, w.blockScales, w.blockSums, Int32(rows),
                            Int32(range.lowerBound), Int32(range.upperBound), output)
        }
    }

    private func norm(_ x: UnsafeMutablePointer<Float>, _ y: UnsafeMutablePointer<Float>?, rows: Int,
                      _ parameters: (weight: UnsafePointer<Float>, bias: UnsafePointer<Float>), threads: Int) {
        let h = weights.configuration.hidden, epsilon = weights.configuration.layerNormEpsilon
        forEachRange(rows, threads: threads) { range in
            let start = range.lowerBound * h
            isk_add_layernorm(level, x + start, y.map { UnsafePointer($0 + start) }, Int32(range.count), Int32(h),
                              parameters.weight, parameters.bias, epsilon)
        }
    }
}
