import ArgumentParser
import Foundation
import IsnadClaims
import IsnadEvaluation

/// `isnad train`: models Isnad trains with its own code from data the user has.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train Isnad's own models from tagged data.",
        subcommands: [TrainNERCommand.self])
}

struct TrainNERCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ner",
        abstract: "Train the name tagger of one language from CoNLL files.",
        discussion: """
            DATA are CoNLL files (token<TAB>TAG, B-/I- tags, blank line between sentences), such as \
            those of ../shared/data/ner. The tagger is an averaged perceptron over word, affix, shape \
            and context features and what the names table and the place gazetteer know of each word \
            (install them first with `make models`; the same resources must be present when tagging). \
            --take 0.8 trains on the first 80% of each file's sentences, so that `isnad eval ner FILE \
            --tagger MODEL --skip 0.8` scores the rest. `make models` runs this for ar, fa and en when \
            ../shared is present; the data's licences allow local models, not shipped ones.
            """)

    @Argument(help: "CoNLL files.")
    var data: [String]

    @Option(help: "Language of the text (ar, fa, en, …).")
    var language: String

    @Option(help: "Where to write the model (default: $ISNAD_MODELS/ner/LANGUAGE.bin).")
    var out: String?

    @Option(help: "Passes over the data (1–100).")
    var epochs: Int = 10

    @Option(help: "Train on this leading fraction of each file's sentences (0–1].")
    var take: Double = 1

    func validate() throws {
        guard (1...100).contains(epochs) else { throw ValidationError("--epochs must be 1–100, not \(epochs)") }
        guard take > 0, take <= 1 else { throw ValidationError("--take must be above 0 and at most 1, not \(take)") }
    }

    func run() throws {
        var sentences: [NameTaggerTrainer.Sentence] = []
        for file in data {
            let read: [(tokens: [String], tags: [String])]
            do { read = try NEREvaluation.read(file) } catch { throw CommandFailure(description: "\(error)") }
            sentences += read.prefix(Int((Double(read.count) * take).rounded()))
        }
        let trainer = NameTaggerTrainer(features: NameTagFeatures.standard(language: language), epochs: epochs)
        let start = Date()
        let model = trainer.train(language: language, sentences: sentences) { epoch, accuracy in
            print(String(format: "  pass %d: token accuracy on the training data %.4f", epoch, accuracy))
        }
        let path = out ?? NameTaggerModel.defaultPath(language: language)
        do { try model.write(to: path) } catch { throw CommandFailure(description: "\(error)") }
        print(String(format: "name tagger (%@): %d sentences, %d tags, %d features, %.1f s → %@",
                     language, sentences.count, model.tags.count, model.featureCount, Date().timeIntervalSince(start), path))
    }
}
