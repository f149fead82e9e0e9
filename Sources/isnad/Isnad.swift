import ArgumentParser
import Foundation

/// The `isnad` command line: thin; parses, calls the modules, prints.
struct Isnad: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "isnad",
        abstract: "Follow one news story across outlets and languages.",
        discussion: """
            Isnad reads news files (text, HTML pages, RSS/Atom feeds, JSONL, CSV) in Arabic, Persian, \
            English and other languages, cleans them (repeated paragraphs, page leftovers, sign-offs), \
            tags their language, and keeps them in a local store you can list and search.

            Start with:  isnad ingest samples   then   isnad articles   and   isnad search مرکز
            """,
        subcommands: [IngestCommand.self, StoriesCommand.self, StoryCommand.self, ReclusterCommand.self, ArticlesCommand.self, ArticleCommand.self, SearchCommand.self,
                      AnalyzeCommand.self, StatementsCommand.self, EmbedCommand.self, SimilarityCommand.self, EvalCommand.self, TrainCommand.self, BenchCommand.self])
}

/// Shared `--store` option.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The store file (SQLite).")
    var store: String = "isnad.sqlite"
}

@main
enum Main {
    static func main() {
        if let problem = SearchCommand.refusalBeforeParsing(Array(CommandLine.arguments.dropFirst())) {
            printError("Error: \(problem)\nUsage: isnad search [--store <store>] [--limit <limit>] <query> ...")
            Foundation.exit(2)
        }
        do {
            var command = try Isnad.parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = Isnad.exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((Isnad.fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            Isnad.exit(withError: error)
        }
    }
}

/// Writes a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Fails the command with a message and exit code 1 (runtime failure, not usage).
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
}
