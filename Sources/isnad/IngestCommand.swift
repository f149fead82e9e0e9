import ArgumentParser
import Foundation
import IsnadIngest
import IsnadReport
import IsnadStore
import IsnadStories

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Read files and folders into the store.",
        discussion: """
            Accepts .txt, .html/.htm, .jsonl, .csv, .rss/.xml and .atom files, and folders (read \
            recursively; hidden files skipped). Each problem is reported with its file and place and \
            never stops the other inputs. Ingesting the same content again stores nothing twice.

            Then new articles get their story signals (sentence vector of title and lead, rare words, \
            numbers, text fingerprint) and the stories are rebuilt; `isnad stories` lists them. \
            --no-stories skips that step.

            Exit status: 0 when every input was read, 1 when some failed, 2 on a usage error.
            """)

    @OptionGroup var storeOptions: StoreOptions

    @OptionGroup var readOptions: ReadOptions

    @Option(help: "Files per committed batch (\(OptionRules.batchSize.lowerBound)–\(OptionRules.batchSize.upperBound)).")
    var batchSize: Int = 512

    @Flag(help: "Print every error, not only the first 20.")
    var allErrors = false

    @Flag(help: "Only store the articles; leave stories for a later `isnad recluster`.")
    var noStories = false

    @OptionGroup var threadOptions: ThreadOptions

    @Argument(help: "Files or folders to read.")
    var paths: [String]

    func validate() throws {
        try OptionRules.check(batchSize, "--batch-size", OptionRules.batchSize, unit: "files")
    }

    func run() throws {
        let store = try ArticleStore(path: storeOptions.store)
        if let problem = LanguageIdentifier.shared.modelError {
            printError("warning: \(problem) Languages are guessed from the script alone.")
        }
        let ingestor = Ingestor(store: store, reader: DocumentReader(maxFileSize: readOptions.maxFileSizeBytes), batchSize: batchSize)
        let bar = ProgressBar(enabled: isatty(2) != 0)
        let summary = try ingestor.run(inputs: RawArguments.inputs(for: paths)) { bar.update($0) }
        bar.finish()
        let loops = summary.skipped.filter { $0.kind == .linkLoop }
        for loop in loops { printError("note: \(loop)") }
        for note in summary.notes.prefix(allErrors ? Int.max : 20) { printError("note: \(note)") }
        if summary.notes.count > 20 && !allErrors { printError("note: \(summary.notes.count - 20) more (--all-errors lists them)") }
        for skipped in summary.skipped.filter({ $0.kind != .linkLoop }).prefix(allErrors ? Int.max : 5) { printError("skipped: \(skipped.path)") }
        let shown = allErrors ? summary.errors : Array(summary.errors.prefix(20))
        for error in shown { printError("error: \(error)") }
        if shown.count < summary.errors.count {
            printError("… and \(summary.errors.count - shown.count) more errors (--all-errors shows them)")
        }
        let rate = summary.seconds > 0 ? Double(summary.files) / summary.seconds : 0
        print("ingested \(summary.files) files in \(String(format: "%.1f", summary.seconds)) s (\(Int(rate)) files/s): "
              + "\(summary.articlesNew) new articles, \(summary.articlesKnown) already stored, \(summary.errors.count) errors, "
              + "\(summary.skipped.count) skipped "
              + "→ \(storeOptions.store)")
        if !noStories {
            let stories = try updateStories(store)
            let placed = stories.rebuilt ? "\(stories.articles) articles replayed (no saved story state)"
                : "\(stories.articles) articles placed" + (stories.lateArticles > 0 ? ", \(stories.lateArticles) among the stories of their own days" : "")
                    + ", \(stories.storiesTouched) stories touched"
            print("stories: \(stories.stories) stories; \(placed) (\(stories.signalsComputed) new signals, "
                  + String(format: "vectors %.1f s, clustering %.2f s)", stories.signalSeconds, stories.clusterSeconds))
            if stories.claimsRead > 0 {
                print(String(format: "statements: %d articles read for who said what in %.2f s", stories.claimsRead, stories.claimsSeconds))
            }
            for note in stories.notes.prefix(allErrors ? Int.max : 5) { printError("note: \(note)") }
            if stories.notes.count > 5 && !allErrors { printError("note: \(stories.notes.count - 5) more (--all-errors lists them)") }
        }
        if !summary.errors.isEmpty { throw ExitCode(1) }
    }
}

/// A one-line progress bar on a terminal's standard error.
final class ProgressBar {
    let enabled: Bool
    var drawn = false

    init(enabled: Bool) { self.enabled = enabled }

    func update(_ p: IngestProgress) {
        guard enabled else { return }
        let width = 30
        let done = p.filesTotal == 0 ? width : width * p.filesDone / p.filesTotal
        let bar = String(repeating: "=", count: done) + String(repeating: " ", count: width - done)
        let line = "\r[\(bar)] \(p.filesDone)/\(p.filesTotal) files, \(p.articlesNew) new, \(p.errors) errors"
        FileHandle.standardError.write(Data(line.utf8))
        drawn = true
    }

    func finish() {
        if drawn { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    /// A counter line (`label: n`), for steps without a known total.
    func count(_ label: String, _ n: Int) {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\(label): \(n)".utf8))
        drawn = true
    }
}

extension IngestCommand {
    func updateStories(_ store: ArticleStore) throws -> StoryUpdater.Summary {
        let bar = ProgressBar(enabled: isatty(2) != 0)
        defer { bar.finish() }
        do {
            return try StoryUpdater(store: store).update(embedder: StoryEmbedder.loadOrWarn(threads: threadOptions.threads)) { bar.count("story signals", $0) }
        } catch {
            throw CommandFailure(description: "stories were not updated (the articles are stored): \(error)")
        }
    }
}
