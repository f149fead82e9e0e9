extension StoryStream {
    /// Places an article published before the open window. A copy joins its original's story
    /// as any copy does; anything else is judged against `neighbours` — the stories of its own
    /// days, rebuilt from their stored members' signals — instead of today's open stories: a
    /// bounded local replay, not a replay of the store.
    public mutating func addLate(_ article: StoryArticle, neighbours: [Int: [StoryArticle]]) -> (decision: Decision, verdict: CopyDetector.Verdict) {
        let rank = copies.count
        let verdict = copies.add(signature: article.signature, wordCount: article.wordCount)
        if verdict.group != rank {
            return (clusterer.attach(article, copying: verdict.group, similarity: verdict.similarity), verdict)
        }
        return (clusterer.addLate(article, neighbours: neighbours), verdict)
    }

    /// The day before which an article is late (placed by ``addLate(_:neighbours:)``): the
    /// start of the open window; nil before any dated article.
    public var windowStartDay: Int? { clusterer.latestDay.map { $0 - clusterer.options.windowDays } }

    /// Gives stories other ids (a full rebuild keeps the ids users already know).
    public mutating func renameStories(_ map: [Int: Int]) { clusterer.renameStories(map) }

    /// Makes the next new story's id at least `id` (ids are never reused).
    public mutating func reserveStoryIDs(below id: Int) { clusterer.nextStoryID = max(clusterer.nextStoryID, id) }
}

extension StoryClusterer {
    mutating func addLate(_ article: StoryArticle, neighbours: [Int: [StoryArticle]]) -> Decision {
        var local = StoryClusterer(options: options)
        local.calibration = calibration
        local.means = means
        local.documentFrequency = documentFrequency
        local.documents = documents
        local.familyDocuments = familyDocuments
        local.nextStoryID = nextStoryID
        local.articleBase = articleCount
        for (id, members) in neighbours.sorted(by: { $0.key < $1.key }) where !members.isEmpty {
            local.restore(story: root(id), members: members)
        }
        let decision = local.add(article)
        // What the article taught the running statistics, and where it went.
        calibration = local.calibration
        means = local.means
        documentFrequency = local.documentFrequency
        documents = local.documents
        familyDocuments = local.familyDocuments
        nextStoryID = local.nextStoryID
        latestOrder = max(latestOrder, article.order)
        articleStory.append(Int32(decision.story ?? -1))
        for merged in decision.merged {
            guard let target = decision.story, merged != target else { continue }
            parent[merged] = target
            stories.modify(merged) { if $0.open { $0.close() } }
        }
        if let story = decision.story, stories.isOpen(story), let updated = local.stories[story] {
            // An open story of today gained a late member: take the rebuilt state, keep it open.
            stories.insert(updated)
            for term in article.terms { index(term, story) }
        } else if let story = decision.story, !stories.contains(story), let state = local.stories[story] {
            var closed = state
            closed.close()
            stories.insert(closed)
        }
        decisions.append(decision)
        return decision
    }

    /// Opens an existing story again from its members' signals, as a candidate.
    mutating func restore(story id: Int, members: [StoryArticle]) {
        var state = StoryState(id: id)
        for member in members { state.add(member) }
        if !stories.isOpen(id) { open.append(Int32(id)) }
        stories.insert(state)
        for term in state.terms.keys { index(term, id) }
    }

    mutating func renameStories(_ map: [Int: Int]) {
        func rename(_ id: Int) -> Int { map[id] ?? id }
        stories.rename(map)
        parent = Dictionary(parent.map { (rename($0.key), rename($0.value)) }, uniquingKeysWith: { first, _ in first })
        articleStory = articleStory.map { $0 < 0 ? $0 : Int32(rename(Int($0))) }
        open = open.map { Int32(rename(Int($0))) }
        for (term, list) in termIndex { termIndex[term] = list.map { Int32(rename(Int($0))) } }
        decisions = decisions.map { decision in
            var d = decision
            d.story = d.story.map(rename)
            if var chosen = d.chosen { chosen.story = rename(chosen.story); d.chosen = chosen }
            if var runner = d.runnerUp { runner.story = rename(runner.story); d.runnerUp = runner }
            d.merged = d.merged.map(rename)
            return d
        }
        nextStoryID = max(nextStoryID, (map.values.max() ?? -1) + 1)
    }
}

extension StoryStream {
    /// Stories merged into another during the stream (id → the story it went into).
    public var mergedStories: [Int: Int] { clusterer.parent }

    /// Articles the stream has seen.
    public var count: Int { copies.count }

    /// Stream position of the first article still in the copy window: copies are looked for
    /// from here on, and a persisted stream keeps what it knows of articles from here on.
    public var copyWindowStart: Int { copies.firstKept }

    /// Takes the running statistics (backgrounds, language means, term counts) of `other`,
    /// so that a partial rebuild judges rarity and backgrounds as the whole stream does.
    public mutating func adoptStatistics(of other: StoryStream) {
        clusterer.calibration = other.clusterer.calibration
        clusterer.means = other.clusterer.means
        clusterer.documentFrequency = other.clusterer.documentFrequency
        clusterer.documents = other.clusterer.documents
        clusterer.familyDocuments = other.clusterer.familyDocuments
        clusterer.nextStoryID = max(clusterer.nextStoryID, other.clusterer.nextStoryID)
    }
}

/// What the store knows of a closed story: enough to reopen it as the one-pass stream would
/// when a copy of one of its articles arrives.
public struct ClosedStoryFacts: Sendable {
    public var id: Int
    public var memberCount: Int
    public var firstDay: Int?
    public var lastDay: Int?
    /// Largest stream order (ingestion sequence) of its members.
    public var lastOrder: Int
    public var languages: [String: Int]

    public init(id: Int, memberCount: Int, firstDay: Int?, lastDay: Int?, lastOrder: Int, languages: [String: Int]) {
        self.id = id
        self.memberCount = memberCount
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.lastOrder = lastOrder
        self.languages = languages
    }
}

extension StoryStream {
    /// Tells a stream continued from a snapshot about the earlier articles its coming articles
    /// may copy (found by their band keys), the story each is in, and those stories when they
    /// are closed: with these its verdicts and placements are the one-pass stream's.
    public mutating func prepareCopies(candidates: [(position: Int, signature: [UInt32], group: Int, story: Int?)],
                                       closedStories: [ClosedStoryFacts]) {
        copies = CopyDetector(continuing: copies.count, firstKept: copies.firstKept,
                              candidates: candidates.map { ($0.position, $0.signature, $0.group) })
        for candidate in candidates { clusterer.earlierStory[candidate.position] = Int32(candidate.story ?? -1) }
        for facts in closedStories where !clusterer.stories.contains(facts.id) {
            var state = StoryState(id: facts.id)
            state.memberCount = facts.memberCount
            state.firstDay = facts.firstDay
            state.lastDay = facts.lastDay
            state.lastOrder = facts.lastOrder
            state.languages = facts.languages.mapValues { Int32($0) }
            state.open = false
            clusterer.stories.insert(state)
        }
    }

    /// The window's entry of an article, to persist (see ``CopyDetector/entry(_:)``).
    public func copyEntry(_ position: Int) -> (signature: [UInt32], group: Int, keys: [UInt64])? { copies.entry(position) }

    /// Whether a story is open in the stream's state.
    public func isOpen(story id: Int) -> Bool { clusterer.stories.isOpen(id) }
}
