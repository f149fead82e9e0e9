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
            for term in article.terms where termIndex[term]?.last != Int32(story) { termIndex[term, default: []].append(Int32(story)) }
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
        for term in state.terms.keys where termIndex[term]?.last != Int32(id) { termIndex[term, default: []].append(Int32(id)) }
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
