import Foundation
import IsnadClaims
import IsnadText
import Testing

/// Arabic and Persian sentences written for these tests, each with its hand-checked statements
/// (`Tests/Fixtures/attribution/ar-fa-sentences.tsv`): detection, speaker, stance and via.
@Suite("Who said what on written Arabic and Persian sentences")
struct WrittenSentenceTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/attribution/ar-fa-sentences.tsv").path

    static func folded(_ text: String) -> String { WordTokenizer.tokens(in: text).map(\.key).joined(separator: " ") }

    @Test("detection, speakers, stances and via chains per language")
    func sentences() throws {
        let lines = try String(contentsOfFile: Self.path, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        let extractor = try StatementExtractor.standard()
        var order: [String] = []
        var byArticle: [String: [[String]]] = [:]
        for line in lines where line.count >= 7 {
            if byArticle[line[0]] == nil { order.append(line[0]) }
            byArticle[line[0], default: []].append(line)
        }
        struct Score { var gold = 0, found = 0, speaker = 0, stance = 0, via = 0, predicted = 0, spurious = 0 }
        var scores: [String: Score] = [:]
        var misses: [String] = []
        for id in order {
            let rows = byArticle[id] ?? []
            let language = rows[0][1]
            let text = rows.map { $0[2] }.joined(separator: " ")
            var predicted = extractor.extract(original: text, paragraphs: [TextSpan(start: 0, end: text.unicodeScalars.count)], language: language).statements
            var score = scores[language] ?? Score()
            score.predicted += predicted.count
            for row in rows where !row[3].isEmpty {
                score.gold += 1
                guard let index = predicted.firstIndex(where: { Self.folded($0.cue).contains(Self.folded(row[3])) }) else {
                    misses.append("\(id): no statement for \(row[3])")
                    continue
                }
                let s = predicted.remove(at: index)
                score.found += 1
                if Self.folded(s.speakerText + " " + (s.speakerMention?.text ?? "")).contains(Self.folded(row[4])) { score.speaker += 1 } else {
                    misses.append("\(id): speaker \(s.speakerText) / \(s.speakerMention?.text ?? "-") for \(row[4])")
                }
                if s.stance.rawValue == row[5] { score.stance += 1 } else { misses.append("\(id): stance \(s.stance) for \(row[5])") }
                let via = row[6].isEmpty ? [] : row[6].components(separatedBy: "|")
                if via.count == s.via.count && zip(via, s.via).allSatisfy({ Self.folded($1).contains(Self.folded($0)) }) { score.via += 1 } else {
                    misses.append("\(id): via \(s.via) for \(via)")
                }
            }
            score.spurious += predicted.count
            scores[language] = score
        }
        for (language, s) in scores.sorted(by: { $0.key < $1.key }) {
            let summary = "\(language): found \(s.found)/\(s.gold), speaker \(s.speaker), stance \(s.stance), via \(s.via), spurious \(s.spurious)/\(s.predicted); \(misses)"
            print(summary)
            #expect(Double(s.found) >= 0.9 * Double(s.gold), "\(summary)")
            #expect(Double(s.speaker) >= 0.85 * Double(s.found), "\(summary)")
            #expect(Double(s.stance) >= 0.9 * Double(s.found), "\(summary)")
            #expect(Double(s.via) >= 0.85 * Double(s.found), "\(summary)")
            #expect(s.spurious <= 2, "\(summary)")
        }
    }
}
