import Foundation
import GRDB
import IsnadIngest
import IsnadText

/// JSON-encoded columns (spans, removal reports, credits).
enum JSONColumn {
    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    static func decode<T: Decodable>(_ text: String?) -> T? {
        guard let text, let data = text.data(using: .utf8) else { return nil }
        return try? JSONDecoder().decode(T.self, from: data)
    }
}

/// The `articles` row of one article.
struct ArticleRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "articles"

    var id: String
    var path: String
    var item: Int?
    var format: String
    var encoding: String
    var language: String
    var languageConfidence: Double
    var title: String
    var titleStart: Int?
    var titleEnd: Int?
    var outlet: String?
    var outletEvidence: String?
    var credits: String
    var published: String?
    var url: String?
    var original: String
    var text: String
    var paragraphs: String
    var removed: String
    var ingestedAt: String

    init(_ a: Article, ingestedAt: String) {
        id = a.id
        path = a.path
        item = a.item
        format = a.format.rawValue
        encoding = a.encoding.rawValue
        language = a.language
        languageConfidence = a.languageConfidence
        title = a.title
        titleStart = a.titleSpan?.start
        titleEnd = a.titleSpan?.end
        outlet = a.outlet
        outletEvidence = a.outletEvidence?.rawValue
        credits = JSONColumn.encode(a.credits)
        published = a.published
        url = a.url
        original = a.original
        text = a.text
        paragraphs = JSONColumn.encode(a.paragraphs)
        removed = JSONColumn.encode(a.removed)
        self.ingestedAt = ingestedAt
    }

    var article: Article {
        var titleSpan: TextSpan?
        if let titleStart, let titleEnd { titleSpan = TextSpan(start: titleStart, end: titleEnd) }
        return Article(
            id: id, path: path, item: item, format: SourceFormat(rawValue: format) ?? .text,
            encoding: TextEncoding(rawValue: encoding) ?? .utf8, language: language, languageConfidence: languageConfidence,
            title: title, titleSpan: titleSpan, outlet: outlet, outletEvidence: outletEvidence.flatMap(OutletEvidence.init),
            credits: JSONColumn.decode(credits) ?? [], published: published, url: url, original: original,
            paragraphs: JSONColumn.decode(paragraphs) ?? [], removed: JSONColumn.decode(removed) ?? RemovedReport())
    }
}

/// Persistence of learned furniture counts.
enum FurnitureTable {
    static func save(_ changes: [(group: String, documents: Int, lines: [String: Int])], _ db: Database) throws {
        for (group, documents, lines) in changes {
            try db.execute(sql: "INSERT OR REPLACE INTO furnitureGroups (name, documents) VALUES (?, ?)", arguments: [group, documents])
            for (key, count) in lines {
                try db.execute(sql: "INSERT OR REPLACE INTO furnitureLines (groupName, lineKey, documents) VALUES (?, ?, ?)",
                               arguments: [group, key, count])
            }
        }
    }

    static func load(_ db: Database) throws -> LineFrequencyModel {
        var model = LineFrequencyModel()
        let groups = try Row.fetchAll(db, sql: "SELECT name, documents FROM furnitureGroups")
        for group in groups {
            let name: String = group["name"]
            var lines: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT lineKey, documents FROM furnitureLines WHERE groupName = ?", arguments: [name]) {
                lines[row["lineKey"]] = row["documents"]
            }
            model.merge(group: name, documents: group["documents"], lineCounts: lines)
        }
        return model
    }
}
