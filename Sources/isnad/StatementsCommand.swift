import ArgumentParser
import Foundation
import IsnadClaims
import IsnadIngest
import IsnadText

struct StatementsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "statements",
        abstract: "Show who said what in files: each attributed statement with speaker, cue, stance and via chain.",
        discussion: """
            Reads the files and folders as `analyze` does and prints, per article, every \
            attributed statement it finds: the speaker as written and the name it resolves to, \
            the cue, the stance (assert, deny, other), the form (direct, indirect, mixed), the \
            content, and the chain of outlets it came through, each with its span in the decoded \
            original (Unicode scalar offsets, end exclusive). Cue lexicons: \
            Sources/IsnadClaims/Resources/lexicon (extend them with files of the same names in \
            $ISNAD_LEXICON).
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @OptionGroup var readOptions: ReadOptions

    @Argument(help: "Files or folders to read.")
    var paths: [String]

    func run() throws {
        let analysis = BatchAnalysis(reader: DocumentReader(maxFileSize: readOptions.maxFileSizeBytes))
        let read = analysis.read(inputs: RawArguments.inputs(for: paths))
        for error in read.errors { printError("error: \(error)") }
        let articles = analysis.articles(from: read.documents, until: .analyze)
        let extractor: StatementExtractor
        do { extractor = try StatementExtractor.standard() } catch { throw CommandFailure(description: "\(error)") }
        var output: [ArticleStatements] = []
        for article in articles {
            let claims = extractor.extract(original: article.original, paragraphs: ClaimsInput.spans(of: article), language: article.language)
            switch format {
            case .json:
                output.append(ArticleStatements(path: article.path, language: article.language, claims: claims))
            case .text:
                print("\(article.path) [\(article.language)]: \(claims.statements.count) statements, \(claims.mentions.count) names")
                for s in claims.statements {
                    let who = s.speakerMention.map { $0.text == s.speakerText ? $0.text : "\(s.speakerText.isEmpty ? "—" : s.speakerText) → \($0.text)" }
                        ?? (s.speakerText.isEmpty ? "—" : s.speakerText)
                    let via = s.via.isEmpty ? "" : "  via \(s.via.joined(separator: " ← "))"
                    print("  [\(s.stance.rawValue), \(s.form.rawValue)] \(who) · \(s.cue) · \(TextTable.clip(s.content, 90))\(via)  @\(s.span.start)-\(s.span.end)")
                }
            }
        }
        if format == .json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(output), as: UTF8.self))
        }
        if !read.errors.isEmpty { throw ExitCode(1) }
    }
}

/// One article's who-said-what in `isnad statements --format json`.
struct ArticleStatements: Encodable {
    var path: String
    var language: String
    var claims: ArticleClaims
}
