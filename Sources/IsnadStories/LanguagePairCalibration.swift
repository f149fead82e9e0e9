/// How similar unrelated articles look to the encoder, per language pair. e5 scores two
/// unrelated Arabic reports higher than an Arabic and an English report of one event can
/// score, so a fixed cosine threshold cannot serve every pair. Each pair's background (the
/// cosines to stories an article did not join) is tracked as a running mean and spread,
/// starting from a prior, and cosines are judged as standard scores against it.
public struct LanguagePairCalibration: Sendable {
    struct Moments: Sendable {
        var weight: Double, mean: Double, squares: Double
        mutating func add(_ value: Double, cap: Double) {
            if weight >= cap { // forget slowly, so the background follows the stream
                let keep = (cap - 1) / cap
                weight *= keep; squares *= keep
            }
            weight += 1
            let delta = value - mean
            mean += delta / weight
            squares += delta * (value - mean)
        }
        var deviation: Double { (squares / max(weight, 1)).squareRoot() }
    }

    /// Prior background of centered cosines (see ``LanguageMeans``) for a same-language and a
    /// cross-language pair, worth `priorWeight` observations (random SemEval pairs: same-language
    /// 0.00 ± 0.092, cross-language 0.00 ± 0.075).
    public var samePrior = (mean: 0.0, deviation: 0.092)
    public var crossPrior = (mean: 0.0, deviation: 0.075)
    public var priorWeight = 30.0
    /// Observations kept in memory's weight before old ones fade.
    public var memory = 20_000.0
    var pairs: [String: Moments] = [:]

    public init() {}

    static func key(_ a: String, _ b: String) -> String { a <= b ? a + "-" + b : b + "-" + a }

    private func moments(_ a: String, _ b: String) -> Moments {
        if let found = pairs[Self.key(a, b)] { return found }
        let prior = a == b ? samePrior : crossPrior
        return Moments(weight: priorWeight, mean: prior.mean, squares: prior.deviation * prior.deviation * priorWeight)
    }

    /// Records the cosine between an article and a story it was not matched with.
    public mutating func observeBackground(_ a: String, _ b: String, cosine: Float) {
        var current = moments(a, b)
        current.add(Double(cosine), cap: memory)
        pairs[Self.key(a, b)] = current
    }

    /// The background mean and spread for a pair.
    public func background(_ a: String, _ b: String) -> (mean: Double, deviation: Double) {
        let m = moments(a, b)
        return (m.mean, max(m.deviation, 0.01))
    }
}
