import ArgumentParser
import Foundation
import IsnadEvaluation
import IsnadIngest
import IsnadStore

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Speed measurements (make bench runs them with the peers).",
        subcommands: [BenchGenerateCommand.self, BenchHTMLCommand.self, BenchEncoderCommand.self, BenchStoriesCommand.self, BenchStoreCommand.self])
}

struct BenchGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic corpus of .txt articles built from real sentences of the shared data.",
        discussion: "Each article is a title and paragraphs of sentences drawn from the SemEval news texts of one language, so text is realistic and every article distinct.")

    @Option(help: "Number of articles.")
    var count: Int = 10_000

    @Option(help: "Approximate size of each article in bytes.")
    var size: Int = 3_000

    @Option(help: "Articles per sub-folder.")
    var perFolder: Int = 1_000

    @Argument(help: "Output folder (created).")
    var folder: String

    func validate() throws {
        try OptionRules.check(count, "--count", OptionRules.count, unit: "articles")
        try OptionRules.check(size, "--size", OptionRules.count, unit: "bytes")
        try OptionRules.check(perFolder, "--per-folder", OptionRules.count, unit: "articles")
    }

    func run() throws {
        // Sentences per language: each generated article is in one language, as real articles are.
        var pools: [String: [String]] = [:]
        for (language, text) in try SharedData.semevalTexts() {
            for sentence in text.split(separator: ".") where sentence.count > 40 && sentence.count < 300 {
                pools[language, default: []].append(sentence.trimmingCharacters(in: .whitespacesAndNewlines) + ".")
            }
        }
        let languages = pools.keys.sorted().filter { (pools[$0]?.count ?? 0) >= 50 }
        guard !languages.isEmpty else { throw CommandFailure(description: "too few sentences in the SemEval file") }
        var rng = SplitMix(seed: 20_181_103)
        let fm = FileManager.default
        for i in 0..<count {
            let sub = (folder as NSString).appendingPathComponent(String(format: "part-%04d", i / perFolder))
            if i % perFolder == 0 { try fm.createDirectory(atPath: sub, withIntermediateDirectories: true) }
            let pool = pools[languages[Int(rng.next() % UInt64(languages.count))]] ?? []
            var body = pool[Int(rng.next() % UInt64(pool.count))] + "\n\n"
            var paragraph = ""
            while body.utf8.count + paragraph.utf8.count < size {
                paragraph += pool[Int(rng.next() % UInt64(pool.count))] + " "
                if paragraph.utf8.count > 400 { body += paragraph + "\n\n"; paragraph = "" }
            }
            body += paragraph + "\n"
            try body.write(toFile: (sub as NSString).appendingPathComponent(String(format: "article-%06d.txt", i)), atomically: false, encoding: .utf8)
        }
        print("generated \(count) articles of ~\(size) bytes in \(folder)")
    }
}

struct BenchHTMLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "html",
        abstract: "Time HTML main-text extraction on the benchmark pages, one thread.")

    @Option(help: "Passes over the pages (the median pass is reported).")
    var passes: Int = 5

    func validate() throws {
        try OptionRules.check(passes, "--passes", OptionRules.count, unit: "passes")
    }

    func run() throws {
        var evaluation = ExtractionEvaluation()
        try evaluation.loadBenchmark()
        let pages = evaluation.pages
        let bytes = pages.reduce(0) { $0 + $1.bytes.count }
        var kept = 0
        var rates: [Double] = []
        for _ in 0..<passes {
            let start = Date()
            kept = 0
            for page in pages { kept += ExtractionEvaluation.extractOne(page).count }
            rates.append(Double(pages.count) / Date().timeIntervalSince(start))
        }
        // The median pass: this machine's neighbours make single passes noisy.
        let perSecond = rates.sorted()[rates.count / 2]
        print(String(format: "html-extract-isnad  %.1f  pages/s  (%d pages, %.1f MB, 1 thread, median of %d passes, %d chars kept)",
                     perSecond, pages.count, Double(bytes) / 1e6, passes, kept))
    }
}

/// Deterministic pseudo-random numbers for reproducible benchmark corpora.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
