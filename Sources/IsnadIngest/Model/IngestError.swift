/// Why one input could not be read. Carries the file, where in it (byte offset or line) and what
/// was wrong, so that a user can find and fix it; other inputs are never affected.
public struct IngestError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, in categories a caller may act on.
    public enum Kind: String, Sendable, Codable {
        case notFound = "not-found"
        case unreadable
        case empty
        case tooLarge = "too-large"
        case binary
        case invalidEncoding = "invalid-encoding"
        case malformed
        case unsupported
        case noText = "no-text"
        /// A link to a folder that was already read (a loop such as `ln -s . x`): not followed again.
        case linkLoop = "link-loop"
        /// A publication date that cannot be right (impossible, before 1900, in the future): the
        /// article is kept without it.
        case dateDropped = "date-dropped"
    }

    public var path: String
    public var kind: Kind
    public var message: String
    /// Byte offset in the file where the problem was found, when known.
    public var byteOffset: Int?
    /// 1-based line (or record) number where the problem was found, when known.
    public var line: Int?

    public init(path: String, kind: Kind, message: String, byteOffset: Int? = nil, line: Int? = nil) {
        self.path = path
        self.kind = kind
        self.message = message
        self.byteOffset = byteOffset
        self.line = line
    }

    public var description: String {
        var place = path
        if let line { place += ":\(line)" }
        if let byteOffset { place += " (byte \(byteOffset))" }
        return "\(place): \(message)"
    }
}
