import Foundation
import GRDB
import IsnadClaims
import IsnadIngest

extension ArticleStore {
    /// Articles whose statements are still to be read (new ones, and those read by older rules
    /// once ``requeueStaleClaims(version:)`` has put them back), oldest first.
    public func articlesAwaitingClaims(limit: Int = 256) throws(StoreError) -> [(seq: Int64, article: Article)] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.* FROM awaitingClaims w JOIN articles a ON a.seq = w.articleSeq ORDER BY w.articleSeq LIMIT ?
                """, arguments: [limit]).map { row in (row["seq"], try ArticleRow(row: row).article) }
        }
    }

    /// Puts back in the queue the articles whose claims older rules made.
    public func requeueStaleClaims(version: Int) throws(StoreError) {
        try write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO awaitingClaims (articleSeq) SELECT articleSeq FROM articleClaims WHERE version < ?",
                           arguments: [version])
        }
    }

    /// Saves what who-said-what found in articles, and takes them off the queue (one transaction).
    public func saveClaims(_ items: [(seq: Int64, claims: ArticleClaims)], version: Int) throws(StoreError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var rows: [(Int64, String)] = []
        for item in items {
            do { rows.append((item.seq, String(decoding: try encoder.encode(item.claims), as: UTF8.self))) } catch {
                throw StoreError(path: path, message: "cannot encode the statements of article #\(item.seq): \(error)")
            }
        }
        try write { db in
            let save = try db.cachedStatement(sql: "INSERT OR REPLACE INTO articleClaims (articleSeq, version, claims) VALUES (?, ?, ?)")
            let done = try db.cachedStatement(sql: "DELETE FROM awaitingClaims WHERE articleSeq = ?")
            for (seq, json) in rows {
                try save.execute(arguments: [seq, version, json])
                try done.execute(arguments: [seq])
            }
        }
    }

    /// The stored claims of articles by id (articles not read yet are absent).
    public func claims(articleIDs: [String]) throws(StoreError) -> [String: ArticleClaims] {
        guard !articleIDs.isEmpty else { return [:] }
        return try read { db in
            var result: [String: ArticleClaims] = [:]
            let decoder = JSONDecoder()
            for chunk in stride(from: 0, to: articleIDs.count, by: 500) {
                let part = Array(articleIDs[chunk..<min(articleIDs.count, chunk + 500)])
                let marks = part.map { _ in "?" }.joined(separator: ",")
                for row in try Row.fetchAll(db, sql: """
                    SELECT a.id, c.claims FROM articles a JOIN articleClaims c ON c.articleSeq = a.seq WHERE a.id IN (\(marks))
                    """, arguments: StatementArguments(part)) {
                    let json: String = row["claims"]
                    if let claims = try? decoder.decode(ArticleClaims.self, from: Data(json.utf8)) { result[row["id"]] = claims }
                }
            }
            return result
        }
    }
}
