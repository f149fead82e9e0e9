import IsnadText

/// Online story clustering: each article, in stream order (publication day when known, else
/// arrival), joins the open story its evidence points to or opens a new one. Evidence: the e5
/// cosine to the story's centroid judged against that language pair's background, the share of
/// the article's rare terms and numbers the story already has, and the distance in days.
/// Candidates come from a term index and the centroids of stories still open in the time
/// window, so the cost per article does not grow with the number of stored stories.
public struct StoryClusterer: Sendable {
    public let options: ClusteringOptions
    public internal(set) var calibration = LanguagePairCalibration()
    public internal(set) var means = LanguageMeans()
    /// Language means for the article being placed (cleared per article).
    var meanCache: [String: [Float]] = [:]
    let siteMessages = SiteMessageDetector()
    public internal(set) var decisions: [Decision] = []

    /// Stories by id: every story of a one-pass run; after a restore, the open ones and those
    /// the copy window's articles belong to.
    var stories = StoryTable()
    /// Stories merged into another (id → the story it went into).
    var parent: [Int: Int] = [:]
    /// Story of each article at assignment (-1 when skipped), from stream position `articleBase`.
    var articleStory: [Int32] = []
    var articleBase = 0
    /// Stories of articles before `articleBase` that a continued stream was told about (the
    /// originals its new articles may copy).
    var earlierStory: [Int: Int32] = [:]
    /// The id the next opened story gets: ids are never reused, so a stored story keeps its id.
    public internal(set) var nextStoryID = 0
    var open: [Int32] = []              // ids of open stories
    var termIndex: [UInt64: [Int32]] = [:]
    /// For a stream continued from the store: the terms whose index entries were loaded (nil
    /// when the whole index is in memory), and the terms whose entries changed since.
    var termIndexLoaded: Set<UInt64>?
    var termIndexTouched = Set<UInt64>()
    var documentFrequency = TermCounts()
    var documents = 0
    /// Articles with name keys per ``NameKeys/Family``; their counts per skeleton are in
    /// `documentFrequency` under skeleton ⊕ family salt.
    var familyDocuments = [Int](repeating: 0, count: NameKeys.Family.allCases.count)
    var latestDay: Int?
    var latestOrder = 0

    public init(options: ClusteringOptions = ClusteringOptions()) {
        self.options = options
    }

    /// Articles seen so far.
    public var articleCount: Int { articleBase + articleStory.count }
    /// Stories open for new articles now.
    public var openStoryCount: Int { open.count }

    /// The story an article belongs to now (after merges), nil when it was skipped.
    public func story(ofArticle index: Int) -> Int? {
        guard index >= articleBase else { return earlierStory[index].flatMap { $0 < 0 ? nil : root(Int($0)) } }
        guard index - articleBase < articleStory.count else { return nil }
        let story = articleStory[index - articleBase]
        return story < 0 ? nil : root(Int(story))
    }

    /// The story a story id stands for now (itself, or the story it was merged into).
    public func currentStory(_ story: Int) -> Int { root(story) }

    func root(_ story: Int) -> Int {
        var current = story
        while let next = parent[current] { current = next }
        return current
    }

    /// Whether `id` is an open story that was not merged away.
    @inline(__always)
    func isLive(_ id: Int) -> Bool { stories.isOpen(id) }

    /// Assigns the next article of the stream and says why.
    @discardableResult
    public mutating func add(_ article: StoryArticle) -> Decision {
        let index = articleCount
        if article.wordCount < options.minimumWords {
            articleStory.append(-1)
            let decision = Decision(article: index, action: .skipped, story: nil, chosen: nil, runnerUp: nil,
                                    note: "too short to cluster (\(article.wordCount) words; at least \(options.minimumWords) needed)",
                                    threshold: options.joinScore)
            decisions.append(decision)
            return decision
        }
        advanceWindow(to: article)
        meanCache = [:]
        let centered = article.embedding.map { centeredVector($0, article.language) }
        if options.mode == .evidence, let centered, let message = siteMessages.closest(to: centered),
           Double(message.similarity) >= options.siteMessageSimilarity {
            articleStory.append(-1)
            let decision = Decision(article: index, action: .skipped, story: nil, chosen: nil, runnerUp: nil,
                                    note: String(format: "not clustered: the text reads as %@, not a report (similarity %.2f)",
                                                 SiteMessageDetector.describe(message.kind), message.similarity),
                                    threshold: options.joinScore)
            decisions.append(decision)
            return decision
        }
        let weights = termWeights(article)
        let scored = candidates(for: article, centered: centered, weights: weights)
        var decision: Decision
        let threshold = options.mode == .evidence ? options.joinScore : 0
        if let best = scored.first, best.score >= threshold {
            decision = Decision(article: index, action: .joined, story: best.story, chosen: best,
                                runnerUp: scored.dropFirst().first, candidates: scored.count, threshold: threshold)
            stories.modify(best.story) { $0.add(article) }
            articleStory.append(Int32(best.story))
            if options.mode == .evidence {
                for other in scored.dropFirst() where other.score >= options.mergeScore {
                    if let dropped = merge(other.story, best.story) { decision.merged.append(dropped) }
                }
                decision.story = root(best.story)
            }
        } else {
            let id = nextStoryID
            nextStoryID += 1
            var story = StoryState(id: id)
            story.add(article)
            stories.insert(story)
            open.append(Int32(id))
            articleStory.append(Int32(id))
            decision = Decision(article: index, action: .opened, story: id, chosen: nil, runnerUp: scored.first,
                                candidates: scored.count, threshold: threshold)
        }
        if let vector = article.embedding { means.observe(article.language, vector) } else {
            decision.note = "no sentence vector for this article: lexical evidence only"
        }
        register(article, story: decision.story ?? -1)
        decisions.append(decision)
        return decision
    }

