/// Why an article went where it went: the evidence for the chosen story and the runner-up, so
/// that `isnad story ID --why` can explain every assignment.
public struct Decision: Sendable, Equatable, Codable {
    public enum Action: String, Sendable, Codable {
        /// Joined an existing story.
        case joined
        /// Opened a new story (no candidate reached the join score).
        case opened
        /// Not clustered (too short, or no text); the reason says why.
        case skipped
    }

    /// Evidence for one candidate story.
    public struct Evidence: Sendable, Equatable, Codable {
        public var story: Int
        /// Cosine between the article's vector and the story's centroid (nil without vectors).
        public var cosine: Float?
        /// Language pair the cosine was judged against, e.g. `ar-fa`.
        public var languagePair: String
        /// That pair's background cosine (mean) and spread.
        public var backgroundMean: Double
        public var backgroundDeviation: Double
        /// Share of the article's distinctive terms (weighted by rarity) already in the story.
        public var termShare: Double
        /// Share of the article's numbers already in the story.
        public var numberShare: Double
        /// Rarity-weighted names (cross-script keys) the article shares with the story's articles
        /// in other scripts, as a share of ``ClusteringOptions/nameSaturation``; nil when names did
        /// not count (no article in another script, or the cosine too close to the background).
        public var nameShare: Double? = nil
        /// Days between the article and the story's nearest article, when both are dated.
        public var dayGap: Int?
        /// The combined score compared with the join score.
        public var score: Double
    }

    public var article: Int
    public var action: Action
    public var story: Int?
    public var chosen: Evidence?
    public var runnerUp: Evidence?
    /// Stories merged into `story` because this article matched them strongly too.
    public var merged: [Int] = []
    /// Candidates scored in full.
    public var candidates: Int = 0
    /// A note for the user (lexical evidence only, too short …).
    public var note: String?
    /// The join score in force.
    public var threshold: Double
}
