import Foundation
import GRDB
import IsnadStories

/// The story tables inside one write transaction: signals in, memberships, merges, story rows
/// and the engine state out. Every function takes the transaction's `Database`, so an update
/// is all or nothing (a kill mid-update leaves the previous stories and state, consistent).
enum StoryTables {
    static let signalColumns = "a.id, a.seq, a.language, a.outlet, a.title, s.day, s.terms, s.numbers, s.nameKeys, s.signature, s.wordCount, s.vector"

    /// An article's signals from a row selected with ``signalColumns``; its stream order is its
    /// ingestion sequence number, the same in a full and an incremental run.
    static func signal(_ row: Row) -> StoryArticle {
        let vector: Data? = row["vector"]
        return StoryArticle(id: row["id"], language: row["language"], outlet: row["outlet"], title: row["title"], day: row["day"],
                            order: row["seq"], embedding: vector.map { BlobColumn.values($0) },
                            terms: BlobColumn.values(row["terms"]), numbers: BlobColumn.values(row["numbers"]),
                            nameKeys: BlobColumn.values(row["nameKeys"]), signature: BlobColumn.values(row["signature"]),
                            wordCount: row["wordCount"])
    }

    /// Articles with signals that no story update has placed yet, in ingestion order.
    static func unplaced(_ db: Database) throws -> [StoryArticle] {
        try Row.fetchAll(db, sql: """
            SELECT \(signalColumns) FROM awaitingStory w JOIN articles a ON a.seq = w.articleSeq
            JOIN articleSignals s ON s.articleID = a.id ORDER BY w.articleSeq
            """).map(signal)
    }

    /// Every article's signals (or those published from `sinceDay` on, and undated ones), in
    /// ingestion order.
    static func all(_ db: Database, sinceDay: Int? = nil) throws -> [StoryArticle] {
        try Row.fetchAll(db, sql: """
            SELECT \(signalColumns) FROM articles a JOIN articleSignals s ON s.articleID = a.id
            WHERE ? IS NULL OR s.day IS NULL OR s.day >= ? ORDER BY a.seq
            """, arguments: [sinceDay, sinceDay]).map(signal)
    }

    /// The stories that had articles within `window` days of `day`, each with its members'
    /// signals: what a late article is judged against. Bounded (`maxStories`, `maxMembers`
    /// each, nearest days first) so one late article never costs a replay.
    static func neighbours(_ db: Database, day: Int, window: Int, maxStories: Int = 400,
                           maxMembers: Int = 200) throws -> [Int: [StoryArticle]] {
        let ids = try Int.fetchAll(db, sql: """
            SELECT m.storyID FROM storyArticles m JOIN articleSignals s ON s.articleID = m.articleID
            WHERE s.day BETWEEN ? AND ? AND m.storyID IS NOT NULL
            GROUP BY m.storyID ORDER BY MIN(ABS(s.day - ?)), m.storyID LIMIT ?
            """, arguments: [day - window, day + window, day, maxStories])
        var result: [Int: [StoryArticle]] = [:]
        for id in ids {
            result[id] = try Row.fetchAll(db, sql: """
                SELECT \(signalColumns) FROM storyArticles m JOIN articles a ON a.id = m.articleID
                JOIN articleSignals s ON s.articleID = m.articleID WHERE m.storyID = ?
                ORDER BY ABS(COALESCE(s.day, ?) - ?), m.position LIMIT ?
                """, arguments: [id, day, day, maxMembers]).map(signal).sorted { $0.order < $1.order }
        }
        return result
    }