    /// Places a copy (duplicate or syndicated text) in the story of the article it copies.
    @discardableResult
    public mutating func attach(_ article: StoryArticle, copying original: Int, similarity: Double) -> Decision {
        guard let story = story(ofArticle: original), stories.contains(story) else { return add(article) }
        let index = articleCount
        advanceWindow(to: article)
        if !stories.isOpen(story) { stories.modify(story) { $0.open = true }; open.append(Int32(story)) }
        stories.modify(story) { $0.add(article) }
        articleStory.append(Int32(story))
        if let vector = article.embedding { means.observe(article.language, vector) }
        register(article, story: story)
        let decision = Decision(article: index, action: .joined, story: story, chosen: nil, runnerUp: nil,
                                note: String(format: "copy of an earlier article (text overlap %.2f)", similarity),
                                threshold: options.joinScore)
        decisions.append(decision)
        return decision
    }

    // MARK: - Window and indexes

    private mutating func advanceWindow(to article: StoryArticle) {
        if let day = article.day { latestDay = max(latestDay ?? day, day) }
        latestOrder = max(latestOrder, article.order)
        guard articleCount % 32 == 0 else { return }
        let dayLimit = latestDay.map { $0 - options.windowDays }
        let orderLimit = latestOrder - options.undatedWindow
        var kept: [Int32] = []
        kept.reserveCapacity(open.count)
        for id in open {
            guard parent[Int(id)] == nil, let timing = stories.read(Int(id), { ($0.lastDay, $0.lastOrder) }) else { continue }
            // Dated stories close by days, undated ones by how many articles came since.
            let stale: Bool
            if let last = timing.0, let limit = dayLimit { stale = last < limit } else { stale = timing.1 < orderLimit }
            if stale { stories.modify(Int(id)) { $0.close() } } else { kept.append(id) }
        }
        open = kept
        if articleCount % 4096 == 0 { compactTermIndex() }
    }

    private mutating func compactTermIndex() {
        for (term, list) in termIndex {
            let alive = list.filter { isLive(Int($0)) }
            if alive.isEmpty { termIndex[term] = nil } else if alive.count != list.count { termIndex[term] = alive }
        }
    }

    private mutating func register(_ article: StoryArticle, story: Int) {
        documents += 1
        for term in article.terms { documentFrequency.increment(term) }
        var families: UInt8 = 0
        for key in article.nameKeys {
            let family = NameKeys.family(ofKey: key)
            documentFrequency.increment(NameKeys.skeleton(of: key) ^ family.salt)
            families |= family.bit
        }
        for family in NameKeys.Family.allCases where families & family.bit != 0 { familyDocuments[family.rawValue] += 1 }
        guard story >= 0 else { return }
        for term in article.terms { index(term, story) }
    }

    /// Adds a story to a term's index entry. An entry that reaches 256, 512, … stories keeps
    /// only those still open: candidates skip the others anyway, and long entries of closed
    /// stories would make every lookup walk them.
    mutating func index(_ term: UInt64, _ story: Int) {
        guard termIndex[term]?.last != Int32(story) else { return }
        termIndex[term, default: []].append(Int32(story)) // in place: no copy of the list
        if let count = termIndex[term]?.count, count >= 256, count & (count - 1) == 0 {
            // Capture only what is read (capturing self would copy the index being changed).
            let stories = self.stories
            termIndex[term]?.removeAll { !stories.isOpen(Int($0)) }
        }
        if termIndexLoaded != nil { termIndexTouched.insert(term) }
    }

    /// Rarity weight of each of the article's terms (0 for common ones).
    func termWeights(_ article: StoryArticle) -> [(term: UInt64, weight: Double)] {
        article.terms.map { ($0, rarity(documentFrequency[$0], among: documents)) }
    }

    /// Rarity weight of something found in `count` of `documents` articles: log inverse document
    /// frequency, 0 once it is in more than ``ClusteringOptions/commonTermShare`` of 50 or more.
    func rarity(_ count: Int, among documents: Int) -> Double {
        let total = Double(documents + 1), df = Double(count)
        if documents >= 50 && df / total > options.commonTermShare { return 0 }
        return (total / (df + 1)).logarithm + 1
    }

    /// Merges two stories into the older one (the lower id: ids are given in order and kept for
    /// life, so the id users have seen longest survives); returns the id merged away.
    private mutating func merge(_ a: Int, _ b: Int) -> Int? {
        let x = root(a), y = root(b)
        let to = min(x, y), from = max(x, y)
        guard from != to, let absorbed = stories[from] else { return nil }
        defer { if !stories.isOpen(to) { stories.modify(to) { $0.open = true }; open.append(Int32(to)) } }
        stories.modify(to) { $0.absorb(absorbed) }
        parent[from] = to
        stories.modify(from) { $0.close() }
        for term in stories[to]?.terms.keys ?? [:].keys { index(term, to) }
        return from
    }
}

extension Double {
    fileprivate var logarithm: Double { log(self) }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
