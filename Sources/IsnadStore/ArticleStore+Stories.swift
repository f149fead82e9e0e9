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
    /// When the story was first stored.
    public var createdAt: String?
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
                SELECT a.* FROM awaitingSignals w JOIN articles a ON a.seq = w.articleSeq ORDER BY w.articleSeq LIMIT ?
                """, arguments: [limit]).map(\.article)
        }
    }

    /// Articles whose stored signals predate name keys (stores made before migration v4), with
    /// their stored vector and note, so the word signals can be recomputed without re-encoding.
    public func articlesWithStaleSignals(limit: Int = 512) throws(StoreError) -> [(article: Article, vector: [Float]?, note: String?)] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.*, s.vector AS signalVector, s.note AS signalNote FROM articleSignals s CROSS JOIN articles a
                WHERE s.nameKeys IS NULL AND a.id = s.articleID ORDER BY a.seq LIMIT ?
                """, arguments: [limit]).map { row in
                let vector: Data? = row["signalVector"]
                return (try ArticleRow(row: row).article, vector.map { BlobColumn.values($0) }, row["signalNote"])
            }
        }
    }

    /// Saves the story signals of articles (one transaction).
    public func saveSignals(_ signals: [StoryArticle], notes: [String?]) throws(StoreError) {
        do {
            try immediateWrite { db in
                let insert = try db.cachedStatement(sql: """
                    INSERT OR REPLACE INTO articleSignals (articleID, day, terms, numbers, nameKeys, signature, wordCount, vector, note)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                for (index, signal) in signals.enumerated() {
                    try insert.execute(arguments: [signal.id, signal.day, BlobColumn.data(signal.terms), BlobColumn.data(signal.numbers),
                                                   BlobColumn.data(signal.nameKeys), BlobColumn.data(signal.signature), signal.wordCount,
                                                   signal.embedding.map { BlobColumn.data($0) }, index < notes.count ? notes[index] : nil])
                }
                // Off the signals queue; onto the story queue unless already placed.
                let done = try db.cachedStatement(sql: "DELETE FROM awaitingSignals WHERE articleSeq = (SELECT seq FROM articles WHERE id = ?)")
                let queue = try db.cachedStatement(sql: """
                    INSERT OR IGNORE INTO awaitingStory (articleSeq) SELECT seq FROM articles a WHERE a.id = ?
                    AND NOT EXISTS (SELECT 1 FROM storyArticles m WHERE m.articleID = a.id)
                    """)
                for signal in signals {
                    try done.execute(arguments: [signal.id])
                    try queue.execute(arguments: [signal.id])
                }
            }
        } catch {
            throw StoreError(path: path, "cannot save story signals", error)
        }
    }

    /// Every article's story signals in ingestion order (the stream a rebuild replays),
    /// optionally only those published on or after `sinceDay` (plus undated ones).
    public func signals(sinceDay: Int? = nil) throws(StoreError) -> [StoryArticle] {
        try read { db in try StoryTables.all(db, sinceDay: sinceDay) }
    }

    /// Stories in the store (merged ones not counted).
    public func storyCount() throws(StoreError) -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM stories WHERE mergedInto IS NULL AND articleCount > 0") ?? 0
        }
    }

    /// Stories, latest activity first (undated last), read in index order.
    public func stories(limit: Int = 50) throws(StoreError) -> [StoredStory] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM stories WHERE mergedInto IS NULL AND articleCount > 0
                ORDER BY lastPublished DESC, articleCount DESC, id LIMIT ?
                """, arguments: [limit]).map(StoredStory.init(row:))
        }
    }

    /// One story and its articles in stream order; nil when there never was such a story. A
    /// story merged into another resolves to the story it went into, saying so.
    public func story(id: Int) throws(StoreError) -> StoryDetail? {
        try read { db in
            var path: [Int] = []
            var current = id
            var row: Row?
            while true {
                guard let found = try Row.fetchOne(db, sql: "SELECT * FROM stories WHERE id = ?", arguments: [current]) else { return nil }
                row = found
                guard let next: Int = found["mergedInto"], !path.contains(next), path.count < 64 else { break }
                path.append(current)
                current = next
            }
            guard let row else { return nil }
            let members = try Row.fetchAll(db, sql: """
                SELECT a.id, a.title, a.language, a.outlet, a.published, a.path, a.paragraphs, a.removed,
                       m.duplicateOf, m.syndicationOf, m.decision
                FROM storyArticles m JOIN articles a ON a.id = m.articleID WHERE m.storyID = ? ORDER BY m.position
                """, arguments: [current])
            let decoder = JSONDecoder()
            return StoryDetail(story: StoredStory(row: row), mergedFrom: path, articles: members.map { row in
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

    /// The story each article is in now (articles not clustered are absent).
    public func storyOfArticles() throws(StoreError) -> [String: Int] {
        try read { db in
            var result: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT articleID, storyID FROM storyArticles WHERE storyID IS NOT NULL") {
                result[row["articleID"]] = row["storyID"]
            }
            return result
        }
    }
}

/// One story as every view shows it: the story, its articles in stream order, and the ids
/// that led to it (an old id of a story merged into this one).
public struct StoryDetail: Sendable {
    public var story: StoredStory
    /// Ids followed to reach `story`, first the one asked for; empty when it was asked for directly.
    public var mergedFrom: [Int]
    public var articles: [StoredStoryArticle]
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
        createdAt = row["createdAt"]
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
