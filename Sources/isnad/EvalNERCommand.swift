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
            --predictions FILE writes the same CoNLL layout with the predicted tag of every token.
            """)

    @Argument(help: "CoNLL file.")
    var data: String

    @Option(help: "Language of the text (default: from the folder name, e.g. ar-anercorp → ar).")
    var language: String?

    @Option(help: "Write the predicted tags here (CoNLL).")
    var predictions: String?

    func run() throws {
        let folder = ((data as NSString).deletingLastPathComponent as NSString).lastPathComponent
        let lang = language ?? String(folder.prefix { $0 != "-" })
        let extractor: StatementExtractor
        do { extractor = try StatementExtractor.standard() } catch { throw CommandFailure(description: "\(error)") }
        let sentences: [(tokens: [String], tags: [String])]
        do { sentences = try NEREvaluation.read(data) } catch { throw CommandFailure(description: "\(error)") }
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