    /// Records where an article went.
    static func place(_ db: Database, article: String, story: Int?, position: Int, duplicateOf: String?,
                      syndicationOf: String?, decision: Decision, encoder: JSONEncoder) throws {
        let json = String(decoding: try encoder.encode(decision), as: UTF8.self)
        if let story { try ensureRow(db, story: story) }
        try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO storyArticles (articleID, storyID, position, duplicateOf, syndicationOf, decision)
            VALUES (?, ?, ?, ?, ?, ?)
            """).execute(arguments: [article, story, position, duplicateOf, syndicationOf, json])
        try db.cachedStatement(sql: "DELETE FROM awaitingStory WHERE articleSeq = (SELECT seq FROM articles WHERE id = ?)")
            .execute(arguments: [article])
    }

    /// The encoder for stored decisions (sorted keys: the same decision is the same text).
    static func decisionEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    /// A new story's row exists from its first article on; ``refresh(_:stories:at:)`` fills it.
    static func ensureRow(_ db: Database, story: Int) throws {
        try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO stories (id, title, language, languages, outlets, independentSources, articleCount, createdAt, updatedAt)
            VALUES (?, '', 'und', '[]', '[]', 0, 0, datetime('now'), datetime('now'))
            """).execute(arguments: [story])
    }

    /// Moves the articles of story `from` into `into` and leaves `from` as a pointer to it
    /// (stories that pointed at `from` now point at `into`).
    static func merge(_ db: Database, _ from: Int, into: Int, at time: String) throws {
        guard from != into else { return }
        try db.execute(sql: "UPDATE storyArticles SET storyID = ? WHERE storyID = ?", arguments: [into, from])
        try db.execute(sql: "UPDATE stories SET mergedInto = ?, updatedAt = ? WHERE mergedInto = ? AND id != ?",
                       arguments: [into, time, from, into])
        try db.execute(sql: "UPDATE stories SET mergedInto = ?, updatedAt = ? WHERE id = ? AND id != ?", arguments: [into, time, from, into])
    }

    /// Recomputes the listing row of each story from its members (title, languages, outlets,
    /// independent sources, dates), inserting rows for new stories.
    static func refresh(_ db: Database, stories ids: Set<Int>, at time: String) throws {
        for id in ids.sorted() {
            let rows = try Row.fetchAll(db, sql: """
                SELECT a.id, a.seq, a.language, a.outlet, a.title, s.day, m.syndicationOf
                FROM storyArticles m JOIN articles a ON a.id = m.articleID LEFT JOIN articleSignals s ON s.articleID = m.articleID
                WHERE m.storyID = ? ORDER BY m.position
                """, arguments: [id])
            let members = rows.map { row in
                StoryArticle(id: row["id"], language: row["language"], outlet: row["outlet"], title: row["title"], day: row["day"],
                             order: row["seq"], embedding: nil, terms: [], numbers: [], signature: [], wordCount: 0)
            }
            try save(db, summary: summary(id: id, members: members, syndicationOf: rows.map { $0["syndicationOf"] }), at: time)
        }
    }

    /// A story's listing from its members in stream order and, per member, the article whose
    /// wire text it repeats (so copies count once as sources).
    static func summary(id: Int, members: [StoryArticle], syndicationOf: [String?]) -> StorySummary {
        var first: [String: Int] = [:]
        for (index, member) in members.enumerated() where first[member.id] == nil { first[member.id] = index }
        let groups = syndicationOf.enumerated().map { index, original in original.flatMap { first[$0] } ?? index }
        return StorySummary(id: id, articles: Array(members.indices), articles: members, groups: groups)
    }

    /// Writes a story's listing row (its id is `summary.id`).
    static func save(_ db: Database, summary: StorySummary, at time: String) throws {
        try db.cachedStatement(sql: """
            INSERT INTO stories (id, title, language, languages, outlets, independentSources, articleCount,
                                 firstPublished, lastPublished, createdAt, updatedAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET title = excluded.title, language = excluded.language, languages = excluded.languages,
                outlets = excluded.outlets, independentSources = excluded.independentSources, articleCount = excluded.articleCount,
                firstPublished = excluded.firstPublished, lastPublished = excluded.lastPublished, updatedAt = excluded.updatedAt,
                mergedInto = CASE WHEN excluded.articleCount > 0 THEN NULL ELSE stories.mergedInto END
            """).execute(arguments: [
                summary.id, summary.title, summary.language, JSONColumn.strings(summary.languages), JSONColumn.strings(summary.outlets),
                summary.independentSources, summary.articles.count, summary.firstDay.map(StoryPipeline.date(ofDay:)),
                summary.lastDay.map(StoryPipeline.date(ofDay:)), time, time,
            ])
    }

    /// The saved engine state; nil when there is none.
    static func loadState(_ db: Database) throws -> Data? {
        try Data.fetchOne(db, sql: "SELECT state FROM storyEngineState WHERE name = 'stream'")
    }

    /// Saves the engine state, the term counters it changed, and the copy detector's entries of
    /// the articles from stream position `newFrom` on (`ids` names them); forgets the
    /// signatures and band keys of articles that left the copy window.
    static func saveState(_ db: Database, _ stream: StoryStream, newFrom: Int, ids: (Int) -> String?, at time: String) throws {
        try db.execute(sql: """
            INSERT OR REPLACE INTO storyEngineState (name, version, articles, state, savedAt) VALUES ('stream', ?, ?, ?, ?)
            """, arguments: [StoryStream.snapshotVersion, stream.count, stream.snapshot(includingCounts: false), time])
        let index = stream.termIndexChanges
        if index.complete { try db.execute(sql: "DELETE FROM storyTermIndex") }
        let putEntry = try db.cachedStatement(sql: "INSERT OR REPLACE INTO storyTermIndex (term, stories) VALUES (?, ?)")
        let dropEntry = try db.cachedStatement(sql: "DELETE FROM storyTermIndex WHERE term = ?")
        for (term, stories, loaded) in index.entries {
            var list = stories
            if !loaded {
                // Only appended to in memory: add to what the store has.
                let stored: Data? = try Data.fetchOne(db, sql: "SELECT stories FROM storyTermIndex WHERE term = ?",
                                                      arguments: [Int64(bitPattern: term)])
                var merged: [Int32] = BlobColumn.values(stored)
                for story in stories where merged.last != story { merged.append(story) }
                list = merged
            }
            if list.isEmpty { try dropEntry.execute(arguments: [Int64(bitPattern: term)]) } else {
                try putEntry.execute(arguments: [Int64(bitPattern: term), BlobColumn.data(list)])
            }
        }
        let counts = stream.termCounts
        if counts.complete { try db.execute(sql: "DELETE FROM storyTermCounts") }
        let upsert = try db.cachedStatement(sql: "INSERT OR REPLACE INTO storyTermCounts (slot, count) VALUES (?, ?)")
        for (slot, count) in counts.changed { try upsert.execute(arguments: [slot, Int(count)]) }
        if newFrom == 0 {
            try db.execute(sql: "DELETE FROM copyWindow")
            try db.execute(sql: "DELETE FROM copyBands")
        }
        let row = try db.cachedStatement(sql: "INSERT OR REPLACE INTO copyWindow (position, articleID, groupPosition, signature) VALUES (?, ?, ?, ?)")
        let band = try db.cachedStatement(sql: "INSERT INTO copyBands (bandKey, position) VALUES (?, ?)")
        for position in newFrom..<stream.count {
            guard let entry = stream.copyEntry(position), let id = ids(position) else { continue }
            try row.execute(arguments: [position, id, entry.group, entry.signature.isEmpty ? nil : BlobColumn.data(entry.signature)])
            for key in entry.keys { try band.execute(arguments: [Int64(bitPattern: key), position]) }
        }
        try db.execute(sql: "DELETE FROM copyBands WHERE position < ?", arguments: [stream.copyWindowStart])
        try db.execute(sql: "UPDATE copyWindow SET signature = NULL WHERE position < ? AND signature IS NOT NULL",
                       arguments: [stream.copyWindowStart])
    }

    /// Earlier articles of the copy window sharing a band key with `keys`: position, signature,
    /// syndication group, id, and the story each is in now.
    static func copyCandidates(_ db: Database, keys: Set<UInt64>, from firstKept: Int)
        throws -> [(position: Int, signature: [UInt32], group: Int, id: String, story: Int?)] {
        var positions = Set<Int>()
        let list = keys.map { Int64(bitPattern: $0) }
        for chunk in stride(from: 0, to: list.count, by: 500) {
            let part = Array(list[chunk..<min(list.count, chunk + 500)])
            let marks = part.map { _ in "?" }.joined(separator: ",")
            positions.formUnion(try Int.fetchAll(db, sql: "SELECT position FROM copyBands WHERE bandKey IN (\(marks)) AND position >= ?",
                                                 arguments: StatementArguments(part + [Int64(firstKept)])))
        }
        return try positions.sorted().compactMap { position in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT w.signature, w.groupPosition, w.articleID, m.storyID FROM copyWindow w
                LEFT JOIN storyArticles m ON m.articleID = w.articleID WHERE w.position = ?
                """, arguments: [position]) else { return nil }
            let signature: Data? = row["signature"]
            return (position, BlobColumn.values(signature), row["groupPosition"], row["articleID"], row["storyID"])
        }
    }

    /// The id of the article at a stream position (copy groups can start before the window).
    static func articleID(_ db: Database, position: Int) throws -> String? {
        try String.fetchOne(db, sql: "SELECT articleID FROM copyWindow WHERE position = ?", arguments: [position])
    }

    /// What a closed story's reopening needs, from its members.
    static func closedStoryFacts(_ db: Database, ids: Set<Int>) throws -> [ClosedStoryFacts] {
        try ids.sorted().compactMap { id in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT COUNT(*) AS n, MIN(s.day) AS first, MAX(s.day) AS last, MAX(a.seq) AS lastSeq
                FROM storyArticles m JOIN articles a ON a.id = m.articleID LEFT JOIN articleSignals s ON s.articleID = m.articleID
                WHERE m.storyID = ?
                """, arguments: [id]), let count: Int = row["n"], count > 0 else { return nil }
            var languages: [String: Int] = [:]
            for language in try Row.fetchAll(db, sql: """
                SELECT a.language, COUNT(*) AS n FROM storyArticles m JOIN articles a ON a.id = m.articleID WHERE m.storyID = ? GROUP BY a.language
                """, arguments: [id]) {
                languages[language["language"]] = language["n"]
            }
            return ClosedStoryFacts(id: id, memberCount: count, firstDay: row["first"], lastDay: row["last"],
                                    lastOrder: row["lastSeq"] ?? 0, languages: languages)
        }
    }

    /// Stored term index entries of the given terms.
    static func termIndex(_ db: Database, terms: Set<UInt64>) throws -> [UInt64: [Int32]] {
        var entries: [UInt64: [Int32]] = [:]
        let list = terms.map { Int64(bitPattern: $0) }
        for chunk in stride(from: 0, to: list.count, by: 500) {
            let part = Array(list[chunk..<min(list.count, chunk + 500)])
            let marks = part.map { _ in "?" }.joined(separator: ",")
            for row in try Row.fetchAll(db, sql: "SELECT term, stories FROM storyTermIndex WHERE term IN (\(marks))",
                                        arguments: StatementArguments(part)) {
                let term: Int64 = row["term"]
                entries[UInt64(bitPattern: term)] = BlobColumn.values(row["stories"] as Data?)
            }
        }
        return entries
    }

    /// Stored term counters: the given slots, or all of them.
    static func termCounts(_ db: Database, slots: Set<Int>?) throws -> [Int: UInt32] {
        var values: [Int: UInt32] = [:]
        func collect(_ rows: RowCursor) throws {
            while let row = try rows.next() { values[row[0]] = UInt32(truncatingIfNeeded: row[1] as Int) }
        }
        guard let slots else {
            try collect(try Row.fetchCursor(db, sql: "SELECT slot, count FROM storyTermCounts"))
            return values
        }
        let list = slots.sorted()
        for chunk in stride(from: 0, to: list.count, by: 500) {
            let part = Array(list[chunk..<min(list.count, chunk + 500)])
            let marks = part.map { _ in "?" }.joined(separator: ",")
            try collect(try Row.fetchCursor(db, sql: "SELECT slot, count FROM storyTermCounts WHERE slot IN (\(marks))",
                                            arguments: StatementArguments(part)))
        }
        return values
    }

    /// The highest story id ever given (merged and emptied stories keep theirs).
    static func maxStoryID(_ db: Database) throws -> Int { try Int.fetchOne(db, sql: "SELECT MAX(id) FROM stories") ?? -1 }
}
