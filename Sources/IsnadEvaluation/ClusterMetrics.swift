/// Agreement between a clustering and gold labels: BCubed (per item: the share of its cluster
/// that shares its gold story, and of its gold story that shares its cluster) and pairwise
/// (over all pairs of items, or over a list of labeled pairs).
public enum ClusterMetrics {
    /// Precision, recall and their harmonic mean.
    public struct Scores: Sendable, Equatable {
        public var precision: Double, recall: Double
        public var f1: Double { precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0 }
        public init(precision: Double, recall: Double) { self.precision = precision; self.recall = recall }
    }

    /// BCubed over items labelled by predicted and gold cluster.
    public static func bcubed(predicted: [Int], gold: [Int]) -> Scores {
        precondition(predicted.count == gold.count)
        guard !predicted.isEmpty else { return Scores(precision: 0, recall: 0) }
        var joint: [Pair: Int] = [:], predictedSize: [Int: Int] = [:], goldSize: [Int: Int] = [:]
        for (p, g) in zip(predicted, gold) {
            joint[Pair(p, g), default: 0] += 1
            predictedSize[p, default: 0] += 1
            goldSize[g, default: 0] += 1
        }
        var precision = 0.0, recall = 0.0
        for (p, g) in zip(predicted, gold) {
            let both = Double(joint[Pair(p, g)] ?? 0)
            precision += both / Double(predictedSize[p] ?? 1)
            recall += both / Double(goldSize[g] ?? 1)
        }
        let n = Double(predicted.count)
        return Scores(precision: precision / n, recall: recall / n)
    }

    /// Pairwise precision and recall over all pairs of items.
    public static func pairwise(predicted: [Int], gold: [Int]) -> Scores {
        var joint: [Pair: Int] = [:], predictedSize: [Int: Int] = [:], goldSize: [Int: Int] = [:]
        for (p, g) in zip(predicted, gold) {
            joint[Pair(p, g), default: 0] += 1
            predictedSize[p, default: 0] += 1
            goldSize[g, default: 0] += 1
        }
        func pairs(_ n: Int) -> Double { Double(n * (n - 1) / 2) }
        let together = joint.values.reduce(0) { $0 + pairs($1) }
        let predictedPairs = predictedSize.values.reduce(0) { $0 + pairs($1) }
        let goldPairs = goldSize.values.reduce(0) { $0 + pairs($1) }
        return Scores(precision: predictedPairs > 0 ? together / predictedPairs : 1, recall: goldPairs > 0 ? together / goldPairs : 1)
    }

    /// Pairwise precision and recall over labeled pairs: `same` pairs should share a cluster,
    /// the others should not.
    public static func labeledPairs(predicted: [Int], pairs: [(first: Int, second: Int, same: Bool)]) -> Scores {
        var truePositive = 0, falsePositive = 0, falseNegative = 0
        for pair in pairs {
            let together = predicted[pair.first] == predicted[pair.second]
            if together && pair.same { truePositive += 1 }
            if together && !pair.same { falsePositive += 1 }
            if !together && pair.same { falseNegative += 1 }
        }
        let predictedPositive = truePositive + falsePositive, goldPositive = truePositive + falseNegative
        return Scores(precision: predictedPositive > 0 ? Double(truePositive) / Double(predictedPositive) : 1,
                      recall: goldPositive > 0 ? Double(truePositive) / Double(goldPositive) : 1)
    }

    private struct Pair: Hashable {
        var a: Int, b: Int
        init(_ a: Int, _ b: Int) { self.a = a; self.b = b }
    }
}
