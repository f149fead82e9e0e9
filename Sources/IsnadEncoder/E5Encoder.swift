import CIsnadKernels
import Foundation

/// multilingual-e5-small (4-bit weights) run by Isnad's own code: SentencePiece tokenizer,
/// 12-layer transformer on int8×int4 kernels, mean pooling and L2 normalization. Texts longer
/// than one 512-token window are split into consecutive windows whose means are averaged,
/// weighted by their token counts, as the reference engine does.
public final class E5Encoder: SentenceEncoder, @unchecked Sendable {
    /// Which kernel family to run.
    public enum Kernels: Sendable {
        /// The fastest this CPU supports (overridable with `ISNAD_KERNELS=scalar`).
        case automatic
        /// The portable C kernels, as on a CPU without AVX2.
        case portable
    }

    /// The weight file in use (the one found when no path was given).
    public let modelPath: String
    public let tokenizer: SentencePieceTokenizer
    public let configuration: E5Configuration
    /// The text put before every input; e5 expects `query: ` (used on both sides for similarity).
    public let prefix: String
    /// Worker threads used per call.
    public let threads: Int
    /// Name of the kernel family in use ("avx2", "scalar").
    public let kernelName: String
    public var dimension: Int { configuration.hidden }
    public var name: String { "multilingual-e5-small-q4 (\(kernelName), \(threads) thread\(threads == 1 ? "" : "s"))" }

    private let weights: E5Weights
    private let level: isk_level

    /// Loads and validates the weight file; `threads` defaults to every core.
    public init(path: String? = nil, threads: Int? = nil, prefix: String = "query: ",
                kernels: Kernels = .automatic) throws(EncoderError) {
        let resolved = try ModelLocator.locate(path)
        let file = try E5ModelFile(path: resolved)
        modelPath = resolved
        configuration = file.configuration
        tokenizer = SentencePieceTokenizer(file.vocabulary)
        weights = try E5Weights(file)
        self.prefix = prefix
        self.threads = max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
        level = kernels == .portable ? ISK_SCALAR : isk_detect_level()
        kernelName = String(cString: isk_level_name(level))
    }

    /// Content tokens per window: the model's positions minus `<s>` and `</s>`.
    public var windowContent: Int { configuration.maxPositions - 2 }

    /// Tokenizes a text exactly as `embed` will (prefix included).
    public func tokenize(_ text: String) -> Tokenization {
        tokenizer.tokenize(text, prefix: prefix)
    }

    /// The text an article is encoded as: title and body on separate lines; either alone when
    /// the other is empty (no stray line break, which the model would read as a token).
    public static func articleText(title: String, body: String) -> String {
        title.isEmpty ? body : body.isEmpty ? title : title + "\n" + body
    }

    /// Title plus the start of the body, cut to at most `maxTokens` model tokens at a word boundary.
    public func lead(title: String, body: String, maxTokens: Int) -> String {
        leadWithIDs(title: title, body: body, maxTokens: maxTokens).text
    }

    /// The lead and its token ids (prefix included), from one tokenization of the text.
    ///
    /// Only the start of the text is tokenized: tokenizing costs time and memory in proportion
    /// to the text, and an article can be tens of megabytes on one line. Prefixes cut before a
    /// space are tried, growing fourfold, until one has more tokens than the lead keeps; pieces
    /// never span a space, so the words of such a prefix tokenize exactly as in the whole text.
    public func leadWithIDs(title: String, body: String, maxTokens: Int) -> (text: String, ids: ArraySlice<Int32>) {
        let text = title.isEmpty ? body : body.isEmpty ? title : title + "\n" + body
        let maxContent = max(0, maxTokens - 2)
        var window = max(4_096, maxContent * 16)
        var tokens = Tokenization(ids: [], sourceStarts: [], wordStarts: [])
        search: while true {
            switch Self.head(of: text, scalars: window) {
            case .whole:
                tokens = tokenize(text)
                break search
            case .noSpace:
                window *= 4
            case .cut(let head):
                tokens = tokenize(head)
                if tokens.ids.count > maxContent { break search }
                window *= 4
            }
        }
        let cut = tokens.cutAtWord(maxContent: maxContent)
        guard let end = cut.sourceEnd else { return (text, tokens.ids[...]) }
        return (String(String.UnicodeScalarView(text.unicodeScalars.prefix(end))), tokens.ids[..<cut.count])
    }

    /// The start of a text for ``leadWithIDs(title:body:maxTokens:)``.
    enum Head {
        /// The text has at most the scalars asked for.
        case whole
        /// The scalars asked for hold no space to cut before.
        case noSpace
        /// The text up to (not including) the last space within the scalars asked for.
        case cut(String)
    }

