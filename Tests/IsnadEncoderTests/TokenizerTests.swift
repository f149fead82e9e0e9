import Foundation
import IsnadEvaluation
import IsnadEncoder
import IsnadIngest
import Testing

@Suite("SentencePiece tokenizer")
struct TokenizerTests {
    /// Ids of fixed inputs, as the reference's `tok_content` gives them (docs/ENCODER-NOTES.md §2).
    @Test("known inputs give the reference ids", arguments: [
        ("hello world", [41, 1294, 12, 33600, 31, 8999]),
        ("how much protein per day", [41, 1294, 12, 3642, 5045, 21308, 117, 5155]),
        ("", [41, 1294, 12, 6]),
        ("e\u{301}", [41, 1294, 12, 28, 4868]),
        ("می\u{200C}خواهم", [41, 1294, 12, 383, 140113]),
        ("السلام عليكم", [41, 1294, 12, 11945, 101387]),
        ("<s> x", [41, 1294, 12, 6, 0, 1022]),
    ])
    func knownIds(text: String, expected: [Int32]) throws {
        let encoder = try TestEncoder.shared.get()
        #expect(encoder.tokenize(text).ids == expected)
    }

    @Test("unknown code points are one <unk> each, never fused")
    func unknowns() throws {
        let encoder = try TestEncoder.shared.get()
        let tokens = encoder.tokenizer.tokenize("𓀀𓀀 x")
        #expect(tokens.ids == [6, 3, 3, 1022])
    }

    /// Sentences of 12 languages from the development data (SemEval-2022 news in ten languages,
    /// PEYMA for Persian) and the project's Urdu sentences.
    static func sentences() throws -> [(language: String, text: String)] {
        var perLanguage: [String: [String]] = [:]
        for (language, text) in try SharedData.semevalTexts() where (perLanguage[language]?.count ?? 0) < 30 {
            let flat = text.replacingOccurrences(of: "\n", with: " ")
            let sentence = flat.split(separator: ".", maxSplits: 1).first.map(String.init) ?? flat
            let clipped = String(sentence.prefix(400))
            if clipped.count >= 20 { perLanguage[language, default: []].append(clipped) }
        }
        let peyma = try String(contentsOfFile: try SharedData.require("data/ner/fa-peyma/dev.conll"), encoding: .utf8)
        var words: [String] = []
        for line in peyma.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty {
                if words.count >= 5, (perLanguage["fa"]?.count ?? 0) < 30 { perLanguage["fa", default: []].append(words.joined(separator: " ")) }
                words = []
            } else if let token = line.split(separator: "\t").first {
                words.append(String(token))
            }
        }
        let urdu = try String(contentsOfFile: ReferenceEngine.packageRoot + "/Tests/Fixtures/langid/sentences.tsv", encoding: .utf8)
        for line in urdu.split(separator: "\n") where line.hasPrefix("ur\t") && (perLanguage["ur"]?.count ?? 0) < 30 {
            perLanguage["ur", default: []].append(String(line.dropFirst(3)))
        }
        return perLanguage.sorted { $0.key < $1.key }.flatMap { language, texts in texts.map { (language, $0) } }
    }

    @Test("ids identical to the reference on 300+ sentences in 12 languages")
    func matchesReference() throws {
        let encoder = try TestEncoder.shared.get()
        let sentences = try Self.sentences()
        let languages = Set(sentences.map(\.language))
        #expect(sentences.count >= 300)
        #expect(languages.count >= 10 && languages.isSuperset(of: ["ar", "fa", "ur", "en"]))
        let reference = try ReferenceEngine.ids(sentences.map(\.text))
        var mismatches: [String] = []
        for (index, sentence) in sentences.enumerated() where encoder.tokenize(sentence.text).ids != reference[index] {
            mismatches.append("[\(sentence.language)] \(sentence.text.prefix(60))")
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(sentences.count) differ, e.g. \(mismatches.prefix(3))")
    }

    @Test("control characters, mixed scripts and odd spacing match the reference")
    func oddText() throws {
        let encoder = try TestEncoder.shared.get()
        let texts = [
            "  leading and  double\tspaces, trailing ", "bell\u{7} and escape\u{1B} inside",
            "ﻻ presentation forms ﷲ and ＡＢＣ fullwidth", "mixed: مركز مرکز Центр 中心 ৫ ٣٤ ۳۴",
            "soft\u{AD}hyphen, no\u{A0}break, zero\u{200B}width, rtl\u{200F}mark", "😀 emoji 🇮🇷 flags",
        ]
        let reference = try ReferenceEngine.ids(texts)
        for (text, ids) in zip(texts, reference) {
            #expect(encoder.tokenize(text).ids == ids, "\(text.debugDescription)")
        }
    }

    @Test("tokens trace back to where they start in the text")
    func provenance() throws {
        let encoder = try TestEncoder.shared.get()
        let text = "Россия объявила о переговорах в Восточной Гуте"
        let tokens = encoder.tokenize(text)
        let scalars = Array(text.unicodeScalars)
        #expect(tokens.sourceStarts.prefix(3).allSatisfy { $0 == -1 }) // "query: "
        // A word's first token starts at the space its word marker stands for; the first word's
        // marker is the prefix's space, so it counts as prefix.
        let wordStarts = zip(tokens.sourceStarts, tokens.wordStarts).filter { $0.0 >= 0 && $0.1 }.map { Int($0.0) }
        #expect(wordStarts.count == text.split(separator: " ").count - 1)
        for start in wordStarts { #expect(scalars[start] == " ") }
        let cut = tokens.cutAtWord(maxContent: 8)
        #expect(cut.sourceEnd.map { scalars[$0] == " " } == true)
        let kept = String(String.UnicodeScalarView(scalars.prefix(cut.sourceEnd ?? 0)))
        #expect(encoder.tokenize(kept).ids == Array(tokens.ids.prefix(cut.count)))
    }
}
