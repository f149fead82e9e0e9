import Foundation
import IsnadEncoder
import IsnadIngest

/// Cleaned articles to stories: vectors of title + lead (cached), signals, copies, clustering.
/// Without an encoder, clustering runs on lexical evidence alone and says so.
public struct StoryPipeline: Sendable {
    public var engine: StoryEngine
    public var embedder: StoryEmbedder?

    public init(engine: StoryEngine = StoryEngine(), embedder: StoryEmbedder?) {
        self.engine = engine
        self.embedder = embedder
    }

    /// The signals of each article (vectors computed or taken from the cache) and, per article,
    /// a note worth telling the user (why it has no vector), aligned with `articles`.
    public mutating func signals(_ articles: [Article]) throws(EncoderError) -> (signals: [StoryArticle], notes: [String?]) {
        var signals = articles.enumerated().map { StoryArticle($1, order: $0, embedding: nil) }
        var notes = [String?](repeating: nil, count: articles.count)
        // Articles too short to cluster need no vector.
        let wanted = signals.indices.filter { signals[$0].wordCount >= engine.options.minimumWords }
        if embedder != nil, !wanted.isEmpty {
            let results = try embedder?.embed(wanted.map { (articles[$0].title, articles[$0].text) }) ?? []
            for (index, result) in zip(wanted, results) {
                signals[index].embedding = result.vector
                notes[index] = result.note.map { "\($0); clustered on shared words only" }
            }
        }
        return (signals, notes)
    }

    /// Clusters articles into stories.
    public mutating func run(_ articles: [Article]) throws(EncoderError) -> (analysis: StoryAnalysis, signals: [StoryArticle], notes: [String?]) {
        let (signals, notes) = try signals(articles)
        return (engine.analyze(signals), signals, notes)
    }

    /// ISO date of a day number.
    public static func date(ofDay day: Int) -> String {
        let date = Date(timeIntervalSince1970: TimeInterval(day) * 86_400)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: date)
    }
}

extension StoryReport {
    /// Fills `story`, `duplicateOf` and `stories` from the story stage.
    public mutating func fill(_ analysis: StoryAnalysis) {
        for index in articles.indices where index < analysis.storyOfArticle.count {
            articles[index].story = analysis.storyOfArticle[index].map { "s\($0 + 1)" }
            articles[index].duplicateOf = analysis.duplicateOf[index].map { "a\($0 + 1)" }
            let group = analysis.syndicationGroup[index]
            articles[index].syndicationOf = group == index ? nil : "a\(group + 1)"
        }
        stories = analysis.stories.map { story in
            ReportStory(id: "s\(story.id + 1)", title: story.title, articles: story.articles.map { "a\($0 + 1)" },
                        independentSources: story.independentSources, languages: story.languages, outlets: story.outlets,
                        firstPublished: story.firstDay.map(StoryPipeline.date(ofDay:)),
                        lastPublished: story.lastDay.map(StoryPipeline.date(ofDay:)))
        }
    }
}
