import ArgumentParser
import Foundation
import IsnadClaims
import IsnadEvaluation

struct EvalNERCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ner",
        abstract: "Entity-level F1 of Isnad's names on CoNLL files (PER, LOC, ORG).",
        discussion: """
            DATA is a CoNLL file (token<TAB>TAG, B-/I- tags, blank line between sentences), such as \
            the files of ../shared/data/ner. Each sentence is given to the who-said-what step as its \
            tokens joined by spaces; a predicted entity counts when its tokens and type match a gold \
            one exactly. Prints micro precision, recall and F1 over PER, LOC and ORG and per type. \
            --language (ar, fa, en, …) defaults to the file's folder prefix (ar-anercorp → ar). \
            --predictions FILE writes the same CoNLL layout with the predicted tag of every token. \
            Names come from the trained tagger of the language (`make models`, or --tagger MODEL) \
            where there is one, else from the rules. --skip 0.8 scores the last 20% of the file, \
            for a model trained with `isnad train ner --take 0.8` on the same file.
            """)

    @Argument(help: "CoNLL file.")
    var data: String

    @Option(help: "Language of the text (default: from the folder name, e.g. ar-anercorp → ar).")
    var language: String?

    @Option(help: "Write the predicted tags here (CoNLL).")
    var predictions: String?

    @Option(help: "Use this name tagger (`isnad train ner`) instead of the installed one.")
    var tagger: String?

    @Option(help: "Score only the sentences after this leading fraction of the file [0–1).")
    var skip: Double = 0

    func validate() throws {
        guard skip >= 0, skip < 1 else { throw ValidationError("--skip must be at least 0 and below 1, not \(skip)") }
    }

    func run() throws {
        let folder = ((data as NSString).deletingLastPathComponent as NSString).lastPathComponent
        let lang = language ?? String(folder.prefix { $0 != "-" })
        let extractor: StatementExtractor
        do {
            if let tagger {
                let model = try NameTaggerModel.load(path: tagger)
                extractor = try StatementExtractor.standard(taggers: [NameTagger(model: model, features: .standard(language: lang))])
            } else {
                extractor = try StatementExtractor.standard()
            }
        } catch { throw CommandFailure(description: "\(error)") }
        var sentences: [(tokens: [String], tags: [String])]
        do { sentences = try NEREvaluation.read(data) } catch { throw CommandFailure(description: "\(error)") }
        sentences.removeFirst(Int((Double(sentences.count) * skip).rounded()))
        var evaluation = NEREvaluation()
        var out = ""
        for sentence in sentences {
            let predicted = NEREvaluation.predict(sentence.tokens, language: lang, extractor: extractor)
            evaluation.add(gold: sentence.tags, predicted: predicted)
            if predictions != nil {
                for (token, tag) in zip(sentence.tokens, predicted) { out += "\(token)\t\(tag)\n" }
                out += "\n"
            }
        }
        print("# \(data) (\(lang)): \(evaluation.sentences) sentences")
        for line in evaluation.summary { print(line) }
        if let predictions { try out.write(toFile: predictions, atomically: true, encoding: .utf8) }
    }
}
