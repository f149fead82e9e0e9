import Foundation
import IsnadIngest
import IsnadStories

/// The development data beside the project (`$ISNAD_SHARED`, default `../shared`).
public enum SharedData {
    public static var root: String {
        if let custom = ProcessInfo.processInfo.environment["ISNAD_SHARED"], !custom.isEmpty { return custom }
        return (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent("../shared")
    }

    /// Absolute path of a file under the shared folder.
    public static func path(_ relative: String) -> String {
        ((root as NSString).appendingPathComponent(relative) as NSString).standardizingPath
    }

    /// A shared file's path, or an error naming it when it is absent.
    public static func require(_ relative: String) throws -> String {
        let full = path(relative)
        guard FileManager.default.fileExists(atPath: full) else {
            throw MissingSharedData(path: full)
        }
        return full
    }

    /// Every news text of the SemEval-2022 Task 8 file with its language (both sides of each pair).
    public static func semevalTexts() throws -> [(language: String, text: String)] {
        let path = try require("data/semeval2022-task8/training_set.csv")
        let (rows, _) = CSVReader.parse(try String(contentsOfFile: path, encoding: .utf8))
        guard let header = rows.first?.fields, let l1 = header.firstIndex(of: "lang1"), let l2 = header.firstIndex(of: "lang2"),
              let t1 = header.firstIndex(of: "text1"), let t2 = header.firstIndex(of: "text2") else { return [] }
        var texts: [(String, String)] = []
        for row in rows.dropFirst() where row.fields.count == header.count {
            texts.append((row.fields[l1], row.fields[t1]))
            texts.append((row.fields[l2], row.fields[t2]))
        }
        return texts
    }

    public struct MissingSharedData: Error, CustomStringConvertible {
        public var path: String
        public var description: String { "shared data not found: \(path) (set ISNAD_SHARED to the shared folder)" }
    }
}

extension SharedData {
    /// One labeled pair of the SemEval-2022 Task 8 file.
    public struct SemevalPair: Sendable {
        public var firstID: String, secondID: String
        public var firstLanguage: String, secondLanguage: String
        public var firstText: String, secondText: String
        /// 1 = same story … 4 = very dissimilar.
        public var overall: Double
    }

    /// Every pair of the SemEval-2022 Task 8 training file, in file order.
    public static func semevalPairs() throws -> [SemevalPair] {
        let path = try require("data/semeval2022-task8/training_set.csv")
        let (rows, _) = CSVReader.parse(try String(contentsOfFile: path, encoding: .utf8))
        guard let header = rows.first?.fields,
              let id = header.firstIndex(of: "pair_id"), let l1 = header.firstIndex(of: "lang1"),
              let l2 = header.firstIndex(of: "lang2"), let t1 = header.firstIndex(of: "text1"),
              let t2 = header.firstIndex(of: "text2"), let overall = header.firstIndex(of: "Overall") else { return [] }
        var pairs: [SemevalPair] = []
        for row in rows.dropFirst() where row.fields.count == header.count {
            let ids = row.fields[id].split(separator: "_").map(String.init)
            guard ids.count == 2, let score = Double(row.fields[overall]) else { continue }
            pairs.append(SemevalPair(firstID: ids[0], secondID: ids[1], firstLanguage: row.fields[l1], secondLanguage: row.fields[l2],
                                     firstText: row.fields[t1], secondText: row.fields[t2], overall: score))
        }
        return pairs
    }
}
