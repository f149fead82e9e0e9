import Foundation
import Testing
@testable import IsnadIngest

/// The Swift reading of the py3langid model against py3langid itself.
@Suite("Language model agrees with py3langid")
struct LanguageModelTests {
    /// `lang<TAB>sentence<TAB>code:probability ×3`, written by
    /// `scripts/langid-compare.py --rank` with py3langid 0.4.0 from the project's own sentences.
    static func rankings() throws -> [(sentence: String, expected: [(String, Double)])] {
        let path = Fixtures.packageRoot + "/Tests/Fixtures/langid/py3langid-rankings.tsv"
        return try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst().map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            let expected = fields[2].split(separator: " ").map { item in
                let parts = item.split(separator: ":")
                return (String(parts[0]), Double(parts[1]) ?? -1)
            }
            return (String(fields[1]), expected)
        }
    }

    @Test("same three best classes, in order, with the same probabilities, on 884 sentences in 27 languages")
    func ranksAsPy3langid() throws {
        let identifier = LanguageIdentifier.shared
        #expect(identifier.modelError == nil, "run `make models` first")
        let cases = try Self.rankings()
        #expect(cases.count > 800)
        var worst = 0.0, misranked: [String] = []
        for (sentence, expected) in cases {
            let ranking = identifier.modelRanking(sentence)
            var probability: [String: Double] = [:]
            for (code, p) in ranking { probability[code] = p }
            for (position, (code, theirs)) in expected.enumerated() where position < ranking.count {
                worst = max(worst, abs(theirs - (probability[code] ?? 0)))
                // Classes within a rounding error of each other may come in either order.
                if ranking[position].language != code && abs(ranking[position].probability - theirs) >= 1e-4 {
                    misranked.append("\(sentence): \(ranking[position].language) where py3langid has \(code)")
                }
            }
        }
        #expect(misranked.isEmpty, "\(misranked.count) sentences ranked differently, e.g. \(misranked.prefix(5))")
        #expect(worst < 1e-4, "largest probability difference to py3langid: \(worst)")
    }

    @Test("text is prepared as py3langid prepares it: all-capitals lowercased, then NFC")
    func encoding() {
        #expect(NaiveBayesModel.encode("ÚLTIMA HORA: EL PARLAMENTO APRUEBA LA LEY") == Array("última hora: el parlamento aprueba la ley".utf8))
        #expect(NaiveBayesModel.encode("2024 NATO SUMMIT") == Array("2024 nato summit".utf8))
        // A lowercase letter anywhere, or no cased letter at all: left as it is.
        #expect(NaiveBayesModel.encode("NATO summit in Vilnius") == Array("NATO summit in Vilnius".utf8))
        #expect(NaiveBayesModel.encode("قال المتحدث إن ٢٤ مدنيا خرجوا") == Array("قال المتحدث إن ٢٤ مدنيا خرجوا".utf8))
        // Decomposed accents are composed.
        #expect(NaiveBayesModel.encode("Mine\u{301}ria") == Array("Minéria".utf8))
    }

    @Test("every half-precision bit pattern widens as the hardware conversion does")
    func allHalfFloats() {
        var wrong = 0
        for bits in 0...UInt16.max {
            let expected = Float(Float16(bitPattern: bits)), ours = NaiveBayesModel.widen(bits)
            if expected.isNaN ? !ours.isNaN : expected.bitPattern != ours.bitPattern { wrong += 1 }
        }
        #expect(wrong == 0)
    }
}
