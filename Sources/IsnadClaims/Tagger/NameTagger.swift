/// Tags the words of a sentence as parts of names (`B-PER I-PER O B-LOC …`) with a trained
/// ``NameTaggerModel``: feature weights summed per tag, then the best tag sequence under the
/// model's transitions (Viterbi), where `I-X` may only follow `B-X` or `I-X`.
public struct NameTagger: Sendable {
    public let model: NameTaggerModel
    public let features: NameTagFeatures

    public init(model: NameTaggerModel, features: NameTagFeatures) {
        self.model = model
        self.features = features
    }

    /// One tag per token.
    public func tags(for tokens: [String]) -> [String] {
        guard !tokens.isEmpty else { return [] }
        let tagCount = model.tags.count
        let tokenFeatures = features.features(of: tokens)
        var emissions = [Float](repeating: 0, count: tokens.count * tagCount)
        for (i, keys) in tokenFeatures.enumerated() {
            for key in keys {
                guard let row = model.rows[key] else { continue }
                let base = Int(row) * tagCount
                for t in 0..<tagCount { emissions[i * tagCount + t] += model.weights[base + t] }
            }
        }
        let allowed = Self.allowedTransitions(model.tags)
        return Self.viterbi(emissions: emissions, transitions: model.transitions, allowed: allowed, tagCount: tagCount)
            .map { model.tags[$0] }
    }

    /// Which transitions BIO allows: row 0 is the sentence start, row `p + 1` follows tag `p`.
    static func allowedTransitions(_ tags: [String]) -> [Bool] {
        let count = tags.count
        var allowed = [Bool](repeating: true, count: (count + 1) * count)
        for (t, tag) in tags.enumerated() where tag.hasPrefix("I-") {
            let type = tag.dropFirst(2)
            allowed[t] = false
            for (p, previous) in tags.enumerated() {
                allowed[(p + 1) * count + t] = previous.dropFirst(2) == type && previous != "O"
            }
        }
        return allowed
    }

    /// The best tag indices for `emissions` (`tokens × tagCount`, row-major).
    static func viterbi(emissions: [Float], transitions: [Float], allowed: [Bool], tagCount: Int) -> [Int] {
        let n = emissions.count / tagCount
        guard n > 0 else { return [] }
        var score = [Float](repeating: -.infinity, count: n * tagCount)
        var back = [Int32](repeating: 0, count: n * tagCount)
        for t in 0..<tagCount where allowed[t] { score[t] = transitions[t] + emissions[t] }
        for i in 1..<max(n, 1) {
            for t in 0..<tagCount {
                var best: Float = -.infinity, bestPrevious = 0
                for p in 0..<tagCount where allowed[(p + 1) * tagCount + t] {
                    let value = score[(i - 1) * tagCount + p] + transitions[(p + 1) * tagCount + t]
                    if value > best { best = value; bestPrevious = p }
                }
                score[i * tagCount + t] = best + emissions[i * tagCount + t]
                back[i * tagCount + t] = Int32(bestPrevious)
            }
        }
        var last = 0
        for t in 1..<tagCount where score[(n - 1) * tagCount + t] > score[(n - 1) * tagCount + last] { last = t }
        var path = [Int](repeating: 0, count: n)
        path[n - 1] = last
        for i in stride(from: n - 1, to: 0, by: -1) { path[i - 1] = Int(back[i * tagCount + path[i]]) }
        return path
    }
}
