import ArgumentParser
import Foundation
import IsnadEncoder

struct SimilarityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "similarity",
        abstract: "Print the cosine similarity matrix of articles' sentence vectors.",
        discussion: """
            Embeds the title and lead of every article (default 256 tokens, as the story engine \
            does) and prints how close each pair is, from -1 to 1. Reports of one event in Arabic, \
            Persian or English typically score 0.85 and above; unrelated news stays lower. Rows are \
            numbered; the legend below the matrix names each article.

            Example:  isnad similarity ../shared/corpus/seeds
            """)

    @Option(help: "Tokens of each article to encode (title first), cut at a word.")
    var lead: Int = 256

    @OptionGroup var encoder: EncoderOptions

    @Argument(help: "Files or folders of articles (two or more articles in all).")
    var paths: [String]

    func validate() throws {
        try OptionRules.check(lead, "--lead", OptionRules.lead, unit: "tokens")
    }

    func run() throws {
        let inputs = EncoderInputs(paths: paths)
        for error in inputs.errors { printError("error: \(error)") }
        guard inputs.texts.count >= 2 else {
            throw CommandFailure(description: "need at least two articles to compare; found \(inputs.texts.count)")
        }
        let model = try encoder.load()
        let embeddings: [Embedding]
        do { embeddings = try model.embed(inputs.texts, leadTokens: lead) } catch { throw CommandFailure(description: "\(error)") }
        let count = embeddings.count
        var header = "     "
        for column in 0..<count { header += String(format: " %5d", column + 1) }
        print(header)
        for row in 0..<count {
            var line = String(format: "%4d ", row + 1)
            for column in 0..<count {
                line += row == column ? "     —" : String(format: " %5.3f", embeddings[row].cosine(embeddings[column]))
            }
            print(line)
        }
        print("")
        for (index, label) in inputs.labels.enumerated() {
            let title = inputs.texts[index].split(separator: "\n").first.map { String($0.prefix(60)) } ?? ""
            print(String(format: "%4d  ", index + 1) + "\(URL(fileURLWithPath: label).lastPathComponent)  \(title)")
        }
        if !inputs.errors.isEmpty { throw ExitCode(1) }
    }
}
