import Foundation
import IsnadClaims
import IsnadText

/// Attribution scoring in the PolNeAR layout (`text/NAME.txt`, `attributions/NAME_ANNOTATOR.ann`,
/// brat standoff): gold attributions of type Attribution and Attribution-no-source, Content2
/// merged into the content, one annotator's file per article (the first by name). Tokens are word
/// runs and single punctuation marks; gold and predicted attributions are paired one to one,
/// greedily by the tokens they share over cue, source and content together (largest first);
/// per role, micro precision and recall over tokens. Detection: a gold attribution paired with
/// a prediction whose cue shares a token. Cue exact match: paired cues with the same tokens.
public struct AttributionEvaluation: Sendable {
    /// A predicted attribution of an article, as `--predictions` writes it (one JSON line each).
    public struct Prediction: Sendable, Encodable {
        public var article: String
        public var cue: [TextSpan], source: [TextSpan], content: [TextSpan]

        public init(article: String, _ attribution: Attribution) {
            self.article = article
            cue = attribution.cue
            source = attribution.source
            content = attribution.content
        }
    }

    /// One attribution as character (Unicode scalar) spans per role.
    public struct Attribution: Sendable, Codable {
        public var cue: [TextSpan] = []
        public var source: [TextSpan] = []
        public var content: [TextSpan] = []
    }

    public struct RoleCounts: Sendable {
        public var shared = 0, predicted = 0, gold = 0
        public var precision: Double { predicted == 0 ? 0 : Double(shared) / Double(predicted) }
        public var recall: Double { gold == 0 ? 0 : Double(shared) / Double(gold) }
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    }

    public var cue = RoleCounts(), source = RoleCounts(), content = RoleCounts()
    public var goldAttributions = 0, predictedAttributions = 0, detected = 0, detectingPredictions = 0, exactCues = 0
    public var articles = 0

    public init() {}

    public var detectionPrecision: Double { predictedAttributions == 0 ? 0 : Double(detectingPredictions) / Double(predictedAttributions) }
    public var detectionRecall: Double { goldAttributions == 0 ? 0 : Double(detected) / Double(goldAttributions) }
    public var detectionF1: Double { Self.f1(detectionPrecision, detectionRecall) }
    public var cueExactF1: Double {
        Self.f1(predictedAttributions == 0 ? 0 : Double(exactCues) / Double(predictedAttributions),
                goldAttributions == 0 ? 0 : Double(exactCues) / Double(goldAttributions))
    }
    static func f1(_ p: Double, _ r: Double) -> Double { p + r == 0 ? 0 : 2 * p * r / (p + r) }

    /// The articles of a PolNeAR-layout folder: text and gold attributions (one annotator each).
    public static func load(folder: String) throws -> [(name: String, text: String, gold: [Attribution])] {
        let textFolder = (folder as NSString).appendingPathComponent("text")
        let annotationFolder = (folder as NSString).appendingPathComponent("attributions")
        let fm = FileManager.default
        guard let texts = try? fm.contentsOfDirectory(atPath: textFolder), let annotations = try? fm.contentsOfDirectory(atPath: annotationFolder) else {
            throw EvaluationError(description: "\(folder): expected the PolNeAR layout, text/*.txt and attributions/*.ann")
        }
        var result: [(name: String, text: String, gold: [Attribution])] = []
        for file in texts.filter({ $0.hasSuffix(".txt") }).sorted() {
            let stem = String(file.dropLast(4))
            guard let annotation = annotations.filter({ $0.hasPrefix(stem + "_") && $0.hasSuffix(".ann") }).sorted().first else { continue }
            let text = try String(contentsOfFile: (textFolder as NSString).appendingPathComponent(file), encoding: .utf8)
            let ann = try String(contentsOfFile: (annotationFolder as NSString).appendingPathComponent(annotation), encoding: .utf8)
            result.append((stem, text, try parse(ann, file: annotation)))
        }
        return result
    }

