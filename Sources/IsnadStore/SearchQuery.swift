import IsnadText

/// The limits of a full-text search query, checked before the query reaches SQLite.
///
/// Every word of a query must occur, so each one is one more index lookup intersected with
/// the others: a pasted article of 5,000 words took 36 s and finds nothing a few of its
/// distinctive words would not. Queries are bounded in words and in length.
public enum SearchQuery {
    /// The most words (matching keys) a query may have.
    public static let maxWords = 64
    /// The longest query, in Unicode scalars.
    public static let maxScalars = 1_000

    /// The query's matching keys, or why it is refused (a message naming the limit).
    public static func keys(of query: String) -> Result<[String], SearchQueryError> {
        var length = 0
        for _ in query.unicodeScalars {
            length += 1
            if length > maxScalars {
                return .failure(SearchQueryError(
                    message: "the search query is over \(maxScalars) characters long; give at most \(maxWords) words "
                        + "and \(maxScalars) characters (every word must occur, so a few distinctive words are enough)"))
            }
        }
        let keys = MatchingKey.keys(of: query)
        guard keys.count <= maxWords else {
            return .failure(SearchQueryError(
                message: "the search query has \(keys.count) words; give at most \(maxWords) words "
                    + "(every word must occur, so a few distinctive words are enough)"))
        }
        return .success(keys)
    }
}

/// A search query over the limits of ``SearchQuery``.
public struct SearchQueryError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
