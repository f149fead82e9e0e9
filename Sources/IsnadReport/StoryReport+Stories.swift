import IsnadStories

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