    static func head(of text: String, scalars limit: Int) -> Head {
        let view = text.unicodeScalars
        var index = view.startIndex
        var lastSpace: String.UnicodeScalarView.Index?
        var count = 0
        while index < view.endIndex && count < limit {
            if view[index] == " " { lastSpace = index }
            view.formIndex(after: &index)
            count += 1
        }
        guard index < view.endIndex else { return .whole }
        guard let lastSpace else { return .noSpace }
        return .cut(String(view[..<lastSpace]))
    }

    public func embed(_ texts: [String], leadTokens: Int? = nil) throws(EncoderError) -> [Embedding] {
        if let leadTokens, leadTokens < 3 {
            throw EncoderError(.invalidRequest, "a lead must allow at least 3 tokens (<s>, one token, </s>); got \(leadTokens)")
        }
        let tokenized = tokenizeAll(texts)
        var jobs: [(text: Int, ids: [Int32], weight: Float)] = []
        var meta: [(tokens: Int, encoded: Int, truncated: Bool, end: Int?)] = []
        for (index, tokens) in tokenized.enumerated() {
            var content = tokens.ids[...]
            var end: Int?
            if let leadTokens {
                let cut = tokens.cutAtWord(maxContent: leadTokens - 2)
                content = tokens.ids[..<cut.count]
                end = cut.sourceEnd
            }
            meta.append((tokens.sequenceLength, content.count + 2, end != nil, end))
            var start = content.startIndex
            repeat {
                let stop = min(start + windowContent, content.endIndex)
                let ids = [tokenizer.bos] + content[start..<stop] + [tokenizer.eos]
                jobs.append((index, ids, Float(max(1, stop - start))))
                start = stop
            } while start < content.endIndex
        }
        let means = run(jobs.map(\.ids))
        var sums = [[Float]](repeating: [Float](repeating: 0, count: dimension), count: texts.count)
        var totals = [Float](repeating: 0, count: texts.count)
        var windows = [Int](repeating: 0, count: texts.count)
        for (job, mean) in zip(jobs, means) {
            for i in 0..<dimension { sums[job.text][i] += job.weight * mean[i] }
            totals[job.text] += job.weight
            windows[job.text] += 1
        }
        return texts.indices.map { index in
            var vector = sums[index]
            let inverse = totals[index] > 0 ? 1 / totals[index] : 1
            var norm: Float = 0
            for i in 0..<dimension { vector[i] *= inverse; norm += vector[i] * vector[i] }
            let scale = 1 / max(norm, 1e-12).squareRoot()
            for i in 0..<dimension { vector[i] *= scale }
            let m = meta[index]
            return Embedding(vector: vector, tokens: m.tokens, encodedTokens: m.encoded,
                             windows: windows[index], truncated: m.truncated, encodedScalars: m.end)
        }
    }

    private func tokenizeAll(_ texts: [String]) -> [Tokenization] {
        var results = [Tokenization?](repeating: nil, count: texts.count)
        results.withUnsafeMutableBufferPointer { slots in
            let shared = SendableBuffer(slots)
            forEachRange(texts.count, threads: threads) { range in
                for index in range { shared.buffer[index] = tokenizer.tokenize(texts[index], prefix: prefix) }
            }
        }
        return results.map { $0 ?? Tokenization(ids: [], sourceStarts: [], wordStarts: []) }
    }

    /// Runs every window: one worker per thread over distinct windows when there are enough,
    /// otherwise one window at a time with the threads inside the kernels.
    private func run(_ windows: [[Int32]]) -> [[Float]] {
        let pass = ForwardPass(weights: weights, level: level)
        var results = [[Float]](repeating: [], count: windows.count)
        if windows.count >= threads && threads > 1 {
            results.withUnsafeMutableBufferPointer { slots in
                let shared = SendableBuffer(slots)
                // Longest windows first, dealt round-robin, so workers finish together.
                let order = windows.indices.sorted { windows[$0].count > windows[$1].count }
                forEachRange(threads, threads: threads) { worker, _ in
                    let workspace = Workspace(configuration, threads: 1)
                    for position in stride(from: worker, to: order.count, by: threads) {
                        let index = order[position]
                        shared.buffer[index] = pass.meanHiddenState(windows[index], workspace: workspace, threads: 1)
                    }
                }
            }
        } else {
            let workspace = Workspace(configuration, threads: threads)
            for (index, ids) in windows.enumerated() {
                results[index] = pass.meanHiddenState(ids, workspace: workspace, threads: threads)
            }
        }
        return results
    }
}

/// A buffer whose distinct slots are written by distinct threads.
private struct SendableBuffer<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>
    init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }
}
