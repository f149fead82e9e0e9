/// Why the sentence encoder could not load or run, in words a user can act on.
public struct EncoderError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What kind of failure this is, for callers that branch on it.
    public enum Kind: Sendable, Equatable {
        /// No weight file where one was looked for.
        case modelMissing
        /// The weight file exists but cannot be read or is not a valid e5 model file.
        case modelCorrupt
        /// The caller asked for something the encoder cannot do (bad options).
        case invalidRequest
        /// Memory for the model or its work buffers could not be allocated.
        case resources
    }

    public var kind: Kind
    public var description: String

    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }

    static func corrupt(_ path: String, offset: Int, _ what: String) -> EncoderError {
        EncoderError(.modelCorrupt, "\(path): not a usable e5 weight file at byte \(offset): \(what). "
            + "Reinstall it with `make models` (it is checked by sha256).")
    }
}
