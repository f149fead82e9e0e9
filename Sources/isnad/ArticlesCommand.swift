import ArgumentParser
import Foundation
import IsnadIngest
import IsnadStore
import IsnadText

struct ArticlesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "articles",
        abstract: "List stored articles, newest first.",
        discussion: "Columns: id (type a prefix of it to `isnad article`), language, date, outlet, kept/duplicate/removed paragraphs, title.")

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Show at most this many articles (\(OptionRules.limit.lowerBound)–\(OptionRules.limit.upperBound)).")
    var limit: Int = 100

    func validate() throws {
        try OptionRules.check(limit, "--limit", OptionRules.limit, unit: "articles")
    }

    func run() throws {
        let store = try openExisting(storeOptions.store)
        let rows = try store.summaries(limit: limit)
        let total = try store.count()
        print(TextTable.render(
            header: ["id", "lang", "date", "outlet", "¶", "dup", "rm", "title"],
            rows: rows.map { r in
                [String(r.id.prefix(12)), r.language, r.published.map { String($0.prefix(10)) } ?? "—",
                 TextTable.clip(r.outlet ?? "—", 22), String(r.paragraphs), String(r.duplicateParagraphs),
                 String(r.boilerplate), TextTable.clip(r.title, 70)]
            }))
        print("\(rows.count) of \(total) articles in \(storeOptions.store)")
    }
}

struct ArticleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "article",
        abstract: "Show one article: metadata, cleaned text, and what cleaning removed.")

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "Article id or a prefix of it (at least 4 hex digits).")
    var id: String

    @Flag(help: "Print the original text instead of the cleaned text.")
    var original = false

    func run() throws {
        let store = try openExisting(storeOptions.store)
        guard let article = try store.article(idPrefix: id) else {
            throw CommandFailure(description: "no article with id \(id) in \(storeOptions.store) (see `isnad articles`)")
        }
        print("id:        \(article.id)")
        print("title:     \(article.title)")
        print("source:    \(article.path)\(article.item.map { " #\($0 + 1)" } ?? "")  [\(article.format.rawValue), \(article.encoding.rawValue)]")
        print("language:  \(article.language) (confidence \(String(format: "%.2f", article.languageConfidence)))")
        print("outlet:    \(article.outlet ?? "—")\(article.outletEvidence.map { " (from \($0.rawValue))" } ?? "")")
        if !article.credits.isEmpty { print("credits:   \(article.credits.joined(separator: ", "))") }
        print("published: \(article.published ?? "—")")
        if let url = article.url { print("url:       \(url)") }
        print("")
        print(original ? article.original : article.text)
        print("")
        let removed = article.removed
        print("removed:   \(removed.duplicateParagraphs) duplicate paragraphs, \(removed.boilerplate.count) leftovers, \(removed.markupBlocks) page blocks")
        for line in removed.boilerplate { print("  - leftover: \(TextTable.clip(line, 80))") }
        if let signoff = removed.signoff { print("  - sign-off: \(signoff)") }
        for line in removed.sourceLines { print("  - source line: \(line)") }
        if let repair = removed.repairedMojibake {
            print("repaired:  \(repair.sequences) mojibake sequences (UTF-8 read as Windows-1252 before it reached Isnad)")
            for example in repair.examples { print("  - \(example)") }
        }
    }
}

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Full-text search across languages and scripts.",
        discussion: """
            Words are compared by matching keys: Arabic and Persian letter variants, diacritics, \
            tatweel, zero-width non-joiners and digit sets do not matter (مركز finds مرکز; ۲۴ finds 24). \
            Every word must occur.
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Show at most this many hits (\(OptionRules.limit.lowerBound)–\(OptionRules.limit.upperBound)).")
    var limit: Int = 20

    @Argument(help: "Words to find (at most \(SearchQuery.maxWords) words and \(SearchQuery.maxScalars) characters).")
    var query: [String]

    func validate() throws {
        try OptionRules.check(limit, "--limit", OptionRules.limit, unit: "hits")
        if case .failure(let problem) = SearchQuery.keys(of: query.joined(separator: " ")) {
            throw ValidationError(problem.message)
        }
    }

    /// The argument parser takes time quadratic in the number of arguments (seconds for a few
    /// thousand words), so a query given as too many arguments is refused before parsing.
    static func refusalBeforeParsing(_ arguments: [String]) -> String? {
        guard arguments.first == "search", arguments.count > SearchQuery.maxWords + 5 else { return nil }
        var words: [String] = []
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--store" || argument == "--limit" {
                index += 2
                continue
            }
            if !argument.hasPrefix("--") { words.append(argument) }
            index += 1
        }
        if case .failure(let problem) = SearchQuery.keys(of: words.joined(separator: " ")) { return problem.message }
        return nil
    }

    func run() throws {
        let store = try openExisting(storeOptions.store)
        let hits = try store.search(query.joined(separator: " "), limit: limit)
        for hit in hits {
            print("\(hit.id.prefix(12))  \(hit.language)  \(hit.outlet ?? "—")  \(hit.title)")
            print("    \(hit.snippet.collapsingSpaces())")
        }
        print("\(hits.count) hits")
    }
}

/// Opens the store of a read command: read-only, and an error (not a new empty store) when missing.
func openExisting(_ path: String) throws -> ArticleStore {
    guard FileManager.default.fileExists(atPath: path) else {
        throw CommandFailure(description: "no store at \(path): run `isnad ingest PATH...` first (or pass --store)")
    }
    return try ArticleStore.openForReading(path: path)
}

/// Plain-text tables for the terminal.
enum TextTable {
    static func clip(_ text: String, _ width: Int) -> String {
        let flat = text.collapsingSpaces()
        return flat.count <= width ? flat : String(flat.prefix(width - 1)) + "…"
    }

    static func render(header: [String], rows: [[String]]) -> String {
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() where i < widths.count - 1 { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                i == cells.count - 1 ? cell : cell + String(repeating: " ", count: max(0, widths[i] - cell.count))
            }.joined(separator: "  ")
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n")
    }
}

extension String {
    func collapsingSpaces() -> String {
        split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
