/// How many articles contain each term, approximately, in fixed memory: a count-min sketch of
/// 2 × 2²¹ counters (16 MB). A hash table of the stream's whole vocabulary would grow without
/// bound and slow every lookup as it grows; here an estimate can only be too high, by about
/// the stream's total term count / 2²¹, which is negligible for the rarity weights it feeds.
struct TermCounts: Sendable {
    static let width = 1 << 21
    var rows: [[UInt32]] = [[UInt32](repeating: 0, count: width), [UInt32](repeating: 0, count: width)]

    @inline(__always)
    private static func slots(_ term: UInt64) -> (Int, Int) {
        let mixed = Fingerprint.mix(term)
        return (Int(truncatingIfNeeded: mixed) & (width - 1), Int(truncatingIfNeeded: mixed >> 32) & (width - 1))
    }

    mutating func increment(_ term: UInt64) {
        let (a, b) = Self.slots(term)
        rows[0][a] &+= 1
        rows[1][b] &+= 1
    }

    subscript(term: UInt64) -> Int {
        let (a, b) = Self.slots(term)
        return Int(min(rows[0][a], rows[1][b]))
    }
}
