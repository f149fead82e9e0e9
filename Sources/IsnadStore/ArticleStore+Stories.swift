import Foundation
import GRDB
import IsnadIngest
import IsnadStories
import IsnadText

/// One stored story, as `isnad stories` lists it.
public struct StoredStory: Sendable, Equatable {
    public var id: Int
    public var title: String
    public var language: String
    public var languages: [String]
    public var outlets: [String]
    public var independentSources: Int
    public var articleCount: Int
    public var firstPublished: String?
    public var lastPublished: String?
}

/// One article of a stored story, with why it is there.
public struct StoredStoryArticle: Sendable {
    public var summary: ArticleSummary
    public var duplicateOf: String?
    public var syndicationOf: String?
    public var decision: Decision?
}

extension ArticleStore {
    /// Stored articles that have no story signals yet, in ingestion order.
    public func articlesWithoutSignals(limit: Int = 512) throws(StoreError) -> [Article] {
        try read { db in
            try ArticleRow.fetchAll(db, sql: """
                SELECT a.* FROM articles a LEFT JOIN articleSignals s ON s.articleID = a.id
                WHERE s.articleID IS NULL ORDER BY a.seq LIMIT ?
                """, arguments: [limit]).map(\.article)
        }
    }

    /// Articles whose stored signals predate name keys (stores made before migration v4), with
    /// their stored vector and note, so the word signals can be recomputed without re-encoding.
    public func articlesWithStaleSignals(limit: Int = 512) throws(StoreError) -> [(article: Article, vector: [Float]?, note: String?)] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.*, s.vector AS signalVector, s.note AS signalNote FROM articles a JOIN articleSignals s ON s.articleID = a.id
                WHERE s.nameKeys IS NULL ORDER BY a.seq LIMIT ?
                """, arguments: [limit]).map { row in
                let vector: Data? = row["signalVector"]
                return (try ArticleRow(row: row).article, vector.map { BlobColumn.values($0) }, row["signalNote"])
            }
        }
    }

    /// Saves the story signals of articles (one transaction).
    public func saveSignals(_ signals: [StoryArticle], notes: [String?]) throws(StoreError) {
        do {
            try queue.write { db in
                let insert = try db.cachedStatement(sql: """
                    INSERT OR REPLACE INTO articleSignals (articleID, day, terms, numbers, nameKeys, signature, wordCount, vector, note)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                for (index, signal) in signals.enumerated() {
                    try insert.execute(arguments: [signal.id, signal.day, BlobColumn.data(signal.terms), BlobColumn.data(signal.numbers),
                                                   BlobColumn.data(signal.nameKeys), BlobColumn.data(signal.signature), signal.wordCount,
                                                   signal.embedding.map { BlobColumn.data($0) }, index < notes.count ? notes[index] : nil])
                }
            }
        } catch {
            throw StoreError(path: path, message: "cannot save story signals: \(error)")
        }
    }

    /// Every article's story signals in ingestion order (the stream the story engine replays),
    /// optionally only those published on or after `sinceDay` (plus undated ones).
    public func signals(sinceDay: Int? = nil) throws(StoreError) -> [StoryArticle] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT a.id, a.language, a.outlet, a.title, s.day, s.terms, s.numbers, s.nameKeys, s.signature, s.wordCount, s.vector
                FROM articles a JOIN articleSignals s ON s.articleID = a.id
                WHERE ? IS NULL OR s.day IS NULL OR s.day >= ? ORDER BY a.seq
                """, arguments: [sinceDay, sinceDay])
            return rows.enumerated().map { order, row in
                let vector: Data? = row["vector"]
                return StoryArticle(id: row["id"], language: row["language"], outlet: row["outlet"], title: row["title"], day: row["day"],
                                    order: order, embedding: vector.map { BlobColumn.values($0) },
                                    terms: BlobColumn.values(row["terms"]), numbers: BlobColumn.values(row["numbers"]),
                                    nameKeys: BlobColumn.values(row["nameKeys"]), signature: BlobColumn.values(row["signature"]), wordCount: row["wordCount"])
            }
        }
    }

    /// Replaces the stories of `signals`' articles with `analysis` (one transaction); stories
    /// that lose all their articles are deleted.
    public func replaceStories(_ analysis: StoryAnalysis, for signals: [StoryArticle]) throws(StoreError) {
        do {
            try queue.write { db in
                let ids = signals.map(\.id)
                for chunk in stride(from: 0, to: ids.count, by: 500) {
                    let part = Array(ids[chunk..<min(ids.count, chunk + 500)])
                    let marks = part.map { _ in "?" }.joined(separator: ",")
                    try db.execute(sql: "DELETE FROM storyArticles WHERE articleID IN (\(marks))", arguments: StatementArguments(part))
                }
                try db.execute(sql: "DELETE FROM stories WHERE id NOT IN (SELECT DISTINCT storyID FROM storyArticles WHERE storyID IS NOT NULL)")
                let base = (try Int.fetchOne(db, sql: "SELECT MAX(id) FROM stories") ?? 0) + 1
                let insertStory = try db.cachedStatement(sql: """
                    INSERT INTO stories (id, title, language, languages, outlets, independentSources, articleCount, firstPublished, lastPublished)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                for story in analysis.stories {
                    try insertStory.execute(arguments: [
                        base + story.id, story.title, story.language, JSONColumn.strings(story.languages), JSONColumn.strings(story.outlets),
                        story.independentSources, story.articles.count, story.firstDay.map(StoryPipeline.date(ofDay:)),
                        story.lastDay.map(StoryPipeline.date(ofDay:)),
                    ])
                }
                let insertMember = try db.cachedStatement(sql: """
                    INSERT INTO storyArticles (articleID, storyID, position, duplicateOf, syndicationOf, decision) VALUES (?, ?, ?, ?, ?, ?)
                    """)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                for (index, signal) in signals.enumerated() {
                    var decision = analysis.decisions[index]
                    decision.story = analysis.storyOfArticle[index].map { base + $0 }
                    let json = String(decoding: try encoder.encode(decision), as: UTF8.self)
                    let group = analysis.syndicationGroup[index]
                    try insertMember.execute(arguments: [
                        signal.id, analysis.storyOfArticle[index].map { base + $0 }, index,
                        analysis.duplicateOf[index].map { signals[$0].id }, group == index ? nil : signals[group].id, json,
                    ])
                }
            }
        } catch {
            throw StoreError(path: path, message: "cannot save stories: \(error)")
        }
    }

    /// Stories, latest activity first.
    public func stories(limit: Int = 50) throws(StoreError) -> [StoredStory] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM stories ORDER BY lastPublished IS NULL, lastPublished DESC, articleCount DESC, id LIMIT ?
                """, arguments: [limit]).map(StoredStory.init(row:))
        }
    }

    /// One story and its articles in stream order; nil when there is no such story.
    public func story(id: Int) throws(StoreError) -> (story: StoredStory, articles: [StoredStoryArticle])? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM stories WHERE id = ?", arguments: [id]) else { return nil }
            let members = try Row.fetchAll(db, sql: """
                SELECT a.id, a.title, a.language, a.outlet, a.published, a.path, a.paragraphs, a.removed,
                       m.duplicateOf, m.syndicationOf, m.decision
                FROM storyArticles m JOIN articles a ON a.id = m.articleID WHERE m.storyID = ? ORDER BY m.position
                """, arguments: [id])
            let decoder = JSONDecoder()
            return (StoredStory(row: row), members.map { row in
                let paragraphs: [TextSpan] = JSONColumn.decode(row["paragraphs"]) ?? []
                let removed: RemovedReport = JSONColumn.decode(row["removed"]) ?? RemovedReport()
                let summary = ArticleSummary(id: row["id"], title: row["title"], language: row["language"], outlet: row["outlet"],
                                             published: row["published"], path: row["path"], paragraphs: paragraphs.count,
                                             duplicateParagraphs: removed.duplicateParagraphs, boilerplate: removed.boilerplate.count)
                let json: String = row["decision"]
                return StoredStoryArticle(summary: summary, duplicateOf: row["duplicateOf"], syndicationOf: row["syndicationOf"],
                                          decision: try? decoder.decode(Decision.self, from: Data(json.utf8)))
            })
        }
    }
}

extension StoredStory {
    init(row: Row) {
        id = row["id"]
        title = row["title"]
        language = row["language"]
        languages = JSONColumn.decode(row["languages"]) ?? []
        outlets = JSONColumn.decode(row["outlets"]) ?? []
        independentSources = row["independentSources"]
        articleCount = row["articleCount"]
        firstPublished = row["firstPublished"]
        lastPublished = row["lastPublished"]
    }
}

/// Little-endian packed arrays in BLOB columns.
enum BlobColumn {
    static func data<T: FixedWidthInteger>(_ values: [T]) -> Data {
        var data = Data(capacity: values.count * MemoryLayout<T>.size)
        for value in values { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    static func data(_ values: [Float]) -> Data { data(values.map(\.bitPattern)) }

    static func values<T: FixedWidthInteger>(_ data: Data?) -> [T] {
        guard let data else { return [] }
        let size = MemoryLayout<T>.size
        return data.withUnsafeBytes { raw in
            (0..<raw.count / size).map { T(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * size, as: T.self)) }
        }
    }

    static func values(_ data: Data?) -> [Float] {
        let bits: [UInt32] = values(data)
        return bits.map(Float.init(bitPattern:))
    }
}
