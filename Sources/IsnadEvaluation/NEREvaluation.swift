import Foundation
import IsnadClaims
import IsnadText

/// Entity-level scoring on CoNLL files (`token<TAB>TAG`, B-/I- tags, a blank line between
/// sentences): an entity counts when its token span and type both match; micro precision,
/// recall and F1 over PER, LOC and ORG, and per type. Isnad's mentions are found in the
/// sentence as its tokens joined by spaces, and mapped to tokens they cover.
public struct NEREvaluation: Sendable {
    public struct Counts: Sendable {
        public var correct = 0, predicted = 0, gold = 0
        public var precision: Double { predicted == 0 ? 0 : Double(correct) / Double(predicted) }
        public var recall: Double { gold == 0 ? 0 : Double(correct) / Double(gold) }
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    }

    public static let scoredTypes = ["PER", "LOC", "ORG"]
    public var byType: [String: Counts] = [:]
    public var sentences = 0
    public var total: Counts {
        byType.values.reduce(into: Counts()) { $0.correct += $1.correct; $0.predicted += $1.predicted; $0.gold += $1.gold }
    }

    public init() {}

    /// Sentences of a CoNLL file: tokens and gold tags.
    public static func read(_ path: String) throws -> [(tokens: [String], tags: [String])] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw EvaluationError(description: "\(path): cannot be read as UTF-8 text")
        }
        var result: [(tokens: [String], tags: [String])] = []
        var tokens: [String] = [], tags: [String] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                if !tokens.isEmpty { result.append((tokens, tags)) }
                tokens = []; tags = []
                continue
            }
            let fields = line.split(separator: "\t")
            guard fields.count >= 2 else { throw EvaluationError(description: "\(path):\(number + 1): expected token<TAB>tag") }
            tokens.append(String(fields[0]))
            tags.append(String(fields[fields.count - 1]).trimmingCharacters(in: .whitespaces))
        }
        if !tokens.isEmpty { result.append((tokens, tags)) }
        return result
    }

    /// Entities of a tag sequence as (first token, end token, type).
    static func entities(_ tags: [String]) -> Set<[String]> {
        var result = Set<[String]>()
        var start: Int?, type = ""
        func close(_ end: Int) { if let s = start { result.insert([String(s), String(end), type]) }; start = nil }
        for (i, tag) in tags.enumerated() {
            if tag.hasPrefix("B-") { close(i); start = i; type = String(tag.dropFirst(2)) }
            else if tag.hasPrefix("I-"), start != nil, String(tag.dropFirst(2)) == type { continue }
            else if tag.hasPrefix("I-") { close(i); start = i; type = String(tag.dropFirst(2)) }
            else { close(i) }
        }
        close(tags.count)
        return result
    }

    /// Predicted tags for a sentence: Isnad's mentions over its tokens joined by spaces.
    public static func predict(_ tokens: [String], language: String, extractor: StatementExtractor) -> [String] {
        var offsets: [(Int, Int)] = [], position = 0
        for token in tokens {
            let count = token.unicodeScalars.count
            offsets.append((position, position + count))
            position += count + 1
        }
        let text = tokens.joined(separator: " ")
        let claims = extractor.extract(original: text, paragraphs: [TextSpan(start: 0, end: text.unicodeScalars.count)], language: language)
        var tags = [String](repeating: "O", count: tokens.count)
        var mentions = claims.mentions
        mentions.sort { ($0.span.end - $0.span.start) > ($1.span.end - $1.span.start) }
        for mention in mentions {
            let type: String
            switch mention.type {
            case .person: type = "PER"
            case .organization: type = "ORG"
            case .place: type = "LOC"
            case .other: type = "MISC"
            }
            let covered = offsets.indices.filter { offsets[$0].0 < mention.span.end && mention.span.start < offsets[$0].1 }
            guard let first = covered.first, covered.allSatisfy({ tags[$0] == "O" }) else { continue }
            for i in covered { tags[i] = (i == first ? "B-" : "I-") + type }
        }
        return tags
    }

    public mutating func add(gold: [String], predicted: [String]) {
        sentences += 1
        let g = Self.entities(gold), p = Self.entities(predicted)
        for type in Self.scoredTypes {
            let gt = g.filter { $0[2] == type }, pt = p.filter { $0[2] == type }
            byType[type, default: Counts()].gold += gt.count
            byType[type, default: Counts()].predicted += pt.count
            byType[type, default: Counts()].correct += gt.intersection(pt).count
        }
    }

    public var summary: [String] {
        let t = total
        var lines = [String(format: "ner-micro  F1 %.3f  (P %.3f R %.3f; %d correct, %d predicted, %d gold; PER LOC ORG, exact span and type)",
                            t.f1, t.precision, t.recall, t.correct, t.predicted, t.gold)]
        for type in Self.scoredTypes {
            let c = byType[type] ?? Counts()
            lines.append(String(format: "ner-%@  F1 %.3f  (P %.3f R %.3f; %d gold)", type, c.f1, c.precision, c.recall, c.gold))
        }
        return lines
    }
}
