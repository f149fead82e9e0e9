/// A string addressed by Unicode scalar offsets: the unit of every provenance span in Isnad.
/// Slicing copies UTF-8 bytes, so cutting many paragraphs out of an article stays cheap.
public struct ScalarText: Sendable {
    /// The scalars of the text, in order.
    public let scalars: [Unicode.Scalar]
    private let utf8: [UInt8]
    /// UTF-8 offset of every ``stride``-th scalar (the rest are found from the nearest one by
    /// the widths of the scalars between), plus the total length: a full table would cost 4
    /// bytes a scalar, as much as `scalars`, on texts that can be tens of megabytes.
    private let checkpoints: [Int32]
    private static let stride = 32

    public init(_ text: String) {
        // Exact size (a counting pass is cheap): Arabic-script text has two bytes a scalar, so
        // reserving a slot per byte would double the array.
        let count = text.unicodeScalars.count
        var scalars: [Unicode.Scalar] = []
        var checkpoints: [Int32] = []
        scalars.reserveCapacity(count)
        checkpoints.reserveCapacity(count / Self.stride + 2)
        var position: Int32 = 0
        for s in text.unicodeScalars {
            if scalars.count % Self.stride == 0 { checkpoints.append(position) }
            scalars.append(s)
            position += Int32(UTF8.width(s))
        }
        if scalars.count % Self.stride == 0 { checkpoints.append(position) }
        self.scalars = scalars
        self.checkpoints = checkpoints
        self.utf8 = Array(text.utf8)
    }

    /// Number of scalars.
    public var count: Int { scalars.count }

    /// The UTF-8 offset of scalar `index` (`count` gives the total length).
    private func byteOffset(_ index: Int) -> Int {
        let block = index / Self.stride
        var offset = Int(checkpoints[block])
        for k in (block * Self.stride)..<index { offset += UTF8.width(scalars[k]) }
        return offset
    }

    /// The text of `start..<end`, clamped to the text's bounds.
    public func slice(_ start: Int, _ end: Int) -> String {
        let s = max(0, min(start, scalars.count))
        let e = max(s, min(end, scalars.count))
        return String(decoding: utf8[byteOffset(s)..<byteOffset(e)], as: UTF8.self)
    }

    /// The text of a span.
    public func slice(_ span: TextSpan) -> String { slice(span.start, span.end) }
}
