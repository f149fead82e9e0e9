import ArgumentParser
import Foundation
import IsnadReport
import IsnadIngest
import IsnadStore
import IsnadStories

struct StoriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stories",
        abstract: "List the stories in the store, latest first.",
        discussion: """
            A story is the set of reports, in any language, about one event. "sources" counts \
            independent reports: copies of one wire text count once. Show one with `isnad story ID`.
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "How many stories to list (\(OptionRules.limit.lowerBound)–\(OptionRules.limit.upperBound)).")
    var limit: Int = 50

    func validate() throws {
        try OptionRules.check(limit, "--limit", OptionRules.limit, unit: "stories")
    }

    func run() throws {
        let store = try openExisting(storeOptions.store)
        let stories = try store.stories(limit: limit)
        if stories.isEmpty {
            print("no stories yet: `isnad ingest PATH` stores articles and builds them (or run `isnad recluster`)")
            return
        }
        print(TextTable.render(
            header: ["story", "dates", "languages", "articles", "sources", "outlets", "title"],
            rows: stories.map { s in
                let dates = s.firstPublished.map { first in first == s.lastPublished ? first : "\(first)…\(s.lastPublished ?? "")" } ?? "—"
                return [String(s.id), dates, s.languages.joined(separator: " "), String(s.articleCount), String(s.independentSources),
                        TextTable.clip(s.outlets.joined(separator: ", "), 30), TextTable.clip(s.title, 60)]
            }))
    }
}

struct StoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "story",
        abstract: "Show one story: its reports, copies, and (with --why) why each report is in it.",
        discussion: """
            --why prints, for every article, the evidence the story engine weighed: the cosine of \
            its sentence vector to the story's centroid against the background of that language \
            pair, the share of its rare words and numbers the story already had, the distance in \
            days, the resulting score against the join score, and the runner-up story.
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Flag(help: "Explain each assignment.")
    var why = false

    @Option(help: "Output format: text, or json (the story report of DESIGN.md: articles with their text and spans, the story).")
    var format: AnalyzeCommand.Format = .text

    @Argument(help: "Story number, as `isnad stories` shows.")
    var id: Int

    func run() throws {
        let store = try openExisting(storeOptions.store)
        guard let detail = try store.story(id: id) else {
            throw CommandFailure(description: "no story \(id) in \(storeOptions.store) (`isnad stories` lists them)")
        }
        let story = detail.story, articles = detail.articles
        var full: [Article] = []
        for member in articles {
            guard let article = try store.article(idPrefix: member.summary.id) else {
                throw CommandFailure(description: "article \(member.summary.id) of story \(story.id) is missing from \(storeOptions.store)")
            }
            full.append(article)
        }
        let report = StoryReport(story: detail, articles: full, claims: try store.claims(articleIDs: full.map(\.id)))
        if format == .json {
            print(try report.json())
            return
        }
        if !detail.mergedFrom.isEmpty {
            print("story \(id) was merged into story \(story.id)"
                  + (detail.mergedFrom.count > 1 ? " (through " + detail.mergedFrom.dropFirst().map { "story \($0)" }.joined(separator: ", ") + ")" : "")
                  + "; showing story \(story.id)")
        }
        if articles.isEmpty {
            print("story \(story.id) no longer has articles: a rebuild placed them elsewhere or left them unclustered")
        }
        print("story \(story.id): \(story.title)")
        print("  \(story.articleCount) articles, \(story.independentSources) independent sources; languages "
              + story.languages.joined(separator: ", ") + (story.firstPublished.map { "; \($0) … \(story.lastPublished ?? $0)" } ?? ""))
        if !story.outlets.isEmpty { print("  outlets: " + story.outlets.joined(separator: ", ")) }
        print("")
        let short = { (id: String) in String(id.prefix(12)) }
        print(TextTable.render(
            header: ["article", "date", "lang", "outlet", "copy", "title"],
            rows: articles.map { a in
                let copy = a.duplicateOf.map { "= \(short($0))" } ?? a.syndicationOf.map { "~ \(short($0))" } ?? ""
                return [short(a.summary.id), a.summary.published.map { String($0.prefix(10)) } ?? "—", a.summary.language,
                        TextTable.clip(a.summary.outlet ?? "—", 20), copy, TextTable.clip(a.summary.title, 60)]
            }))
        print("  (= duplicate of, ~ same wire text as)")
        if let reported = report.stories.first {
            StatementsView.print(reported, articles: Dictionary(report.articles.map { ($0.id, short($0.article.id)) }, uniquingKeysWith: { a, _ in a }))
        }
        guard why else { return }
        print("")
        for article in articles {
            print("\(short(article.summary.id))  \(TextTable.clip(article.summary.title, 70))")
            print("  " + (article.decision.map(Self.explain) ?? "no decision recorded"))
        }
    }

    static func explain(_ d: Decision) -> String {
        var lines: [String] = []
        func evidence(_ e: Decision.Evidence) -> String {
            var parts: [String] = []
            if let cosine = e.cosine {
                let z = (Double(cosine) - e.backgroundMean) / max(e.backgroundDeviation, 1e-9)
                parts.append(String(format: "cosine %.3f vs %@ background %.3f±%.3f (%.1f spreads)", cosine, e.languagePair,
                                    e.backgroundMean, e.backgroundDeviation, z))
            } else {
                parts.append("no vectors (words only)")
            }
            parts.append(String(format: "rare words %.0f%%, numbers %.0f%%", e.termShare * 100, e.numberShare * 100))
            if let names = e.nameShare { parts.append(String(format: "names across scripts %.0f%%", names * 100)) }
            if let gap = e.dayGap { parts.append("\(gap) day\(gap == 1 ? "" : "s") away") }
            return parts.joined(separator: "; ") + String(format: " → score %.2f", e.score)
        }
        switch d.action {
        case .joined:
            if let chosen = d.chosen {
                lines.append("joined: " + evidence(chosen) + String(format: " ≥ %.2f", d.threshold))
            } else {
                lines.append("joined: " + (d.note ?? "copy of an earlier article"))
            }
        case .opened:
            lines.append(String(format: "opened this story: no story reached %.2f", d.threshold))
        case .skipped:
            lines.append("not clustered: " + (d.note ?? ""))
        }
        if let runner = d.runnerUp, runner.story >= 0 {
            lines.append("runner-up story \(runner.story): " + evidence(runner))
        }
        if !d.merged.isEmpty { lines.append("merged in: " + d.merged.map { "story \($0)" }.joined(separator: ", ")) }
        if let note = d.note, d.action != .skipped, d.chosen != nil { lines.append("note: " + note) }
        return lines.joined(separator: "\n  ")
    }
}

