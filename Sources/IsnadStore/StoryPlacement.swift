import Foundation
import GRDB
import IsnadStories

/// One story update inside one write transaction: an incremental placement of new articles
/// from the saved engine state, or a replay that keeps the ids users know.
struct StoryPlacement {
    let options: ClusteringOptions
    let now = ISO8601DateFormatter().string(from: Date())
    let encoder = StoryTables.decisionEncoder()

    /// Places the articles no update has placed yet, continuing the saved stream; replays
    /// everything when there is no usable saved state (a new store, or an older version's).
    func placeNew(_ db: Database, _ summary: inout StoryUpdateSummary) throws {
        guard let saved = try StoryTables.loadState(db), var stream = try? StoryStream(snapshot: saved, options: options) else {
            let first = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM storyArticles") == 0
            try rebuild(db, sinceDay: nil, &summary)
            summary.rebuilt = !first // a first update is a replay of nothing but the new articles
            return
        }
        let pending = try StoryTables.unplaced(db)
        guard !pending.isEmpty else { return }
        // What the new articles will read: their term counters, the earlier articles they may
        // copy (by band key) and the stories those are in.
        stream.useTermCounts(try StoryTables.termCounts(db, slots: StoryStream.termCountSlots(for: pending)))
        let terms = StoryStream.indexTerms(for: pending)
        stream.useTermIndex(try StoryTables.termIndex(db, terms: terms), for: terms)
        var keys = Set<UInt64>()
        for article in pending { keys.formUnion(CopyDetector.lookupKeys(signature: article.signature, wordCount: article.wordCount)) }
        let candidates = try StoryTables.copyCandidates(db, keys: keys, from: stream.copyWindowStart)
        let closed = Set(candidates.compactMap(\.story)).filter { !stream.isOpen(story: $0) }
        stream.prepareCopies(candidates: candidates.map { ($0.position, $0.signature, $0.group, $0.story) },
                             closedStories: try StoryTables.closedStoryFacts(db, ids: closed))
        stream.reserveStoryIDs(below: max(1, try StoryTables.maxStoryID(db) + 1))
        var ids: [Int: String] = [:]
        for candidate in candidates { ids[candidate.position] = candidate.id }
        let firstNew = stream.count
        var touched = Set<Int>(), mergedAway = Set<Int>()
        for index in StoryEngine.streamOrder(pending) {
            let article = pending[index]
            let rank = stream.count
            let placed: (decision: Decision, verdict: CopyDetector.Verdict)
            if let day = article.day, let start = stream.windowStartDay, day < start {
                let neighbours = try StoryTables.neighbours(db, day: day, window: options.windowDays)
                placed = stream.addLate(article, neighbours: neighbours)
                summary.lateArticles += 1
            } else {
                placed = stream.add(article)
            }
            ids[rank] = article.id
            func id(_ position: Int) throws -> String? { try ids[position] ?? StoryTables.articleID(db, position: position) }
            try record(db, article, rank: rank, placed.decision, placed.verdict, original: placed.verdict.group != rank ? try id(placed.verdict.group) : nil,
                       duplicateOf: try placed.verdict.duplicateOf.flatMap(id), touched: &touched, mergedAway: &mergedAway, &summary)
        }
        try StoryTables.refresh(db, stories: touched.subtracting(mergedAway), at: now)
        try StoryTables.saveState(db, stream, newFrom: firstNew, ids: { ids[$0] }, at: now)
        summary.articles = pending.count
        summary.storiesTouched = touched.count
    }

    private func record(_ db: Database, _ article: StoryArticle, rank: Int, _ decision: Decision, _ verdict: CopyDetector.Verdict,
                        original: String?, duplicateOf: String?, touched: inout Set<Int>, mergedAway: inout Set<Int>,
                        _ summary: inout StoryUpdateSummary) throws {
        var decision = decision
        if let original {
            decision.note = StoryEngine.copyNote(duplicate: duplicateOf != nil, of: duplicateOf ?? original, similarity: verdict.similarity)
        }
        if let story = decision.story {
            for merged in decision.merged where merged != story {
                try StoryTables.merge(db, merged, into: story, at: now)
                mergedAway.insert(merged)
            }
            touched.insert(story)
        } else if let note = decision.note {
            summary.notes.append("article \(article.id.prefix(12)): \(note)")
        }
        try StoryTables.place(db, article: article.id, story: decision.story, position: rank, duplicateOf: duplicateOf,
                              syndicationOf: original, decision: decision, encoder: encoder)
    }

    /// Replays every article (or those from `sinceDay` on) and hands each story the id of the
    /// stored story whose articles it holds most of; other stored stories that lost all their
    /// articles point at the story that took most of them.
    func rebuild(_ db: Database, sinceDay: Int?, _ summary: inout StoryUpdateSummary) throws {
        summary.rebuilt = true
        let signals = try StoryTables.all(db, sinceDay: sinceDay)
        var stream = StoryStream(options: options)
        if sinceDay != nil, let saved = try StoryTables.loadState(db), var previous = try? StoryStream(snapshot: saved, options: options) {
            previous.useTermCounts(try StoryTables.termCounts(db, slots: nil), complete: true)
            stream.adoptStatistics(of: previous)
        }
        stream.reserveStoryIDs(below: max(1, try StoryTables.maxStoryID(db) + 1))
        let order = StoryEngine.streamOrder(signals)
        var placed: [(decision: Decision, verdict: CopyDetector.Verdict)] = []
        placed.reserveCapacity(order.count)
        for index in order { placed.append(stream.add(signals[index])) }
        let newStory = order.indices.map { stream.clusterer.story(ofArticle: $0) }
        var rankOf = [Int](repeating: 0, count: signals.count)
        for (rank, index) in order.enumerated() { rankOf[index] = rank }

        // Which stored story each replayed article was in, and the overlaps.
        var oldStory: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT articleID, storyID FROM storyArticles WHERE storyID IS NOT NULL") {
            oldStory[row["articleID"]] = row["storyID"]
        }
        var overlap: [Int: [Int: Int]] = [:]
        for (rank, index) in order.enumerated() {
            guard let new = newStory[rank], let old = oldStory[signals[index].id] else { continue }
            overlap[new, default: [:]][old, default: 0] += 1
        }
        let rename = Self.matchIDs(overlap)
        stream.renameStories(rename)
        func renamed(_ id: Int) -> Int { rename[id] ?? id }

