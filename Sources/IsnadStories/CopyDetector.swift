/// Finds exact and near-duplicate articles and syndication groups (one wire text republished
/// with small edits) as articles stream in, by locality-sensitive hashing of MinHash signatures:
/// 16 bands of 4 slots, so pairs above about 0.5 Jaccard almost always share a band.
public struct CopyDetector: Sendable {
    /// Estimated shingle Jaccard at or above which an article is a copy of an earlier one.
    public static let duplicateThreshold = 0.8
    /// At or above this, the two belong to one syndication group (counted once as a source).
    public static let syndicationThreshold = 0.45
    /// Articles shorter than this many words are too short to call copies.
    public static let minimumWords = 25

    /// The verdict for one article.
    public struct Verdict: Sendable, Equatable {
        /// Index (in arrival order) of the earlier article this one copies, if any.
        public var duplicateOf: Int?
        /// Index of the first article of its syndication group (itself when it starts one).
        public var group: Int
        /// Estimated Jaccard with the closest earlier article, 0 when none was close.
        public var similarity: Double
    }

    /// Copies are looked for among this many most recent articles (wire copies appear within
    /// days), which keeps memory flat on long streams.
    public var window = 50_000

    private static let bands = 16, rows = 4
    private var buckets: [UInt64: [Int32]] = [:]
    private var signatures: [[UInt32]] = []
    private var groups: [Int32] = []

    public init() {}

    /// Number of articles seen.
    public var count: Int { signatures.count }

    /// Registers the next article and says whether it copies an earlier one.
    public mutating func add(signature: [UInt32], wordCount: Int) -> Verdict {
        let index = signatures.count
        signatures.append(signature)
        guard wordCount >= Self.minimumWords, signature.count == Self.bands * Self.rows else {
            groups.append(Int32(index))
            return Verdict(duplicateOf: nil, group: index, similarity: 0)
        }
        var best: (index: Int, similarity: Double)?
        var seen = Set<Int32>()
        var keys: [UInt64] = []
        for band in 0..<Self.bands {
            var key = UInt64(band) &* 0x9E37_79B9_7F4A_7C15
            for row in 0..<Self.rows { key = Fingerprint.mix(key ^ UInt64(signature[band * Self.rows + row])) }
            keys.append(key)
            for other in buckets[key] ?? [] where seen.insert(other).inserted {
                let similarity = Fingerprint.similarity(signature, signatures[Int(other)])
                if similarity > (best?.similarity ?? 0) { best = (Int(other), similarity) }
            }
        }
        for key in keys { buckets[key, default: []].append(Int32(index)) }
        if index > 0, index % 8192 == 0 { forget(before: index - window) }
        var verdict = Verdict(duplicateOf: nil, group: index, similarity: best?.similarity ?? 0)
        if let best, best.similarity >= Self.syndicationThreshold {
            verdict.group = Int(groups[best.index])
            if best.similarity >= Self.duplicateThreshold { verdict.duplicateOf = best.index }
        }
        groups.append(Int32(verdict.group))
        return verdict
    }

    private mutating func forget(before cutoff: Int) {
        guard cutoff > 0 else { return }
        for (key, list) in buckets {
            if let last = list.last, Int(last) < cutoff { buckets[key] = nil; continue }
            if let first = list.first, Int(first) < cutoff { buckets[key] = list.filter { Int($0) >= cutoff } }
        }
        var index = cutoff - 1
        while index >= 0, !signatures[index].isEmpty { signatures[index] = []; index -= 1 }
    }
}