    /// Attributions of one brat file.
    static func parse(_ ann: String, file: String) throws -> [Attribution] {
        var spans: [String: (type: String, spans: [TextSpan])] = [:]
        var events: [[(role: String, id: String)]] = []
        for (number, line) in ann.split(separator: "\n").enumerated() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard let id = fields.first, fields.count >= 2 else { continue }
            if id.hasPrefix("T") {
                let head = fields[1].split(separator: " ", maxSplits: 1)
                guard head.count == 2 else { throw EvaluationError(description: "\(file):\(number + 1): cannot read \"\(line.prefix(60))\"") }
                let ranges = head[1].split(separator: ";").compactMap { part -> TextSpan? in
                    let bounds = part.split(separator: " ").compactMap { Int($0) }
                    return bounds.count == 2 ? TextSpan(start: bounds[0], end: bounds[1]) : nil
                }
                spans[String(id)] = (String(head[0]), ranges)
            } else if id.hasPrefix("E") {
                events.append(fields[1].split(separator: " ").compactMap { part in
                    let pair = part.split(separator: ":")
                    return pair.count == 2 ? (String(pair[0]), String(pair[1])) : nil
                })
            }
        }
        return events.compactMap { roles -> Attribution? in
            guard let trigger = roles.first, trigger.role == "Attribution" || trigger.role == "Attribution-no-source",
                  let type = spans[trigger.id]?.type, type == "Attribution" || type == "Attribution-no-source" else { return nil }
            var attribution = Attribution()
            for (role, id) in roles.dropFirst() {
                let found = spans[id]?.spans ?? []
                switch role {
                case "Cue": attribution.cue += found
                case "Source": attribution.source += found
                case "Content", "Content2": attribution.content += found
                default: break
                }
            }
            return attribution
        }
    }

    /// Predicted attributions of a text from the statements Isnad finds in it.
    public static func predict(_ text: String, extractor: StatementExtractor) -> [Attribution] {
        var paragraphs: [TextSpan] = []
        var offset = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let count = line.unicodeScalars.count
            if count > 0 { paragraphs.append(TextSpan(start: offset, end: offset + count)) }
            offset += count + 1
        }
        return extractor.extract(original: text, paragraphs: paragraphs, language: "en").statements.map { s in
            Attribution(cue: [s.cueSpan], source: s.speakerSpan.map { [$0] } ?? [], content: s.contentSpans)
        }
    }

    /// Scores one article's predictions against its gold.
    public mutating func add(text: String, gold: [Attribution], predicted: [Attribution]) {
        articles += 1
        let tokenOf = Self.tokenIndex(text)
        func tokens(_ spans: [TextSpan]) -> Set<Int> {
            var set = Set<Int>()
            for span in spans { for i in max(0, span.start)..<min(span.end, tokenOf.count) where tokenOf[i] >= 0 { set.insert(tokenOf[i]) } }
            return set
        }
        let g = gold.map { (cue: tokens($0.cue), source: tokens($0.source), content: tokens($0.content)) }
        let p = predicted.map { (cue: tokens($0.cue), source: tokens($0.source), content: tokens($0.content)) }
        goldAttributions += g.count
        predictedAttributions += p.count
        for item in g { cue.gold += item.cue.count; source.gold += item.source.count; content.gold += item.content.count }
        for item in p { cue.predicted += item.cue.count; source.predicted += item.source.count; content.predicted += item.content.count }
        var pairs: [(score: Int, gold: Int, predicted: Int)] = []
        for (i, a) in g.enumerated() {
            for (j, b) in p.enumerated() {
                let score = a.cue.intersection(b.cue).count + a.source.intersection(b.source).count + a.content.intersection(b.content).count
                if score > 0 { pairs.append((score, i, j)) }
            }
        }
        pairs.sort { ($0.score, -$0.gold, -$0.predicted) > ($1.score, -$1.gold, -$1.predicted) }
        var usedGold = Set<Int>(), usedPredicted = Set<Int>()
        for pair in pairs where !usedGold.contains(pair.gold) && !usedPredicted.contains(pair.predicted) {
            usedGold.insert(pair.gold)
            usedPredicted.insert(pair.predicted)
            let a = g[pair.gold], b = p[pair.predicted]
            cue.shared += a.cue.intersection(b.cue).count
            source.shared += a.source.intersection(b.source).count
            content.shared += a.content.intersection(b.content).count
            if !a.cue.isDisjoint(with: b.cue) { detected += 1; detectingPredictions += 1 }
            if !a.cue.isEmpty && a.cue == b.cue { exactCues += 1 }
        }
    }

    /// For each scalar of `text`, the index of its token (-1 for white space): word runs, and
    /// each other non-space scalar alone.
    static func tokenIndex(_ text: String) -> [Int] {
        let scalars = Array(text.unicodeScalars)
        var result = [Int](repeating: -1, count: scalars.count)
        var token = -1, inWord = false
        for (i, s) in scalars.enumerated() {
            if s.properties.isWhitespace { inWord = false; continue }
            let word = s.properties.isAlphabetic || s.properties.numericType != nil || s == "_"
            if word { if !inWord { token += 1 }; inWord = true } else { token += 1; inWord = false }
            result[i] = token
        }
        return result
    }

    /// One line per figure.
    public var summary: [String] {
        func role(_ name: String, _ r: RoleCounts) -> String {
            String(format: "attribution-%@  F1 %.3f  (P %.3f R %.3f; tokens: %d shared, %d predicted, %d gold)", name, r.f1, r.precision, r.recall, r.shared, r.predicted, r.gold)
        }
        return [
            role("cue", cue), role("source", source), role("content", content),
            String(format: "attribution-detection  F1 %.3f  (P %.3f R %.3f; %d of %d gold found, %d predicted)", detectionF1, detectionPrecision,
                   detectionRecall, detected, goldAttributions, predictedAttributions),
            String(format: "attribution-cue-exact  F1 %.3f  (%d exact cues)", cueExactF1, exactCues),
        ]
    }
}

/// A data set that cannot be read as expected.
public struct EvaluationError: Error, CustomStringConvertible, Sendable {
    public var description: String
}
