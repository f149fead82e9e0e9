import ArgumentParser
import IsnadIngest

/// The ranges of the numeric options, checked the same way by every command that has them, with
/// one message form: `--threads must be between 1 and 256 (threads), got 0`.
enum OptionRules {
    /// `--max-file-size`, in MiB: a file is read into memory whole, and processing needs a few
    /// times its size, so 4 GiB is the most a machine can reasonably take.
    static let maxFileSizeMiB = 1...4_096
    /// `--threads`: worker threads of the sentence encoder.
    static let threads = 1...256
    /// `--batch-size`: files per committed batch.
    static let batchSize = 1...100_000
    /// `--limit` of listings (0 prints only the count).
    static let limit = 0...1_000_000
    /// `--lead`: tokens of each article to encode, with `<s>` and `</s>`.
    static let lead = 3...100_000
    /// Counts of benchmarks and evaluations (`--count`, `--passes`, `--orders`, …).
    static let count = 1...10_000_000

    /// Throws a usage error naming the option and its range when `value` is outside it.
    static func check(_ value: Int?, _ option: String, _ range: ClosedRange<Int>, unit: String) throws {
        guard let value, !range.contains(value) else { return }
        throw ValidationError("\(option) must be between \(range.lowerBound) and \(range.upperBound) (\(unit)), got \(value)")
    }
}

/// `--max-file-size`, shared by the commands that read files.
struct ReadOptions: ParsableArguments {
    @Option(help: "Refuse files larger than this many MiB (\(OptionRules.maxFileSizeMiB.lowerBound)–\(OptionRules.maxFileSizeMiB.upperBound)).")
    var maxFileSize: Int = DocumentReader.defaultMaxFileSize >> 20

    func validate() throws {
        try OptionRules.check(maxFileSize, "--max-file-size", OptionRules.maxFileSizeMiB, unit: "MiB")
    }

    /// The limit in bytes (cannot overflow: the range is checked).
    var maxFileSizeBytes: Int { maxFileSize << 20 }
}

/// `--threads`, shared by the commands that run the sentence encoder for stories.
struct ThreadOptions: ParsableArguments {
    @Option(help: "Threads for the sentence encoder (\(OptionRules.threads.lowerBound)–\(OptionRules.threads.upperBound); default: every core).")
    var threads: Int?

    func validate() throws {
        try OptionRules.check(threads, "--threads", OptionRules.threads, unit: "threads")
    }
}
