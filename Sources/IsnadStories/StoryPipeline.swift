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

    /// ISO date (`YYYY-MM-DD`) of a day number (days since 1970-01-01), the inverse of
    /// ``StoryArticle/day(of:)``; by arithmetic, since story listings format one per story.
    public static func date(ofDay day: Int) -> String {
        // Civil from days (proleptic Gregorian), after Howard Hinnant's published algorithm.
        let z = day + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(abs(value))
            return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
    }
}
