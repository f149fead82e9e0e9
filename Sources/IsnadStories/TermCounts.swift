/// How many articles contain each term, approximately, in fixed memory: a count-min sketch of
/// 2 × 2²¹ counters (16 MB). A hash table of the stream's whole vocabulary would grow without
/// bound and slow every lookup as it grows; here an estimate can only be too high, by about
/// the stream's total term count / 2²¹, which is negligible for the rarity weights it feeds.
///
/// A stream continued from the store holds only the counters its new articles read and write
/// (``Storage/partial``): the store keeps the rest, so an ingest of ten articles neither loads
/// nor writes the whole sketch.
struct TermCounts: Sendable {
    static let width = 1 << 21

    /// Every counter, for a stream built from scratch; empty when `partial` is used.
    var rows: [[UInt32]] = [[UInt32](repeating: 0, count: width), [UInt32](repeating: 0, count: width)]
    /// Some counters by slot number (``slotNumbers(of:)``), for a stream continued from the store.
    var partial: [Int: UInt32]?
    /// Slots of `partial` changed since it was loaded.
    var changedSlots = Set<Int>()

    init() {}

    /// A sketch holding only the given counters (the rest stay in the store, unread).
    init(partial values: [Int: UInt32]) {
        rows = []
        partial = values
    }

    @inline(__always)
    private static func slots(_ term: UInt64) -> (Int, Int) {
        let mixed = Fingerprint.mix(term)
        return (Int(truncatingIfNeeded: mixed) & (width - 1), Int(truncatingIfNeeded: mixed >> 32) & (width - 1))
    }

    /// The two counters of a term, as slot numbers of the whole sketch (row × width + column).
    static func slotNumbers(of term: UInt64) -> (Int, Int) {
        let (a, b) = slots(term)
        return (a, width + b)
    }

    mutating func increment(_ term: UInt64) {
        let (a, b) = Self.slots(term)
        if partial != nil {
            partial?[a, default: 0] &+= 1
            partial?[Self.width + b, default: 0] &+= 1
            changedSlots.insert(a)
            changedSlots.insert(Self.width + b)
            return
        }
        rows[0][a] &+= 1
        rows[1][b] &+= 1
    }

    subscript(term: UInt64) -> Int {
        let (a, b) = Self.slots(term)
        if let partial { return Int(min(partial[a] ?? 0, partial[Self.width + b] ?? 0)) }
        return Int(min(rows[0][a], rows[1][b]))
    }

    /// Non-zero counters by slot number (what the store keeps).
    var nonZero: [(slot: Int, count: UInt32)] {
        if let partial { return partial.filter { $0.value != 0 }.map { ($0.key, $0.value) }.sorted { $0.0 < $1.0 } }
        var result: [(slot: Int, count: UInt32)] = []
        for (row, counts) in rows.enumerated() {
            for (column, count) in counts.enumerated() where count != 0 { result.append((row * Self.width + column, count)) }
        }
        return result
    }

    /// Counters changed since a partial sketch was loaded (all non-zero ones of a full sketch).
    var changed: [(slot: Int, count: UInt32)] {
        guard let partial else { return nonZero }
        return changedSlots.sorted().map { ($0, partial[$0] ?? 0) }
    }
}