struct ReclusterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recluster",
        abstract: "Rebuild stories from the stored articles (all, or from a date on).",
        discussion: """
            `isnad ingest` keeps stories up to date by placing only the new articles; recluster is \
            the explicit full rebuild: it computes missing story signals, then replays the stored \
            articles through the story engine. With --since, only articles published on or after \
            that date (and the few days before, so that ongoing stories are recognised) are \
            re-assigned; earlier assignments stay as they are.

            Story numbers survive a rebuild: each rebuilt story takes the number of the stored \
            story whose articles it holds most of. A stored story left without articles points at \
            the story that took most of them (`isnad story OLD` shows that one and says so); a \
            story that only now stands apart gets a new number.
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "First publication date to rebuild (YYYY-MM-DD).")
    var since: String?

    @OptionGroup var threadOptions: ThreadOptions

    func validate() throws {
        if let since, StoryArticle.day(of: since) == nil { throw ValidationError("--since must be a date like 2018-03-11") }
    }

    func run() throws {
        // A rebuild writes, but never into a store that is not there (a mistyped --store).
        guard FileManager.default.fileExists(atPath: storeOptions.store) else {
            throw CommandFailure(description: "no store at \(storeOptions.store): run `isnad ingest PATH...` first (or pass --store)")
        }
        let store = try ArticleStore(path: storeOptions.store)
        let summary = try StoryUpdater(store: store).rebuild(embedder: StoryEmbedder.loadOrWarn(threads: threadOptions.threads), since: since)
        for note in summary.notes.prefix(10) { printError("note: \(note)") }
        print("stories: \(summary.stories) stories; \(summary.articles) articles replayed (\(summary.signalsComputed) new signals, "
              + String(format: "%.2f s clustering)", summary.clusterSeconds))
    }
}
