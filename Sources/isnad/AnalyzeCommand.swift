import ArgumentParser
import Foundation
import IsnadClaims
import IsnadIngest
import IsnadReport
import IsnadStories
import IsnadText

struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Analyze files without a store and print the story report.",
        discussion: """
            Runs the pipeline on the given files and folders and prints the story report (JSON \
            contract in DESIGN.md) or a readable summary. --until stops after a stage (decode, \
            extract, analyze, cluster) for debugging and stage benchmarks.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, text }

    @Option(help: "Output format: json or text.")
    var format: Format = .text

    @Option(help: "Stop after this stage: decode, extract, analyze, cluster.")
    var until: String = "cluster"

    @OptionGroup var readOptions: ReadOptions

    @OptionGroup var threadOptions: ThreadOptions

    @Argument(help: "Files or folders to analyze.")
    var paths: [String]

    func validate() throws {
        guard BatchAnalysis.Stage(rawValue: until) != nil else {
            throw ValidationError("--until must be one of: \(BatchAnalysis.Stage.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        let stage = BatchAnalysis.Stage(rawValue: until) ?? .cluster
        let analysis = BatchAnalysis(reader: DocumentReader(maxFileSize: readOptions.maxFileSizeBytes))
        let read = analysis.read(inputs: RawArguments.inputs(for: paths))
        for error in read.errors { printError("error: \(error)") }
        for loop in read.skipped where loop.kind == .linkLoop { printError("note: \(loop)") }
        for note in read.notes { printError("note: \(note)") }
        if stage == .decode {
            for doc in read.documents {
                print("\(doc.sourceLabel)\t\(doc.format.rawValue)\t\(doc.encoding.rawValue)\t\(doc.original.unicodeScalars.count) scalars")
            }
            if !read.errors.isEmpty { throw ExitCode(1) }
            return
        }
        if stage != .extract, let problem = analysis.identifier.modelError {
            printError("warning: \(problem) Languages are guessed from the script alone.")
        }
        let articles = analysis.articles(from: read.documents, until: stage)
        var report = StoryReport(articles: articles, errors: read.errors)
        if stage == .cluster {
            var pipeline = StoryPipeline(embedder: StoryEmbedder.loadOrWarn(threads: threadOptions.threads))
            do {
                let result = try pipeline.run(articles)
                for (article, note) in zip(articles, result.notes) { if let note { printError("note: \(article.path): \(note)") } }
                report.fill(result.analysis)
            } catch {
                throw CommandFailure(description: "\(error)")
            }
            try pipeline.embedder?.cache?.save()
            let names = NameRomanizer.shared
            if let problem = names.problem { printError("note: names are transliterated by rules only: \(problem)") }
            do { report.fillClaims(try StatementExtractor.standard(names: names.romanizer), names: names.romanizer) } catch {
                printError("warning: \(error); no statements")
            }
        }
        switch format {
        case .json:
            print(try report.json())
        case .text:
            print(TextTable.render(
                header: ["#", "story", "lang", "conf", "outlet", "date", "¶", "dup", "rm", "title"],
                rows: report.articles.map { r in
                    let a = r.article
                    return [r.id, r.story ?? "—", a.language, String(format: "%.2f", a.languageConfidence), TextTable.clip(a.outlet ?? "—", 20),
                            a.published.map { String($0.prefix(10)) } ?? "—", String(a.paragraphs.count),
                            String(a.removed.duplicateParagraphs), String(a.removed.boilerplate.count), TextTable.clip(a.title, 60)]
                }))
            for story in report.stories { StatementsView.print(story) }
        }
        if !read.errors.isEmpty { throw ExitCode(1) }
    }
}
