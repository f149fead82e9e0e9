/// A string addressed by Unicode scalar offsets: the unit of every provenance span in Isnad.
public struct ScalarText: Sendable {
    /// The scalars of the text, in order.
    public let scalars: [Unicode.Scalar]

    public init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    /// Number of scalars.
    public var count: Int { scalars.count }

    /// The text of `start..<end`, clamped to the text's bounds.
    public func slice(_ start: Int, _ end: Int) -> String {
        let s = max(0, min(start, scalars.count))
        let e = max(s, min(end, scalars.count))
        return String(String.UnicodeScalarView(scalars[s..<e]))
    }

    /// The text of a span.
    public func slice(_ span: TextSpan) -> String { slice(span.start, span.end) }
}
