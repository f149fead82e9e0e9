import Foundation
import IsnadClaims
import IsnadIngest
import IsnadStories

/// What Isnad needs of a store, so that a PostgreSQL store for shared deployments can stand
/// beside the embedded SQLite one (``ArticleStore``): articles in, listings and search out,
/// story signals, and the story updates, each done in one transaction by the store.
public protocol StoryStorage: Sendable {
    /// Where the store is (a file path, or a connection's description).
    var path: String { get }
    /// Number of stored articles.
    func count() throws(StoreError) -> Int
    /// Articles, newest publication first.
    func summaries(limit: Int, offset: Int) throws(StoreError) -> [ArticleSummary]
    /// The article whose id starts with `prefix`.
    func article(idPrefix prefix: String) throws(StoreError) -> Article?
    /// Full-text search across languages and scripts.
    func search(_ query: String, limit: Int) throws(StoreError) -> [SearchHit]
    /// Stories, latest activity first.
    func stories(limit: Int) throws(StoreError) -> [StoredStory]
    /// Stories in the store (merged ones not counted).
    func storyCount() throws(StoreError) -> Int
    /// One story, following merges.
    func story(id: Int) throws(StoreError) -> StoryDetail?
    /// The story each clustered article is in.
    func storyOfArticles() throws(StoreError) -> [String: Int]
    /// Stored articles that have no story signals yet, in ingestion order.
    func articlesWithoutSignals(limit: Int) throws(StoreError) -> [Article]
    /// Articles whose signals predate name keys, with their stored vector and note.
    func articlesWithStaleSignals(limit: Int) throws(StoreError) -> [(article: Article, vector: [Float]?, note: String?)]
    /// Saves story signals (one transaction).
    func saveSignals(_ signals: [StoryArticle], notes: [String?]) throws(StoreError)
    /// Places the articles no update has placed yet, from the saved engine state (one transaction).
    func placeNewArticles(options: ClusteringOptions, into summary: inout StoryUpdateSummary) throws(StoreError)
    /// Replays all articles, or those from `sinceDay` on, keeping story ids (one transaction).
    func rebuildStories(options: ClusteringOptions, sinceDay: Int?, into summary: inout StoryUpdateSummary) throws(StoreError)
    /// Articles whose statements are still to be read, oldest first.
    func articlesAwaitingClaims(limit: Int) throws(StoreError) -> [(seq: Int64, article: Article)]
    /// Puts back in the queue the articles whose claims older rules made.
    func requeueStaleClaims(version: Int) throws(StoreError)
    /// Saves who-said-what of articles and takes them off the queue (one transaction).
    func saveClaims(_ items: [(seq: Int64, claims: ArticleClaims)], version: Int) throws(StoreError)
}

extension ArticleStore: StoryStorage {
    public func placeNewArticles(options: ClusteringOptions, into summary: inout StoryUpdateSummary) throws(StoreError) {
        var result = summary
        try write { db in try StoryPlacement(options: options).placeNew(db, &result) }
        summary = result
    }

    public func rebuildStories(options: ClusteringOptions, sinceDay: Int?, into summary: inout StoryUpdateSummary) throws(StoreError) {
        var result = summary
        try write { db in try StoryPlacement(options: options).rebuild(db, sinceDay: sinceDay, &result) }
        summary = result
    }
}

/// What a story update did (``StoryStorage/placeNewArticles(options:into:)`` and the rebuild).
public struct StoryUpdateSummary: Sendable {
    public var signalsComputed = 0
    /// Articles placed by this update.
    public var articles = 0
    /// Of them, placed among the stories of their own days (published before the open window).
    public var lateArticles = 0
    /// Stories created or changed.
    public var storiesTouched = 0
    /// Stories in the store after the update (merged ones not counted).
    public var stories = 0
    /// Whether the stories were rebuilt by a full replay (no saved state, or asked for).
    public var rebuilt = false
    public var notes: [String] = []
    public var signalSeconds = 0.0
    /// Articles whose statements were read by this update.
    public var claimsRead = 0
    public var claimsSeconds = 0.0
    public var clusterSeconds = 0.0

    public init() {}
}
