import IsnadText

/// The extract and analyze stages for one document: clean it into an article, then tag its
/// language from the title and the first kept paragraphs.
public struct ArticleAnalyzer: Sendable {
    public var cleaner: ArticleCleaner
    public let identifier: LanguageIdentifier

    public init(cleaner: ArticleCleaner = ArticleCleaner(), identifier: LanguageIdentifier = .shared) {
        self.cleaner = cleaner
        self.identifier = identifier
    }

    /// Cleans and tags one document.
    public func article(from raw: RawDocument, layout: DocumentLayout? = nil) -> Article {
        var article = cleaner.clean(raw, layout: layout)
        tagLanguage(&article)
        return article
    }

    /// Sets `language` and `languageConfidence` from the article's own text.
    public func tagLanguage(_ article: inout Article) {
        let sample = article.title + "\n" + String(article.text.unicodeScalars.prefix(LanguageIdentifier.sampleLength))
        let guess = identifier.identify(sample)
        article.language = guess.language
        article.languageConfidence = (guess.confidence * 1000).rounded() / 1000
    }
}
