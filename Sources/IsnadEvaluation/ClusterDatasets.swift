import Foundation
import IsnadIngest
import IsnadStories

/// One article of an evaluation set with its gold story.
public struct ClusterEvalItem: Sendable {
    public var id: String
    public var language: String
    public var title: String
    public var text: String
    public var published: String?
    /// Gold story label (nil when the set has only labeled pairs).
    public var gold: String?
}

/// A labeled pair: whether the two items report one story.
public struct ClusterEvalPair: Sendable {
    public var first: Int, second: Int
    public var same: Bool
    public var languagePair: String
}

/// Adapters from the development data in `../shared/data` (and any JSONL) to evaluation items.
public enum ClusterDatasets {
    /// WikinewsSum: every cited source of an event; gold story = the event.
    public static func wikinews() throws -> [ClusterEvalItem] {
        let path = try SharedData.require("data/wikinewssum/cleaned_endataset.json")
        var items: [ClusterEvalItem] = []
        for (eventIndex, line) in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").enumerated() {
            guard let event = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let sources = event["sources"] as? [[String: Any]] else { continue }
            for (index, source) in sources.enumerated() {
                let text = (source["maintext"] as? String) ?? ""
                items.append(ClusterEvalItem(id: "wikinews-\(eventIndex)-\(index)", language: (source["language"] as? String) ?? "und",
                                             title: (source["title"] as? String) ?? "", text: text, published: nil,
                                             gold: "event-\(eventIndex)"))
            }
        }
        return items
    }

    /// SemEval-2022 Task 8: every distinct article of the pairs file in file order, and the
    /// pairs with Overall ≤ 1.5 (same story) or ≥ 3 (different stories).
    public static func semeval() throws -> (items: [ClusterEvalItem], pairs: [ClusterEvalPair]) {
        var items: [ClusterEvalItem] = [], position: [String: Int] = [:], pairs: [ClusterEvalPair] = []
        func item(_ id: String, _ language: String, _ text: String) -> Int {
            if let known = position[id] { return known }
            position[id] = items.count
            items.append(ClusterEvalItem(id: "semeval-\(id)", language: language, title: "", text: text, published: nil, gold: nil))
            return items.count - 1
        }
        for pair in try SharedData.semevalPairs() {
            let a = item(pair.firstID, pair.firstLanguage, pair.firstText)
            let b = item(pair.secondID, pair.secondLanguage, pair.secondText)
            guard pair.overall <= 1.5 || pair.overall >= 3 else { continue }
            let languages = [pair.firstLanguage, pair.secondLanguage].sorted().joined(separator: "-")
            pairs.append(ClusterEvalPair(first: a, second: b, same: pair.overall <= 1.5, languagePair: languages))
        }
        return (items, pairs)
    }

    /// A JSONL file of `{"text" or "path", "story", "language"?, "title"?, "published"?}`; a
    /// `path` is read and cleaned as `isnad analyze` would.
    public static func jsonl(_ path: String) throws -> [ClusterEvalItem] {
        var items: [ClusterEvalItem] = []
        let folder = (path as NSString).deletingLastPathComponent
        for (number, line) in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").enumerated()
        where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let story = object["story"].map({ "\($0)" }) else {
                throw DatasetError(description: "\(path):\(number + 1): expected a JSON object with a \"story\" field")
            }
            var title = (object["title"] as? String) ?? "", text = (object["text"] as? String) ?? ""
            var language = (object["language"] as? String) ?? "und", published = object["published"] as? String
            if let file = object["path"] as? String {
                let full = file.hasPrefix("/") ? file : (folder as NSString).appendingPathComponent(file)
                let analysis = BatchAnalysis()
                let read = analysis.read(paths: [full])
                guard let article = analysis.articles(from: read.documents, until: .analyze).first else {
                    throw DatasetError(description: "\(path):\(number + 1): cannot read \(full): \(read.errors.first.map { "\($0)" } ?? "no article")")
                }
                title = article.title; text = article.text; published = published ?? article.published
                if language == "und" { language = article.language }
            }
            items.append(ClusterEvalItem(id: "item-\(number + 1)", language: language, title: title, text: text,
                                         published: published, gold: story))
        }
        return items
    }

    public struct DatasetError: Error, CustomStringConvertible { public var description: String }
}
