import ArgumentParser
import Foundation
import IsnadEvaluation
import IsnadIngest

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure quality against gold data in ../shared (or $ISNAD_SHARED).",
        subcommands: [EvalLanguageCommand.self, EvalExtractionCommand.self, EvalClustersCommand.self, EvalAttributionCommand.self, EvalNERCommand.self])
}

struct EvalLanguageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "language",
        abstract: "Single-sentence language identification accuracy per language.",
        discussion: """
            Sentences: Tests/Fixtures/langid/sentences.tsv (written for the project, 21 languages) \
            plus sentences drawn from the shared development sets (SemEval, Wikinews, the NER corpora, \
            PolNeAR, the non-English pages of the article-extraction benchmark). The identifier was not \
            tuned on them. --dump FILE writes them with the model's ranking; \
            `python3 scripts/langid-compare.py FILE` scores py3langid on the same sentences.
            """)

    @Option(help: "Extra sentence file (lang<TAB>sentence).")
    var sentences: String = "Tests/Fixtures/langid/sentences.tsv"

    @Option(help: "Sentences per language taken from the shared data.")
    var perLanguage: Int = 150

    @Option(help: "Also write every sentence with Isnad's decision and the model's ranking to this TSV (for scripts/langid-compare.py).")
    var dump: String?

    func validate() throws {
        try OptionRules.check(perLanguage, "--per-language", OptionRules.count, unit: "sentences")
    }

    func run() throws {
        var evaluation = LanguageEvaluation()
        try evaluation.addTSV(sentences)
        try evaluation.addSharedData(perLanguage: perLanguage)
        try evaluation.addArticleBenchmark(perLanguage: perLanguage)
        let identifier = LanguageIdentifier.shared
        if let problem = identifier.modelError { throw CommandFailure(description: problem.description) }
        if let dump {
            do {
                try (evaluation.comparisonLines(identifier).joined(separator: "\n") + "\n").write(toFile: dump, atomically: true, encoding: .utf8)
            } catch {
                throw CommandFailure(description: "cannot write \(dump): \(error.localizedDescription)")
            }
        }
        let results = evaluation.run(identifier).sorted { $0.language < $1.language }
        print(TextTable.render(header: ["lang", "n", "accuracy", "confused with"], rows: results.map { r in
            [r.language, String(r.total), String(format: "%.1f%%", r.accuracy * 100),
             r.confusions.sorted { $0.value > $1.value }.prefix(3).map { "\($0.key)×\($0.value)" }.joined(separator: " ")]
        }))
        let core = ["ar", "fa", "ur", "en"]
        let coreResults = results.filter { core.contains($0.language) }
        let rest = results.filter { !core.contains($0.language) }
        let restMean = rest.map(\.accuracy).reduce(0, +) / Double(max(1, rest.count))
        for r in coreResults { print("language-id \(r.language)  \(String(format: "%.1f", r.accuracy * 100))  %  (target ≥ 98)") }
        print("language-id other \(rest.count) languages (mean)  \(String(format: "%.1f", restMean * 100))  %  (target ≥ 95)")
    }
}

struct EvalExtractionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extraction",
        abstract: "HTML main-text extraction on the article-extraction benchmark (181 real pages).",
        discussion: """
            Token precision/recall per page against the gold text, averaged; F1 from the means. With \
            --compare FILE (JSON {"texts": {name: text}} from another extractor, e.g. trafilatura via \
            scripts/trafilatura_extract.py) also scores that extractor and the agreement between the two.
            """)

    @Option(help: "Another extractor's output to compare with.")
    var compare: String?

    @Option(help: "Write Isnad's extracted texts as JSON here.")
    var output: String?

    func run() throws {
        var evaluation = ExtractionEvaluation()
        try evaluation.loadBenchmark()
        let texts = evaluation.extractAll()
        let gold = evaluation.pages.map(\.gold)
        let isnad = ExtractionEvaluation.score(texts, against: gold)
        print(String(format: "extraction isnad        P %.3f  R %.3f  F1 %.3f  (%d pages)", isnad.precision, isnad.recall, isnad.f1, texts.count))
        if let output {
            var map: [String: String] = [:]
            for (page, text) in zip(evaluation.pages, texts) { map[page.name] = text }
            let data = try JSONSerialization.data(withJSONObject: ["texts": map], options: [.sortedKeys])
            try data.write(to: URL(fileURLWithPath: output))
        }
        if let compare {
            let data = try Data(contentsOf: URL(fileURLWithPath: compare))
            guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let other = json["texts"] as? [String: String] else {
                throw CommandFailure(description: "\(compare): expected JSON {\"texts\": {name: text}}")
            }
            let theirs = evaluation.pages.map { other[$0.name] ?? "" }
            let peer = ExtractionEvaluation.score(theirs, against: gold)
            let agreement = ExtractionEvaluation.score(texts, against: theirs)
            print(String(format: "extraction peer         P %.3f  R %.3f  F1 %.3f", peer.precision, peer.recall, peer.f1))
            print(String(format: "extraction agreement    P %.3f  R %.3f  F1 %.3f  (isnad vs peer)", agreement.precision, agreement.recall, agreement.f1))
        }
    }
}
