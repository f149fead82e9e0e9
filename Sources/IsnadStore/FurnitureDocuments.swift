import GRDB
import IsnadText

/// The documents whose lines learned furniture has counted, by content: the first 64 bits of
/// the SHA-256 of their original text. Counts are per distinct document, so a document already
/// counted — the same file ingested again, or the same text in another file — is not counted
/// again. Written in the transaction that saves the counts.
enum FurnitureDocuments {
    /// The key of a document with this original text.
    static func key(of original: String) -> Int64 {
        Int64(bitPattern: UInt64(ContentHash.sha256Hex(original).prefix(16), radix: 16) ?? 0)
    }

    static func load(_ db: Database) throws -> Set<Int64> {
        var keys = Set<Int64>()
        let cursor = try Int64.fetchCursor(db, sql: "SELECT contentKey FROM furnitureDocuments")
        while let key = try cursor.next() { keys.insert(key) }
        return keys
    }

    static func save(_ keys: [Int64], _ db: Database) throws {
        let statement = try db.cachedStatement(sql: "INSERT OR IGNORE INTO furnitureDocuments (contentKey) VALUES (?)")
        for key in keys { try statement.execute(arguments: [key]) }
    }
}

extension ArticleStore {
    /// The documents whose furniture lines are counted already (``FurnitureDocuments``).
    func countedFurnitureDocuments() throws(StoreError) -> Set<Int64> {
        try read { db in try FurnitureDocuments.load(db) }
    }
}
