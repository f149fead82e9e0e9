import ArgumentParser
import Foundation
import IsnadClaims
import IsnadEvaluation
import IsnadIngest

struct EvalAttributionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attribution",
        abstract: "Score who-said-what against PolNeAR-style gold attributions (cue, source, content).",
        discussion: """
            Reads a folder in the PolNeAR layout (text/NAME.txt and attributions/NAME_ANNOTATOR.ann, \
            brat standoff; default: ../shared/data/polnear/dev), runs the statement extractor on each \
            text (as English) and prints one line per figure: token-overlap precision, recall and F1 \
            for cue, source and content (gold and predicted attributions paired one to one, greedily \
            by shared tokens over the three roles; tokens are word runs and single punctuation \
            marks), attribution detection (a gold attribution paired with a prediction whose cue \
            shares a token) and exact cue matches. Gold: attributions of type Attribution and \
            Attribution-no-source, Content2 merged into the content, the first annotator's file of \
            each article. --predictions FILE writes one JSON line per predicted attribution with its \
            role spans, for any other scorer.
            """)

    @Option(help: "PolNeAR-layout folder (default: ../shared/data/polnear/dev).")
    var polnear: String?

    @Option(help: "Write the predicted attributions here (JSON lines).")
    var predictions: String?

    func run() throws {
        let folder = polnear ?? SharedData.path("data/polnear/dev")
        let extractor: StatementExtractor
        do { extractor = try StatementExtractor.standard() } catch { throw CommandFailure(description: "\(error)") }
        let articles: [(name: String, text: String, gold: [AttributionEvaluation.Attribution])]
        do { articles = try AttributionEvaluation.load(folder: folder) } catch { throw CommandFailure(description: "\(error)") }
        var evaluation = AttributionEvaluation()
        var lines: [String] = []
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for article in articles {
            let predicted = AttributionEvaluation.predict(article.text, extractor: extractor)
            evaluation.add(text: article.text, gold: article.gold, predicted: predicted)
            if predictions != nil {
                for p in predicted {
                    lines.append(String(decoding: try encoder.encode(AttributionEvaluation.Prediction(article: article.name, p)), as: UTF8.self))
                }
            }
        }
        print("# \(folder): \(evaluation.articles) articles, \(evaluation.goldAttributions) gold attributions")
        for line in evaluation.summary { print(line) }
        if let predictions {
            try (lines.joined(separator: "\n") + "\n").write(toFile: predictions, atomically: true, encoding: .utf8)
        }
    }
}
