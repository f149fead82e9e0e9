import IsnadClaims
import IsnadIngest
import IsnadStore
import IsnadStories

extension StoryReport {
    /// The report of one stored story (`isnad story ID --format json`, and the coming
    /// `GET /api/stories/{id}`), made from the same read model as the text view
    /// (``StoryDetail``): its articles in stream order (`a1`, `a2`, …; `hash` is the stored
    /// id), copies pointing at the article they copy, and the story under its stable id
    /// (`s42`), with the ids that led to it when it was asked for by a merged one.
    public init(story detail: StoryDetail, articles stored: [Article], claims: [String: ArticleClaims] = [:]) {
        self.init(articles: stored)
        var local: [String: String] = [:]
        for (index, article) in stored.enumerated() { local[article.id] = "a\(index + 1)" }
        let story = detail.story
        let storyID = "s\(story.id)"
        for (index, member) in detail.articles.enumerated() where index < articles.count {
            articles[index].story = storyID
            articles[index].duplicateOf = member.duplicateOf.map { local[$0] ?? $0 }
            articles[index].syndicationOf = member.syndicationOf.map { local[$0] ?? $0 }
        }
        var report = ReportStory(id: storyID, title: story.title, articles: stored.indices.map { "a\($0 + 1)" },
                                 independentSources: story.independentSources, languages: story.languages, outlets: story.outlets,
                                 firstPublished: story.firstPublished, lastPublished: story.lastPublished)
        report.mergedFrom = detail.mergedFrom.isEmpty ? nil : detail.mergedFrom.map { "s\($0)" }
        stories = [report]
        // Who said what: as stored; read now for articles the store has not read yet.
        // Stored claims carry their Latin names: the names table and gazetteer are read only when
        // an article's statements were not stored yet.
        let missing = stored.contains { claims[$0.id] == nil }
        let extractor = missing ? try? StatementExtractor.standard() : nil
        fillClaims(stored.map { article in
            claims[article.id] ?? extractor?.extract(original: article.original, paragraphs: ClaimsInput.spans(of: article),
                                                     language: article.language) ?? ArticleClaims()
        }, names: missing ? NameRomanizer.shared.romanizer : nil)
    }
}
