import Foundation

/// The story stage of the pipeline: orders articles as a stream, finds copies, clusters, and
/// summarizes each story. A pure function of its inputs.
public struct StoryEngine: Sendable {
    public var options: ClusteringOptions

    public init(options: ClusteringOptions = ClusteringOptions()) {
        self.options = options
    }

    /// Stream order: by publication day, articles without a day taking the day of the article
    /// before them in input order; ties keep input order.
    public static func streamOrder(_ articles: [StoryArticle]) -> [Int] {
        var effective: [Int] = [], last = articles.lazy.compactMap(\.day).first ?? 0
        for article in articles {
            if let day = article.day { last = day }
            effective.append(last)
        }
        return articles.indices.sorted { (effective[$0], $0) < (effective[$1], $1) }
    }

    /// The note a copy's decision carries: what it copies and how closely.
    public static func copyNote(duplicate: Bool, of original: String, similarity: Double) -> String {
        "\(duplicate ? "duplicate of" : "same wire text as") \(original.prefix(12)) (text overlap \(String(format: "%.2f", similarity)))"
    }

    public func analyze(_ articles: [StoryArticle]) -> StoryAnalysis {
        var stream = StoryStream(options: options)
        let order = Self.streamOrder(articles)
        var duplicateOf = [Int?](repeating: nil, count: articles.count)
        var group = Array(articles.indices)
        var copySimilarity = [Double](repeating: 0, count: articles.count)
        var decisions = [Decision?](repeating: nil, count: articles.count)
        for (rank, index) in order.enumerated() {
            let article = articles[index]
            var (decision, verdict) = stream.add(article)
            let groupFirst = order[verdict.group]
            group[index] = groupFirst
            copySimilarity[index] = verdict.similarity
            if let original = verdict.duplicateOf { duplicateOf[index] = order[original] }
            if verdict.group != rank {
                decision.note = Self.copyNote(duplicate: verdict.duplicateOf != nil, of: articles[groupFirst].id, similarity: verdict.similarity)
            }
            decision.article = index
            decisions[index] = decision
        }
        // Map clusterer stories (by stream rank) to input indices and summarize.
        var members: [Int: [Int]] = [:], firstSeen: [Int] = []
        var storyOf = [Int?](repeating: nil, count: articles.count)
        for (rank, index) in order.enumerated() {
            guard let story = stream.clusterer.story(ofArticle: rank) else { continue }
            if members[story] == nil { firstSeen.append(story) }
            members[story, default: []].append(index)
        }
        var summaries: [StorySummary] = []
        for (number, story) in firstSeen.enumerated() {
            let list = members[story] ?? []
            for index in list { storyOf[index] = number }
            summaries.append(StorySummary(id: number, articles: list, articles: articles, groups: group))
        }
        // Decisions name stories by their final number (clusterer ids are internal).
        var number: [Int: Int] = [:]
        for (position, story) in firstSeen.enumerated() { number[story] = position }
        func renumber(_ id: Int?) -> Int? { id.flatMap { number[stream.clusterer.currentStory($0)] } }
        let finalDecisions = decisions.enumerated().map { index, decision -> Decision in
            var d = decision ?? Decision(article: index, action: .skipped, story: nil, chosen: nil, runnerUp: nil, threshold: options.joinScore)
            d.story = storyOf[index]
            if var chosen = d.chosen { chosen.story = renumber(chosen.story) ?? -1; d.chosen = chosen }
            if var runner = d.runnerUp { runner.story = renumber(runner.story) ?? -1; d.runnerUp = runner }
            d.merged = d.merged.compactMap(renumber)
            return d
        }
        return StoryAnalysis(storyOfArticle: storyOf, duplicateOf: duplicateOf, syndicationGroup: group,
                             copySimilarity: copySimilarity, stories: summaries, decisions: finalDecisions)
    }
}

/// Articles one at a time, in stream order: copy detection, then clustering (a copy goes to the
/// story of the text it copies). The incremental form of ``StoryEngine``.
public struct StoryStream: Sendable {
    public internal(set) var clusterer: StoryClusterer
    public internal(set) var copies = CopyDetector()

    public init(options: ClusteringOptions = ClusteringOptions()) {
        clusterer = StoryClusterer(options: options)
    }

    /// Places the next article; `verdict.group` and `duplicateOf` are stream positions.
    public mutating func add(_ article: StoryArticle) -> (decision: Decision, verdict: CopyDetector.Verdict) {
        let rank = copies.count
        let verdict = copies.add(signature: article.signature, wordCount: article.wordCount)
        if verdict.group != rank {
            return (clusterer.attach(article, copying: verdict.group, similarity: verdict.similarity), verdict)
        }
        return (clusterer.add(article), verdict)
    }
}

/// What the story stage found, indexed like its input articles.
public struct StoryAnalysis: Sendable {
    /// Index into `stories`, nil for articles not clustered (too short).
    public var storyOfArticle: [Int?]
    /// The earlier article this one is a copy of.
    public var duplicateOf: [Int?]
    /// The first article of this one's syndication group (itself when it has no copies).
    public var syndicationGroup: [Int]
    /// Estimated text overlap with the closest earlier article.
    public var copySimilarity: [Double]
    public var stories: [StorySummary]
    /// Why each article went where it went (story numbers index `stories`).
    public var decisions: [Decision]
}

/// One story as a reader sees it.
public struct StorySummary: Sendable, Equatable {
    public var id: Int
    /// Member articles (input indices) in stream order.
    public var articles: [Int]
    /// The earliest title in the story's most common language.
    public var title: String
    public var language: String
    /// Languages by number of articles, most first.
    public var languages: [String]
    public var outlets: [String]
    /// Articles counted once per syndication group.
    public var independentSources: Int
    public var firstDay: Int?
    public var lastDay: Int?

    /// The summary of the members `list` (indices into `articles`, in stream order); `groups` gives
    /// each article's syndication group (its first article), so copies count once as sources.
    public init(id: Int, articles list: [Int], articles: [StoryArticle], groups: [Int]) {
        self.id = id
        self.articles = list
        var counts: [String: Int] = [:]
        for index in list { counts[articles[index].language, default: 0] += 1 }
        let ranked = counts.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.map(\.key)
        let dominant = ranked.first ?? "und"
        languages = ranked
        language = dominant
        let lead = list.first { articles[$0].language == dominant && !articles[$0].title.isEmpty } ?? list.first
        title = lead.map { articles[$0].title } ?? ""
        var seen = Set<String>()
        outlets = list.compactMap { articles[$0].outlet }.filter { seen.insert($0).inserted }
        independentSources = Set(list.map { groups[$0] }).count
        firstDay = list.compactMap { articles[$0].day }.min()
        lastDay = list.compactMap { articles[$0].day }.max()
    }
}
