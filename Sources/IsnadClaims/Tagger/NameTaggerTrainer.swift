import IsnadIngest
import IsnadText

/// Trains a ``NameTaggerModel`` from tagged sentences with the averaged structured perceptron
/// (Collins 2002): tag each sentence with the current weights, move the weights of the gold
/// features up and of the wrongly predicted ones down, and keep the average of every weight over
/// all steps, which generalizes like a CRF at a fraction of the training cost.
public struct NameTaggerTrainer: Sendable {
    /// One training sentence: tokens and their B-/I-/O tags.
    public typealias Sentence = (tokens: [String], tags: [String])

    public var features: NameTagFeatures
    /// Passes over the training sentences.
    public var epochs: Int
    /// Order of the sentences in each pass is shuffled with this seed (same seed, same model).
    public var seed: UInt64

    public init(features: NameTagFeatures, epochs: Int = 10, seed: UInt64 = 20_180_312) {
        self.features = features
        self.epochs = epochs
        self.seed = seed
    }

    /// The averaged model; `progress` gets each pass's number and its token accuracy on the
    /// training sentences.
    public func train(language: String, sentences: [Sentence], progress: (Int, Double) -> Void = { _, _ in }) -> NameTaggerModel {
        let repaired = sentences.map { (tokens: $0.tokens, tags: Self.repairedTags($0.tags)) }.map(Self.claimTokenized)
        let tags = ["O"] + Set(repaired.flatMap(\.tags)).subtracting(["O"]).sorted()
        let tagIndex = Dictionary(uniqueKeysWithValues: tags.enumerated().map { ($1, $0) })
        let tagCount = tags.count
        let gold = repaired.map { $0.tags.map { tagIndex[$0] ?? 0 } }

        // Every feature of the training data gets a row.
        let hashed = ParallelMap.map(repaired.map(\.tokens)) { [features] tokens in features.features(of: tokens) }
        var rows: [UInt64: Int32] = [:]
        let rowIDs: [[[Int32]]] = hashed.map { sentence in
            sentence.map { keys in
                keys.map { key in
                    if let row = rows[key] { return row }
                    let row = Int32(rows.count)
                    rows[key] = row
                    return row
                }
            }
        }
        var weights = [Float](repeating: 0, count: rows.count * tagCount)
        var totals = [Double](repeating: 0, count: weights.count)  // step-weighted updates, for the average
        var transitions = [Float](repeating: 0, count: (tagCount + 1) * tagCount)
        var transitionTotals = [Double](repeating: 0, count: transitions.count)
        let allowed = NameTagger.allowedTransitions(tags)
        var step: Double = 1
        var order = Array(repaired.indices), state = seed

        for epoch in 1...max(epochs, 1) {
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                state = BitMix.splitMix64(state)
                order.swapAt(i, Int(state % UInt64(i + 1)))
            }
            var correct = 0, total = 0
            for s in order {
                let sentence = rowIDs[s], truth = gold[s]
                guard !sentence.isEmpty else { continue }
                var emissions = [Float](repeating: 0, count: sentence.count * tagCount)
                for (i, features) in sentence.enumerated() {
                    for row in features {
                        let base = Int(row) * tagCount
                        for t in 0..<tagCount { emissions[i * tagCount + t] += weights[base + t] }
                    }
                }
                let predicted = NameTagger.viterbi(emissions: emissions, transitions: transitions, allowed: allowed, tagCount: tagCount)
                total += truth.count
                for i in truth.indices {
                    let goldPrevious = i == 0 ? 0 : truth[i - 1] + 1, predictedPrevious = i == 0 ? 0 : predicted[i - 1] + 1
                    if truth[i] == predicted[i] { correct += 1 }
                    if truth[i] != predicted[i] {
                        for row in sentence[i] {
                            let base = Int(row) * tagCount
                            weights[base + truth[i]] += 1; totals[base + truth[i]] += step
                            weights[base + predicted[i]] -= 1; totals[base + predicted[i]] -= step
                        }
                    }
                    if truth[i] != predicted[i] || goldPrevious != predictedPrevious {
                        transitions[goldPrevious * tagCount + truth[i]] += 1; transitionTotals[goldPrevious * tagCount + truth[i]] += step
                        transitions[predictedPrevious * tagCount + predicted[i]] -= 1
                        transitionTotals[predictedPrevious * tagCount + predicted[i]] -= step
                    }
                }
                step += 1
            }
            progress(epoch, total == 0 ? 1 : Double(correct) / Double(total))
        }

        // The average over all steps, then only the features that kept a weight.
        for i in weights.indices { weights[i] -= Float(totals[i] / step) }
        for i in transitions.indices { transitions[i] -= Float(transitionTotals[i] / step) }
        var keptRows: [UInt64: Int32] = [:], keptWeights: [Float] = []
        for (key, row) in rows.sorted(by: { $0.value < $1.value }) {
            let slice = weights[(Int(row) * tagCount)..<(Int(row) * tagCount + tagCount)]
            guard slice.contains(where: { $0 != 0 }) else { continue }
            keptRows[key] = Int32(keptRows.count)
            keptWeights.append(contentsOf: slice)
        }
        return NameTaggerModel(language: language, tags: tags, rows: keptRows, weights: keptWeights, transitions: transitions)
    }

    /// A tagged sentence as the who-said-what step will see it: its tokens joined by spaces and
    /// split again by Isnad's own tokenizer (word runs and single marks), each new token tagged
    /// from the given token it starts in. Train on this, and the tagger meets the same tokens
    /// in articles as in training.
    public static func claimTokenized(_ sentence: Sentence) -> Sentence {
        let text = sentence.tokens.joined(separator: " ")
        let scalars = Array(text.unicodeScalars)
        var owner = [Int](repeating: -1, count: scalars.count)  // given token of each scalar
        var position = 0
        for (index, token) in sentence.tokens.enumerated() {
            let count = token.unicodeScalars.count
            for offset in position..<(position + count) { owner[offset] = index }
            position += count + 1
        }
        let tokens = SentenceTokens(scalars, 0..<scalars.count).tokens
        var tags: [String] = [], lastOwner = -1, lastTag = "O"
        for token in tokens {
            let index = owner[token.start]
            var tag = index >= 0 && index < sentence.tags.count ? sentence.tags[index] : "O"
            // A given token split in several: only its first piece keeps a B-.
            if tag.hasPrefix("B-"), index == lastOwner, lastTag != "O" { tag = "I-" + tag.dropFirst(2) }
            tags.append(tag)
            lastOwner = index
            lastTag = tag
        }
        return (tokens.map { String(String.UnicodeScalarView(scalars[$0.start..<$0.end])) }, tags)
    }

    /// `I-X` that does not continue an `X` becomes `B-X` (some corpora start names with I-).
    static func repairedTags(_ tags: [String]) -> [String] {
        var out = tags
        for i in out.indices where out[i].hasPrefix("I-") {
            let type = out[i].dropFirst(2)
            if i == 0 || out[i - 1] == "O" || out[i - 1].dropFirst(2) != type { out[i] = "B-" + type }
        }
        return out
    }
}
