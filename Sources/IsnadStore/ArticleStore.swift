import Foundation
import GRDB
import IsnadIngest
import IsnadText

/// A short listing row: what `isnad articles` shows.
public struct ArticleSummary: Sendable, Hashable {
    public var id: String
    public var title: String
    public var language: String
    public var outlet: String?
    public var published: String?
    public var path: String
    public var paragraphs: Int
    public var duplicateParagraphs: Int
    public var boilerplate: Int
}

/// One full-text search hit.
public struct SearchHit: Sendable, Hashable {
    public var id: String
    public var title: String
    public var language: String
    public var outlet: String?
    /// Matching passage with the matched words in [brackets].
    public var snippet: String
    public var score: Double
}

/// What saving a batch did.
public struct SaveReport: Sendable, Hashable {
    /// Articles new to the store.
    public var inserted = 0
    /// Articles whose content was already stored (same file again, or an exact copy elsewhere).
    public var alreadyStored = 0
}

/// The embedded store: SQLite through GRDB, WAL journal, one transaction per batch so a crash
/// loses at most the batch in flight. Articles are keyed by their place and text (``ArticleIdentity``).
public final class ArticleStore: Sendable {
    public let path: String
    /// A pool (readers beside the one writer) for a writable store; a single read-only
    /// connection for ``openForReading(path:)``.
    let queue: any DatabaseWriter

    /// Opens (creating and migrating when needed) the store at `path`; with `readOnly`, opens
    /// it for reading only, writing nothing, not even `-wal`/`-shm` files (see
    /// ``openForReading(path:)``, which also refuses a missing store).
    public init(path: String, readOnly: Bool = false) throws(StoreError) {
        self.path = path
        var config = Configuration()
        if readOnly { config.readonly = true } else { config.journalMode = .wal }
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            db.add(tokenizer: IsnadFTSTokenizer.self)
            // WAL + NORMAL: a crash or kill never corrupts the store nor loses a committed batch
            // (only a power cut can lose the last commits); FULL would fsync every batch.
            if !readOnly { try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        }
        do {
            if readOnly {
                queue = try DatabaseQueue(path: Self.readOnlyLocation(path), configuration: config)
                try Self.checkReadable(queue, path: path)
            } else {
                queue = try Self.openWriter(path: path, configuration: config)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(path: path, "cannot open store", error)
        }
    }

    /// Opens and migrates a writable store, waiting (up to about 10 s) while another process
    /// holds it: switching a new file to WAL needs the lock at once, where SQLite's busy timeout
    /// does not apply, and two processes may start the same migration, so two `isnad ingest`
    /// runs starting together on a new store would otherwise fail.
    private static func openWriter(path: String, configuration: Configuration) throws -> DatabasePool {
        var attempt = 0
        while true {
            do {
                let pool = try DatabasePool(path: path, configuration: configuration)
                try StoreMigrations.migrator.migrate(pool)
                return pool
            } catch let error as DatabaseError where attempt < 100 && (error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
                || (error.message ?? "").contains("already exists") || (error.message ?? "").contains("duplicate column")) {
                // Busy, or another process ran the same migration first (its tables or columns
                // exist now): try again, and the migrator sees what the other process committed.
                attempt += 1
                usleep(100_000)
            }
        }
    }

    /// Saves articles in one transaction, with the furniture counts learned meanwhile and the
    /// documents those counts now include (``FurnitureDocuments``).
    @discardableResult
    public func save(
        _ articles: [Article], furnitureChanges: [(group: String, documents: Int, lines: [Int64: Int])] = [],
        furnitureDocuments: [Int64] = []
    ) throws(StoreError) -> SaveReport {
        var report = SaveReport()
        let now = ISO8601DateFormatter().string(from: Date())
        do {
            try immediateWrite { db in
                // Raw cached statements: GRDB's Codable record path cost as much as SQLite's own work.
                let exists = try db.cachedStatement(sql: "SELECT 1 FROM articles WHERE id = ?")
                // Stores written before ids included the place keyed articles by text alone: the
                // same source with the same text is the article stored then.
                let storedBefore = try db.cachedStatement(sql: """
                    SELECT a.id FROM sources s JOIN articles a ON a.id = s.articleID WHERE s.path = ? AND s.item = ? AND a.original = ?
                    """)
                let insert = try db.cachedStatement(sql: ArticleRow.insertSQL)
                let source = try db.cachedStatement(
                    sql: "INSERT OR REPLACE INTO sources (path, item, articleID, ingestedAt) VALUES (?, ?, ?, ?)")
                // Rows inserted now get rowids above the current largest.
                let lastBefore = try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM articles") ?? 0
                for article in articles {
                    if try Bool.fetchOne(exists, arguments: [article.id]) ?? false {
                        report.alreadyStored += 1
                    } else if try String.fetchOne(storedBefore, arguments: [article.path, article.item ?? -1, article.original]) != nil {
                        report.alreadyStored += 1
                        continue
                    } else {
                        try insert.execute(arguments: ArticleRow(article, ingestedAt: now).insertArguments)
                        report.inserted += 1
                    }
                    try source.execute(arguments: [article.path, article.item ?? -1, article.id, now])
                }
                try db.execute(sql: "INSERT OR IGNORE INTO awaitingSignals (articleSeq) SELECT seq FROM articles WHERE seq > ?",
                               arguments: [lastBefore])
                try db.execute(sql: "INSERT OR IGNORE INTO awaitingClaims (articleSeq) SELECT seq FROM articles WHERE seq > ?",
                               arguments: [lastBefore])
                try FurnitureTable.save(furnitureChanges, db)
                try FurnitureDocuments.save(furnitureDocuments, db)
                // The batch's full-text rows in one statement, last: FTS5 writes its pending terms
                // out as a new index segment at every statement savepoint once it is part of a
                // transaction, so a statement per article meant a segment per article.
                try db.execute(sql: """
                    INSERT INTO articles_fts (rowid, title, text) SELECT seq, title, text FROM articles WHERE seq > ?
                    """, arguments: [lastBefore])
            }
        } catch {
            throw StoreError(path: path, "cannot save articles", error)
        }
        return report
    }

    /// Whether the store already holds this source (path and item) with this content.
    public func contains(articleID: String) throws(StoreError) -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT 1 FROM articles WHERE id = ?", arguments: [articleID]) ?? false }
    }

