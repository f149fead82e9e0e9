import Foundation
import GRDB
import IsnadIngest
import IsnadText

/// JSON-encoded columns (spans, removal reports, credits). Writing is done by hand: a
/// JSONEncoder per row cost more than the row itself.
enum JSONColumn {
    static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func strings(_ list: [String]) -> String { "[" + list.map(string).joined(separator: ",") + "]" }

    static func spans(_ spans: [TextSpan]) -> String {
        "[" + spans.map { "{\"end\":\($0.end),\"start\":\($0.start)}" }.joined(separator: ",") + "]"
    }

    static func removed(_ r: RemovedReport) -> String {
        var fields = [
            "\"boilerplate\":" + strings(r.boilerplate),
            "\"duplicateParagraphs\":\(r.duplicateParagraphs)",
            "\"markupBlocks\":\(r.markupBlocks)",
        ]
        if let signoff = r.signoff { fields.append("\"signoff\":" + string(signoff)) }
        fields.append("\"sourceLines\":" + strings(r.sourceLines))
        if let repair = r.repairedMojibake {
            fields.append("\"repairedMojibake\":{\"examples\":" + strings(repair.examples) + ",\"sequences\":\(repair.sequences)}")
        }
        return "{" + fields.joined(separator: ",") + "}"
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
        credits = JSONColumn.strings(a.credits)
        published = a.published
        url = a.url
        original = a.original
        text = a.text
        paragraphs = JSONColumn.spans(a.paragraphs)
        removed = JSONColumn.removed(a.removed)
        self.ingestedAt = ingestedAt
    }

    static let columns = [
        "id", "path", "item", "format", "encoding", "language", "languageConfidence", "title", "titleStart", "titleEnd",
        "outlet", "outletEvidence", "credits", "published", "url", "original", "text", "paragraphs", "removed", "ingestedAt",
    ]

    static let insertSQL = "INSERT INTO articles (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"

    /// Arguments for ``insertSQL``, in column order.
    var insertArguments: StatementArguments {
        [id, path, item, format, encoding, language, languageConfidence, title, titleStart, titleEnd,
         outlet, outletEvidence, credits, published, url, original, text, paragraphs, removed, ingestedAt]
    }

    var article: Article {
        var titleSpan: TextSpan?
        if let titleStart, let titleEnd { titleSpan = TextSpan(start: titleStart, end: titleEnd) }
        return Article(
            id: id, path: path, item: item, format: SourceFormat(rawValue: format) ?? .text,
            encoding: TextEncoding(rawValue: encoding) ?? .utf8, language: language, languageConfidence: languageConfidence,
            title: title, titleSpan: titleSpan, outlet: outlet, outletEvidence: outletEvidence.flatMap(OutletEvidence.init),
            credits: JSONColumn.decode(credits) ?? [], published: published, url: url, original: original,
            paragraphs: JSONColumn.decode(paragraphs) ?? [], removed: JSONColumn.decode(removed) ?? RemovedReport(),
            text: text)
    }
}

/// Persistence of learned furniture counts.
enum FurnitureTable {
    static func save(_ changes: [(group: String, documents: Int, lines: [Int64: Int])], _ db: Database) throws {
        let groupStatement = try db.cachedStatement(sql: "INSERT OR REPLACE INTO furnitureGroups (name, documents) VALUES (?, ?)")
        let lineStatement = try db.cachedStatement(
            sql: "INSERT OR REPLACE INTO furnitureLines (groupName, lineKey, documents) VALUES (?, ?, ?)")
        for (group, documents, lines) in changes {
            try groupStatement.execute(arguments: [group, documents])
            for (key, count) in lines {
                try lineStatement.execute(arguments: [group, key, count])
            }
        }
    }

    /// The stored counts of some lines: per group, its document count (nil when the group is
    /// new) and the counts of `lines[group]` that are stored. An ingest loads only the lines of
    /// its own documents, so its cost does not grow with everything learned before.
    static func load(_ db: Database, lines: [String: Set<Int64>]) throws -> [(group: String, documents: Int?, counts: [Int64: Int])] {
        var result: [(group: String, documents: Int?, counts: [Int64: Int])] = []
        for (group, keys) in lines.sorted(by: { $0.key < $1.key }) {
            let documents = try Int.fetchOne(db, sql: "SELECT documents FROM furnitureGroups WHERE name = ?", arguments: [group])
            var counts: [Int64: Int] = [:]
            let list = Array(keys)
            for chunk in stride(from: 0, to: documents == nil ? 0 : list.count, by: 500) {
                let part = Array(list[chunk..<min(list.count, chunk + 500)])
                let marks = part.map { _ in "?" }.joined(separator: ",")
                for row in try Row.fetchAll(db, sql: "SELECT lineKey, documents FROM furnitureLines WHERE groupName = ? AND lineKey IN (\(marks))",
                                            arguments: StatementArguments([group] + part.map { $0 as (any DatabaseValueConvertible) })) {
                    counts[row["lineKey"]] = row["documents"]
                }
            }
            result.append((group, documents, counts))
        }
        return result
    }

    static func load(_ db: Database) throws -> LineFrequencyModel {
        var model = LineFrequencyModel()
        let groups = try Row.fetchAll(db, sql: "SELECT name, documents FROM furnitureGroups")
        for group in groups {
            let name: String = group["name"]
            var lines: [Int64: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT lineKey, documents FROM furnitureLines WHERE groupName = ?", arguments: [name]) {
                lines[row["lineKey"]] = row["documents"]
            }
            model.merge(group: name, documents: group["documents"], lineCounts: lines)
        }
        return model
    }
}
