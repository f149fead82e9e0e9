/// A string addressed by Unicode scalar offsets: the unit of every provenance span in Isnad.
/// Slicing copies UTF-8 bytes, so cutting many paragraphs out of an article stays cheap.
public struct ScalarText: Sendable {
    /// The scalars of the text, in order.
    public let scalars: [Unicode.Scalar]
    private let utf8: [UInt8]
    /// UTF-8 offset of each scalar, plus the total length.
    private let offsets: [Int32]

    public init(_ text: String) {
        var scalars: [Unicode.Scalar] = []
        var offsets: [Int32] = []
        scalars.reserveCapacity(text.utf8.count)
        offsets.reserveCapacity(text.utf8.count + 1)
        var position: Int32 = 0
        for s in text.unicodeScalars {
            scalars.append(s)
            offsets.append(position)
            position += Int32(UTF8.width(s))
        }
        offsets.append(position)
        self.scalars = scalars
        self.offsets = offsets
        self.utf8 = Array(text.utf8)
    }

    /// Number of scalars.
    public var count: Int { scalars.count }

    /// The text of `start..<end`, clamped to the text's bounds.
    public func slice(_ start: Int, _ end: Int) -> String {
        let s = max(0, min(start, scalars.count))
        let e = max(s, min(end, scalars.count))
        return String(decoding: utf8[Int(offsets[s])..<Int(offsets[e])], as: UTF8.self)
    }

    /// The text of a span.
    public func slice(_ span: TextSpan) -> String { slice(span.start, span.end) }
}
