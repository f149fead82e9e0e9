import Foundation
import IsnadEncoder

/// Turns articles into the vectors clustering reads: title + lead (256 tokens by default) through
/// the sentence encoder, reusing cached vectors, and refusing a vector when the encoder covers the
/// text poorly (many unknown tokens), so that clustering falls back to lexical evidence.
public struct StoryEmbedder: Sendable {
    public let encoder: E5Encoder
    public let leadTokens: Int
    public var cache: EmbeddingCache?
    /// Share of unknown tokens above which a text is considered outside the encoder's languages.
    public static let maximumUnknownShare = 0.2

    public init(encoder: E5Encoder, leadTokens: Int = 256, cache: EmbeddingCache? = nil) {
        self.encoder = encoder
        self.leadTokens = leadTokens
        self.cache = cache
    }

    /// Result for one article.
    public struct Result: Sendable {
        public var vector: [Float]?
        public var note: String?
    }

    /// Vectors for (title, body) pairs, in order; new ones are added to the cache (not saved).
    public mutating func embed(_ articles: [(title: String, body: String)]) throws(EncoderError) -> [Result] {
        var results = [Result](repeating: Result(vector: nil, note: nil), count: articles.count)
        var missing: [(index: Int, lead: String, key: String)] = []
        let prefixTokens = encoder.tokenize("").ids.count - 1 // "query: " without the empty text's marker
        for (index, article) in articles.enumerated() {
            let (lead, ids) = encoder.leadWithIDs(title: article.title, body: article.body, maxTokens: leadTokens)
            let content = ids.dropFirst(prefixTokens)
            let unknown = content.reduce(0) { $0 + ($1 == encoder.tokenizer.unk ? 1 : 0) }
            if content.isEmpty || Double(unknown) > Self.maximumUnknownShare * Double(content.count) {
                results[index].note = content.isEmpty ? "empty text" :
                    "the encoder does not cover this text's script well (\(unknown) of \(content.count) tokens unknown)"
                continue
            }
            let key = EmbeddingCache.key(lead)
            if let vector = cache?.vector(for: key) { results[index].vector = vector } else { missing.append((index, lead, key)) }
        }
        let vectors = try encoder.embed(missing.map(\.lead), leadTokens: nil)
        for (entry, embedding) in zip(missing, vectors) {
            results[entry.index].vector = embedding.vector
            cache?.store(embedding.vector, for: entry.key)
        }
        return results
    }
}

extension StoryEmbedder {
    /// The default embedder (installed weights, vector cache under ~/.cache/isnad), or nil after
    /// printing why to standard error, so that callers cluster on shared words instead.
    public static func loadOrWarn(threads: Int? = nil, leadTokens: Int = 256) -> StoryEmbedder? {
        do {
            return withDefaultCache(encoder: try E5Encoder(threads: threads), leadTokens: leadTokens)
        } catch {
            FileHandle.standardError.write(Data("warning: \(error) Stories are grouped on shared words only.\n".utf8))
            return nil
        }
    }

    /// An embedder with the vector cache of `encoder`'s weight file under `$ISNAD_CACHE`. Prints
    /// to standard error what opening the cache repaired, or why vectors go uncached.
    public static func withDefaultCache(encoder: E5Encoder, leadTokens: Int = 256) -> StoryEmbedder {
        var cache: EmbeddingCache?
        do {
            cache = try EmbeddingCache.forModel(file: encoder.modelPath, lead: leadTokens)
            if let recovery = cache?.recovery { FileHandle.standardError.write(Data("note: \(recovery)\n".utf8)) }
        } catch {
            FileHandle.standardError.write(Data("warning: \(error). Vectors are not cached in this run.\n".utf8))
        }
        return StoryEmbedder(encoder: encoder, leadTokens: leadTokens, cache: cache)
    }
}
