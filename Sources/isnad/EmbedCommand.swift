import ArgumentParser
import Foundation
import IsnadEncoder
import IsnadIngest

/// Options shared by the commands that run the sentence encoder.
struct EncoderOptions: ParsableArguments {
    @Option(help: "Worker threads (\(OptionRules.threads.lowerBound)–\(OptionRules.threads.upperBound); default: every core).")
    var threads: Int?

    @Option(help: "The e5 weight file (default: $ISNAD_MODELS/e5/e5-small-q4.bin, installed by `make models`).")
    var model: String?

    func validate() throws {
        try OptionRules.check(threads, "--threads", OptionRules.threads, unit: "threads")
    }

    func load() throws -> E5Encoder {
        do { return try E5Encoder(path: model, threads: threads) } catch { throw CommandFailure(description: "\(error)") }
    }
}

/// Reads articles from paths as the rest of Isnad does and gives each a label and the text to embed.
struct EncoderInputs {
    var labels: [String] = []
    var texts: [String] = []
    var errors: [String] = []

    init(paths: [String]) {
        let analysis = BatchAnalysis()
        let read = analysis.read(inputs: RawArguments.inputs(for: paths))
        errors = read.errors.map { "\($0)" }
        for article in analysis.articles(from: read.documents, until: .extract) {
            labels.append(article.sourceLabel)
            texts.append(E5Encoder.articleText(title: article.title, body: article.text))
        }
    }
}

struct EmbedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Print multilingual sentence vectors (multilingual-e5-small) of articles.",
        discussion: """
            Each article (title and cleaned text, as `isnad analyze` reads it) becomes one 384-number \
            unit vector; articles in different languages that report the same thing get vectors with \
            a high cosine. Texts longer than the model's 512 tokens are encoded in consecutive windows \
            whose vectors are averaged ("windows" in the output); --lead N encodes only the first N \
            tokens, cut at a word boundary ("truncated": true when that left text out).

            Example:  isnad embed samples/ar samples/fa --lead 256 --format json
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, text }

    @Option(help: "Encode at most this many tokens of each article (title first), cut at a word.")
    var lead: Int?

    @Option(help: "Output format: json (vectors) or text (a summary line per article).")
    var format: Format = .json

    @OptionGroup var encoder: EncoderOptions

    @Argument(help: "Files or folders of articles.")
    var paths: [String]

    func validate() throws {
        try OptionRules.check(lead, "--lead", OptionRules.lead, unit: "tokens")
    }

    func run() throws {
        let inputs = EncoderInputs(paths: paths)
        for error in inputs.errors { printError("error: \(error)") }
        let model = try encoder.load()
        let embeddings: [Embedding]
        do { embeddings = try model.embed(inputs.texts, leadTokens: lead) } catch { throw CommandFailure(description: "\(error)") }
        switch format {
        case .json:
            var out = "[\n"
            for (index, (label, embedding)) in zip(inputs.labels, embeddings).enumerated() {
                let vector = embedding.vector.map { String(format: "%.6g", $0) }.joined(separator: ",")
                out += "  {\"path\": \(jsonString(label)), \"tokens\": \(embedding.encodedTokens), "
                    + "\"textTokens\": \(embedding.tokens), \"windows\": \(embedding.windows), "
                    + "\"truncated\": \(embedding.truncated), \"vector\": [\(vector)]}"
                out += index + 1 < embeddings.count ? ",\n" : "\n"
            }
            print(out + "]")
        case .text:
            for (label, embedding) in zip(inputs.labels, embeddings) {
                let cut = embedding.truncated ? " (cut from \(embedding.tokens))" : ""
                print("\(label)\t\(embedding.encodedTokens) tokens\(cut), \(embedding.windows) window(s)")
            }
        }
        if !inputs.errors.isEmpty { throw ExitCode(1) }
    }
}

/// A JSON string literal.
func jsonString(_ value: String) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes]
    guard let data = try? encoder.encode(value) else { return "\"\"" }
    return String(decoding: data, as: UTF8.self)
}