        let ids = signals.map(\.id)
        if sinceDay == nil { try db.execute(sql: "DELETE FROM storyArticles") }
        for chunk in stride(from: 0, to: sinceDay == nil ? 0 : ids.count, by: 500) {
            let part = Array(ids[chunk..<min(ids.count, chunk + 500)])
            let marks = part.map { _ in "?" }.joined(separator: ",")
            try db.execute(sql: "DELETE FROM storyArticles WHERE articleID IN (\(marks))", arguments: StatementArguments(part))
        }
        var touched = Set<Int>()
        for (rank, index) in order.enumerated() {
            var decision = placed[rank].decision
            let verdict = placed[rank].verdict
            decision.story = newStory[rank].map(renamed)
            if var chosen = decision.chosen { chosen.story = renamed(chosen.story); decision.chosen = chosen }
            if var runner = decision.runnerUp { runner.story = renamed(runner.story); decision.runnerUp = runner }
            decision.merged = decision.merged.map(renamed)
            let original = verdict.group != rank ? ids[order[verdict.group]] : nil
            let duplicateOf = verdict.duplicateOf.map { ids[order[$0]] }
            if let original {
                decision.note = StoryEngine.copyNote(duplicate: duplicateOf != nil, of: duplicateOf ?? original, similarity: verdict.similarity)
            }
            if let story = decision.story { touched.insert(story) } else if let note = decision.note {
                summary.notes.append("article \(ids[index].prefix(12)): \(note)")
            }
            try StoryTables.place(db, article: ids[index], story: decision.story, position: rank, duplicateOf: duplicateOf,
                                  syndicationOf: original, decision: decision, encoder: encoder)
        }
        // Stories merged away during the replay keep their ids (decisions name them).
        var mergedAway = Set<Int>()
        for (from, _) in stream.mergedStories.sorted(by: { $0.key < $1.key }) {
            let into = stream.clusterer.currentStory(from)
            try StoryTables.ensureRow(db, story: from)
            try StoryTables.merge(db, from, into: into, at: now)
            mergedAway.insert(from)
        }
        // Stored stories that kept no article point at the story holding most of their old ones.
        var byOld: [Int: (story: Int, count: Int)] = [:]
        for (new, olds) in overlap {
            for (old, count) in olds where count > byOld[old]?.count ?? 0 || (count == byOld[old]?.count && renamed(new) < byOld[old]?.story ?? .max) {
                byOld[old] = (renamed(new), count)
            }
        }
        for (old, target) in byOld.sorted(by: { $0.key < $1.key }) where target.story != old {
            let left = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM storyArticles WHERE storyID = ?", arguments: [old]) ?? 0
            guard left == 0 else { touched.insert(old); continue }
            try StoryTables.merge(db, old, into: target.story, at: now)
            mergedAway.insert(old)
        }
        if sinceDay == nil {
            // Every story is made of replayed articles: summarize them from memory.
            var members: [Int: [Int]] = [:]
            for (rank, index) in order.enumerated() { if let story = newStory[rank].map(renamed) { members[story, default: []].append(index) } }
            for (story, list) in members.sorted(by: { $0.key < $1.key }) where !mergedAway.contains(story) {
                let syndication = list.map { index -> String? in
                    let verdict = placed[rankOf[index]].verdict
                    return verdict.group != rankOf[index] ? ids[order[verdict.group]] : nil
                }
                try StoryTables.save(db, summary: StoryTables.summary(id: story, members: list.map { signals[$0] }, syndicationOf: syndication), at: now)
            }
            try StoryTables.refresh(db, stories: touched.subtracting(mergedAway).subtracting(members.keys), at: now)
        } else {
            try StoryTables.refresh(db, stories: touched.subtracting(mergedAway), at: now)
        }
        try StoryTables.saveState(db, stream, newFrom: 0, ids: { ids[order[$0]] }, at: now)
        summary.articles = signals.count
        summary.storiesTouched = touched.count
    }

    /// Pairs rebuilt stories with stored ones, largest shared article count first (ties: the
    /// older stored id), each id used once.
    static func matchIDs(_ overlap: [Int: [Int: Int]]) -> [Int: Int] {
        var pairs: [(new: Int, old: Int, count: Int)] = []
        for (new, olds) in overlap { for (old, count) in olds { pairs.append((new, old, count)) } }
        pairs.sort { ($1.count, $0.old, $0.new) < ($0.count, $1.old, $1.new) }
        var map: [Int: Int] = [:], used = Set<Int>()
        for pair in pairs where map[pair.new] == nil && !used.contains(pair.old) {
            map[pair.new] = pair.old
            used.insert(pair.old)
        }
        return map
    }
}
