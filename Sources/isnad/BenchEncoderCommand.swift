import ArgumentParser
import Foundation
import IsnadEvaluation
import IsnadEncoder
import IsnadIngest

struct BenchEncoderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encoder",
        abstract: "Sentence-encoder speed: texts per second on news leads of a fixed token length.",
        discussion: """
            Takes news texts in ten languages from the SemEval file in ../shared, cuts each to \
            --lead tokens at a word boundary (texts too short for that are skipped), and times \
            embedding them in one batch, median of --passes. --write-texts saves the exact texts \
            (NUL-separated) so a peer engine can be timed on the same input; make bench does that.
            Prints: encoder-<lead>-t<threads>  texts/s  (tokens per text, load time, kernels).
            """)

    @Option(help: "Tokens per text (with <s>, </s> and the query prefix).")
    var lead: Int = 256

    @Option(help: "Number of texts.")
    var count: Int = 64

    @Option(help: "Timed passes; the median is reported.")
    var passes: Int = 3

    @Option(help: "Write the texts used, NUL-separated, to this file.")
    var writeTexts: String?

    @OptionGroup var encoder: EncoderOptions

    func validate() throws {
        try OptionRules.check(lead, "--lead", OptionRules.lead, unit: "tokens")
        try OptionRules.check(count, "--count", OptionRules.count, unit: "texts")
        try OptionRules.check(passes, "--passes", OptionRules.count, unit: "passes")
    }

    func run() throws {
        let loadStart = Date()
        let model = try encoder.load()
        let loadTime = Date().timeIntervalSince(loadStart)
        var texts: [String] = [], seen = Set<String>()
        for (_, text) in try SharedData.semevalTexts() where texts.count < count && !seen.contains(text) {
            seen.insert(text)
            let tokens = model.tokenize(text)
            guard tokens.sequenceLength > lead else { continue }
            let cut = tokens.cutAtWord(maxContent: lead - 2)
            guard cut.count + 2 >= lead - 8, let end = cut.sourceEnd else { continue }
            texts.append(String(String.UnicodeScalarView(text.unicodeScalars.prefix(end))))
        }
        guard texts.count == count else {
            throw CommandFailure(description: "only \(texts.count) texts have \(lead) tokens; lower --count or --lead")
        }
        if let writeTexts {
            var data = Data()
            for text in texts { data.append(contentsOf: Array(text.utf8)); data.append(0) }
            try data.write(to: URL(fileURLWithPath: writeTexts))
        }
        let tokens = texts.reduce(0) { $0 + model.tokenize($1).sequenceLength }
        var times: [Double] = []
        for _ in 0..<max(1, passes) {
            let start = Date()
            let vectors = try model.embed(texts, leadTokens: nil)
            times.append(Date().timeIntervalSince(start))
            guard vectors.count == texts.count else { throw CommandFailure(description: "lost vectors") }
        }
        let median = times.sorted()[times.count / 2]
        let rate = Double(texts.count) / median
        print(String(format: "encoder-%d-t%d  %.2f  texts/s  (%d texts of %.0f tokens; %.0f tokens/s; load %.2f s; %@ kernels)",
                     lead, model.threads, rate, texts.count, Double(tokens) / Double(texts.count),
                     Double(tokens) / median, loadTime, model.kernelName))
    }
}