    /// All learned furniture counts.
    public func furnitureModel() throws(StoreError) -> LineFrequencyModel {
        try read { db in try FurnitureTable.load(db) }
    }

    /// Adds to `model` the stored counts of the given lines (per group) it does not hold yet;
    /// `loaded` remembers what was loaded across calls.
    public func loadFurniture(_ lines: [String: Set<Int64>], into model: inout LineFrequencyModel,
                              loaded: inout [String: Set<Int64>]) throws(StoreError) {
        var wanted: [String: Set<Int64>] = [:]
        for (group, keys) in lines {
            let missing = keys.subtracting(loaded[group] ?? [])
            if !missing.isEmpty || loaded[group] == nil { wanted[group] = missing }
        }
        guard !wanted.isEmpty else { return }
        let found = try read { db in try FurnitureTable.load(db, lines: wanted) }
        for entry in found {
            let firstTime = loaded[entry.group] == nil
            model.merge(group: entry.group, documents: firstTime ? entry.documents ?? 0 : 0, lineCounts: entry.counts)
            loaded[entry.group, default: []].formUnion(wanted[entry.group] ?? [])
        }
    }

    /// Number of stored articles.
    public func count() throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM articles") ?? 0 }
    }

    /// Articles, newest publication first (undated last), then by ingestion order.
    public func summaries(limit: Int = 100, offset: Int = 0) throws(StoreError) -> [ArticleSummary] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT id, title, language, outlet, published, path, paragraphs, removed FROM articles
                ORDER BY published IS NULL, published DESC, seq LIMIT ? OFFSET ?
                """, arguments: [limit, offset])
            return rows.map { row in
                let paragraphs: [TextSpan] = JSONColumn.decode(row["paragraphs"]) ?? []
                let removed: RemovedReport = JSONColumn.decode(row["removed"]) ?? RemovedReport()
                return ArticleSummary(id: row["id"], title: row["title"], language: row["language"], outlet: row["outlet"],
                                      published: row["published"], path: row["path"], paragraphs: paragraphs.count,
                                      duplicateParagraphs: removed.duplicateParagraphs, boilerplate: removed.boilerplate.count)
            }
        }
    }

    /// The article whose id starts with `prefix` (at least 4 hex digits); nil when none,
    /// an error when the prefix is ambiguous.
    public func article(idPrefix prefix: String) throws(StoreError) -> Article? {
        let clean = prefix.lowercased()
        guard clean.count >= 4, clean.allSatisfy(\.isHexDigit) else {
            throw StoreError(path: path, message: "'\(prefix)' is not an article id (give at least 4 hex digits, as `isnad articles` shows)", cause: .user)
        }
        let rows = try read { db in
            try ArticleRow.fetchAll(db, sql: "SELECT * FROM articles WHERE id >= ? AND id < ? LIMIT 2",
                                    arguments: [clean, clean + "g"])
        }
        if rows.count > 1 { throw StoreError(path: path, message: "id prefix '\(prefix)' matches several articles; give more digits", cause: .user) }
        return rows.first?.article
    }

    /// Full-text search across languages and scripts; `query` words are matched by their keys
    /// (all words must occur), best matches first. A query over ``SearchQuery``'s limits
    /// (64 words, 1,000 characters) is refused with an error naming the limit.
    public func search(_ query: String, limit: Int = 20) throws(StoreError) -> [SearchHit] {
        let keys: [String]
        switch SearchQuery.keys(of: query) {
        case .success(let found): keys = found
        case .failure(let problem): throw StoreError(path: path, message: problem.message, cause: .user)
        }
        guard !keys.isEmpty else { return [] }
        let match = keys.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: " ")
        return try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT a.id, a.title, a.language, a.outlet,
                       snippet(articles_fts, 1, '[', ']', '…', 16) AS snippet, bm25(articles_fts) AS score
                FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid
                WHERE articles_fts MATCH ? ORDER BY score LIMIT ?
                """, arguments: [match, limit])
            return rows.map { row in
                SearchHit(id: row["id"], title: row["title"], language: row["language"], outlet: row["outlet"],
                          snippet: row["snippet"], score: -(row["score"] as Double? ?? 0))
            }
        }
    }

    /// Runs SQLite's integrity check; returns its findings (`["ok"]` when sound).
    public func integrityCheck() throws(StoreError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }

    /// A write transaction that takes the write lock when it begins: a deferred one that read
    /// first would fail at once (not wait) when another process committed meanwhile, so two
    /// `isnad ingest` runs on one store could not simply wait for each other.
    func immediateWrite<T>(_ body: (Database) throws -> T) throws -> T {
        try queue.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(db)
                return .commit
            }
            guard let result else { throw StoreError(path: path, message: "write transaction ended without a result") }
            return result
        }
    }

    /// Runs `body` in one write transaction (all of it is committed, or none).
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try immediateWrite(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(path: path, "write failed", error)
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try queue.read(body)
        } catch {
            throw StoreError(path: path, "read failed", error)
        }
    }
}
