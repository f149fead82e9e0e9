/// The knobs of online story clustering. The defaults were set on the development data
/// (WikinewsSum, SemEval-2022 Task 8) and the seeds; `isnad eval clusters` measures them.
public struct ClusteringOptions: Sendable, Equatable {
    /// How candidate stories are scored.
    public enum Mode: Sendable, Equatable {
        /// Calibrated cosine plus term, number and time evidence (Isnad's method).
        case evidence
        /// The hand-made baseline: join the closest centroid when its cosine reaches a global threshold.
        case cosineThreshold(Float)
    }

    public var mode: Mode = .evidence
    /// A story stays open for new articles this many days after its latest one.
    public var windowDays = 5
    /// Without dates, a story stays open for this many later articles.
    public var undatedWindow = 4_000
    /// Score an article needs to join a story.
    public var joinScore = 5.0
    /// Score at which a second story the article also matches is merged into the first.
    public var mergeScore = 6.0
    /// Weight of the share of the article's distinctive terms the story already has.
    public var termWeight = 2.5
    /// Weight of the share of the article's numbers the story already has.
    public var numberWeight = 1.0
    /// Weight of the names the article shares with the story's articles in another script.
    public var nameWeight = 2.0
    /// Rarity-weighted shared names that count as full name evidence (about three rare names).
    public var nameSaturation = 10.0
    /// Names count only where the cosine already stands this many spreads above the background:
    /// consonant keys of unrelated words collide, so names confirm a likely match, never make one.
    public var nameMinimumSpreads = 3.0
    /// Distinct shared names needed before names count at all.
    public var nameMinimumMatches = 4
    /// Without vectors, the weight of the term share (lexical evidence alone).
    public var lexicalOnlyWeight = 9.0
    /// Score lost per day of distance beyond one.
    public var dayPenalty = 0.4
    /// Articles with fewer words are not clustered (reported as skipped).
    public var minimumWords = 30
    /// Centered cosine with a site message (error, sign-in, paywall, cookie notice) at which an
    /// article is taken for one and not clustered (see ``SiteMessageDetector``); above 1 turns it off.
    public var siteMessageSimilarity = 0.30
    /// Terms found in more than this share of articles carry no evidence.
    public var commonTermShare = 0.08
    /// Most distinctive terms of an article used to look up stories in the term index.
    public var lookupTerms = 12
    /// Stories scored in full per article: the closest by centroid plus term-index hits.
    public var fullCandidates = 24

    public init() {}
}
