/// A model that turns texts into vectors whose cosine says how close their meaning is, across
/// languages. The story engine depends on this protocol, not on one model.
public protocol SentenceEncoder: Sendable {
    /// Length of every vector.
    var dimension: Int { get }
    /// Which model and kernels, for logs and benchmark lines.
    var name: String { get }
    /// Embeds each text; with `leadTokens`, only its first tokens (cut at a word boundary).
    func embed(_ texts: [String], leadTokens: Int?) throws(EncoderError) -> [Embedding]
}

extension SentenceEncoder {
    /// Embeds one whole text.
    public func embed(_ text: String) throws(EncoderError) -> Embedding {
        let result = try embed([text], leadTokens: nil)
        guard let first = result.first else { throw EncoderError(.invalidRequest, "the encoder returned no vector") }
        return first
    }
}

/// One text's vector and how much of the text it covers.
public struct Embedding: Sendable, Equatable {
    /// Unit-length vector (all zeros only if the model produced nothing usable).
    public var vector: [Float]
    /// Tokens the whole text has, counted as the model counts them (with `<s>`, `</s>` and the prefix).
    public var tokens: Int
    /// Tokens actually encoded (equal to `tokens` unless a lead cut the text).
    public var encodedTokens: Int
    /// How many 512-token windows were encoded and averaged.
    public var windows: Int
    /// True when a lead limit left part of the text out.
    public var truncated: Bool
    /// Where the encoded part of the text ends, in Unicode scalars, when it was cut.
    public var encodedScalars: Int?

    /// Cosine similarity with another embedding (vectors are unit length).
    public func cosine(_ other: Embedding) -> Float {
        var sum: Float = 0
        for i in 0..<min(vector.count, other.vector.count) { sum += vector[i] * other.vector[i] }
        return sum
    }
}
