import IsnadStories
import IsnadText

/// Runs the clusterer over an evaluation stream and scores it, next to the baseline a user
/// would build by hand: e5 cosine to the closest story centroid with one global threshold,
/// the threshold chosen best on the same data.
public struct ClusterEvaluation: Sendable {
    public struct Result: Sendable {
        public var bcubed: ClusterMetrics.Scores?
        public var pairwise: ClusterMetrics.Scores?
        public var labeledPairs: ClusterMetrics.Scores?
        public var perLanguagePair: [(pair: String, count: Int, scores: ClusterMetrics.Scores)] = []
        public var stories: Int
        public var skipped: Int
        /// Story of each article in input order (negative: not clustered).
        public var labels: [Int] = []
        /// Every decision, in stream order (the order of `run`'s sorted articles).
        public var decisions: [Decision] = []
        /// The baseline's threshold (nil for Isnad's method).
        public var threshold: Float?
        /// The figure compared between methods: BCubed F1 with gold stories, else labeled-pair F1.
        public var headline: Double { bcubed?.f1 ?? labeledPairs?.f1 ?? 0 }
    }

    public var articles: [StoryArticle]
    public var gold: [String?]
    public var pairs: [ClusterEvalPair]

    public init(articles: [StoryArticle], gold: [String?], pairs: [ClusterEvalPair] = []) {
        self.articles = articles
        self.gold = gold
        self.pairs = pairs
    }

    /// Clusters with `options` as ingest does (stream order by day, copy detection, then
    /// clustering) and scores the result. Articles arrive in the given order, or in `arrival`
    /// (a permutation of their indices).
    public func run(_ options: ClusteringOptions = ClusteringOptions(), arrival: [Int]? = nil) -> Result {
        var stream = StoryStream(options: options)
        let arrived = arrival ?? Array(articles.indices)
        let order = StoryEngine.streamOrder(arrived.map { articles[$0] }).map { arrived[$0] }
        var position = [Int](repeating: 0, count: articles.count)
        for (rank, index) in order.enumerated() {
            position[index] = rank
            _ = stream.add(articles[index])
        }
        let labels = articles.indices.map { index in stream.clusterer.story(ofArticle: position[index]) ?? (-1 - index) }
        var result = score(labels: labels)
        result.decisions = stream.clusterer.decisions
        if case .cosineThreshold(let threshold) = options.mode { result.threshold = threshold }
        return result
    }

    /// Scores a clustering: `labels` gives each article's story (input order), a negative
    /// number, distinct per article, for one not clustered.
    public func score(labels: [Int]) -> Result {
        var result = Result(stories: Set(labels).count, skipped: labels.filter { $0 < 0 }.count, labels: labels)
        let labelled = articles.indices.filter { gold[$0] != nil }
        if !labelled.isEmpty {
            var ids: [String: Int] = [:]
            let goldLabels = labelled.map { index -> Int in
                let key = gold[index] ?? ""
                if let id = ids[key] { return id }
                ids[key] = ids.count
                return ids.count - 1
            }
            let predicted = labelled.map { labels[$0] }
            result.bcubed = ClusterMetrics.bcubed(predicted: predicted, gold: goldLabels)
            result.pairwise = ClusterMetrics.pairwise(predicted: predicted, gold: goldLabels)
        }
        if !pairs.isEmpty {
            result.labeledPairs = ClusterMetrics.labeledPairs(predicted: labels, pairs: pairs.map { ($0.first, $0.second, $0.same) })
            let groups = Dictionary(grouping: pairs, by: \.languagePair)
            result.perLanguagePair = groups.keys.sorted().map { key in
                let group = groups[key] ?? []
                return (key, group.count, ClusterMetrics.labeledPairs(predicted: labels, pairs: group.map { ($0.first, $0.second, $0.same) }))
            }
        }
        return result
    }

    /// The baseline at every threshold from 0.70 to 0.98 (step 0.005); the best by headline figure.
    public func bestBaseline(arrival: [Int]? = nil) -> Result {
        var best: Result?
        for step in 0...56 {
            var options = ClusteringOptions()
            options.mode = .cosineThreshold(0.70 + Float(step) * 0.005)
            let result = run(options, arrival: arrival)
            if result.headline > (best?.headline ?? -1) { best = result }
        }
        return best ?? run()
    }
}

extension ClusterEvaluation {
    /// A shuffled arrival order, the same for the same seed (online clustering depends on
    /// order; scoring several orders shows how much of a figure is luck of the order).
    public func shuffledArrival(seed: UInt64) -> [Int] {
        var order = Array(articles.indices), state = seed
        for i in stride(from: order.count - 1, to: 0, by: -1) {
            state = BitMix.splitMix64(state)
            order.swapAt(i, Int(state % UInt64(i + 1)))
        }
        return order
    }
}
