import Dispatch

/// Splits `0..<count` into at most `threads` contiguous ranges and runs `body` on each, in
/// parallel when there is more than one. `body` also gets its part's index (below `threads`).
func forEachRange(_ count: Int, threads: Int, _ body: (_ part: Int, _ range: Range<Int>) -> Void) {
    let parts = max(1, min(threads, count))
    if parts == 1 {
        body(0, 0..<count)
        return
    }
    withoutActuallyEscaping(body) { escapable in
        let shared = UncheckedSendable(escapable)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            shared.value(part, count * part / parts..<count * (part + 1) / parts)
        }
    }
}

/// Carries a value the caller knows is used safely across threads (distinct slots, no races).
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// The same, when the part index does not matter.
func forEachRange(_ count: Int, threads: Int, _ body: (Range<Int>) -> Void) {
    forEachRange(count, threads: threads) { (_: Int, range: Range<Int>) in body(range) }
}
