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

    static let bands = 16, rows = 4
    var buckets: [UInt64: [Int32]] = [:]
    var signatures: [[UInt32]] = []
    var groups: [Int32] = []
    /// Whether each article's bands went into `buckets` (long enough, full signature).
    var bucketed: [Bool] = []
    /// Articles before this one were forgotten (their signatures emptied, out of the buckets).
    var firstKept = 0

    public init() {}

    /// A detector continuing a stream of `count` articles whose window (from `firstKept` on)
    /// is kept elsewhere: it knows only `candidates`, the earlier articles that share a band
    /// with the articles about to come (the store finds them by ``lookupKeys(signature:wordCount:)``),
    /// which is all their verdicts can depend on.
    public init(continuing count: Int, firstKept: Int, candidates: [(position: Int, signature: [UInt32], group: Int)]) {
        self.firstKept = firstKept
        signatures = [[UInt32]](repeating: [], count: count)
        groups = (0..<count).map { Int32(truncatingIfNeeded: $0) }
        bucketed = [Bool](repeating: false, count: count)
        for candidate in candidates.sorted(by: { $0.position < $1.position })
        where candidate.position >= firstKept && candidate.position < count && candidate.signature.count == Self.bands * Self.rows {
            signatures[candidate.position] = candidate.signature
            groups[candidate.position] = Int32(candidate.group)
            bucketed[candidate.position] = true
            for key in Self.bandKeys(candidate.signature) { buckets[key, default: []].append(Int32(candidate.position)) }
        }
    }

    /// The LSH keys an article's copies are looked up by; empty when it is too short to compare.
    public static func lookupKeys(signature: [UInt32], wordCount: Int) -> [UInt64] {
        wordCount >= minimumWords && signature.count == bands * rows ? bandKeys(signature) : []
    }

    /// What the detector holds of an article, to persist: its syndication group, and while it
    /// is in the window and in the buckets its signature and band keys (else empty).
    public func entry(_ position: Int) -> (signature: [UInt32], group: Int, keys: [UInt64])? {
        guard position >= 0, position < count else { return nil }
        let live = position >= firstKept && bucketed[position]
        return (live ? signatures[position] : [], Int(groups[position]), live ? Self.bandKeys(signatures[position]) : [])
    }

    /// Number of articles seen.
    public var count: Int { signatures.count }

    /// Registers the next article and says whether it copies an earlier one.
    public mutating func add(signature: [UInt32], wordCount: Int) -> Verdict {
        let index = signatures.count
        signatures.append(signature)
        guard wordCount >= Self.minimumWords, signature.count == Self.bands * Self.rows else {
            groups.append(Int32(index))
            bucketed.append(false)
            return Verdict(duplicateOf: nil, group: index, similarity: 0)
        }
        var best: (index: Int, similarity: Double)?
        var seen = Set<Int32>()
        let keys = Self.bandKeys(signature)
        for key in keys {
            for other in buckets[key] ?? [] where seen.insert(other).inserted {
                let similarity = Fingerprint.similarity(signature, signatures[Int(other)])
                if similarity > (best?.similarity ?? 0) { best = (Int(other), similarity) }
            }
        }
        for key in keys { buckets[key, default: []].append(Int32(index)) }
        bucketed.append(true)
        if index > 0, index % 8192 == 0 { forget(before: index - window) }
        var verdict = Verdict(duplicateOf: nil, group: index, similarity: best?.similarity ?? 0)
        if let best, best.similarity >= Self.syndicationThreshold {
            verdict.group = Int(groups[best.index])
            if best.similarity >= Self.duplicateThreshold { verdict.duplicateOf = best.index }
        }
        groups.append(Int32(verdict.group))
        return verdict
    }

    /// The LSH keys of a signature's bands.
    static func bandKeys(_ signature: [UInt32]) -> [UInt64] {
        (0..<bands).map { band in
            var key = UInt64(band) &* 0x9E37_79B9_7F4A_7C15
            for row in 0..<rows { key = Fingerprint.mix(key ^ UInt64(signature[band * rows + row])) }
            return key
        }
    }

    private mutating func forget(before cutoff: Int) {
        guard cutoff > 0 else { return }
        firstKept = max(firstKept, cutoff)
        for (key, list) in buckets {
            if let last = list.last, Int(last) < cutoff { buckets[key] = nil; continue }
            if let first = list.first, Int(first) < cutoff { buckets[key] = list.filter { Int($0) >= cutoff } }
        }
        var index = cutoff - 1
        while index >= 0, !signatures[index].isEmpty { signatures[index] = []; index -= 1 }
    }
}
