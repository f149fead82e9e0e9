/// The model tokens of one text, each traced back to where it starts in that text.
public struct Tokenization: Sendable, Equatable {
    /// Token ids of the prefix and the text, without the `<s>` and `</s>` that frame each window.
    public var ids: [Int32]
    /// For each token, the Unicode-scalar offset in the text where it starts; -1 for prefix tokens.
    public var sourceStarts: [Int32]
    /// For each token, whether it begins a word (its piece starts with the `▁` marker).
    public var wordStarts: [Bool]

    /// Tokens the model sees for this text in one pass: the ids plus `<s>` and `</s>`.
    public var sequenceLength: Int { ids.count + 2 }

    /// The longest prefix with at most `maxContent` tokens that ends at a word boundary, so the
    /// cut text tokenizes to exactly these ids. Returns the token count kept and the scalar
    /// offset in the text where the cut falls (nil when nothing was cut).
    public func cutAtWord(maxContent: Int) -> (count: Int, sourceEnd: Int?) {
        guard ids.count > maxContent else { return (ids.count, nil) }
        var keep = max(0, maxContent)
        while keep > 0, !wordStarts[keep] || sourceStarts[keep] < 0 { keep -= 1 }
        if keep == 0 { keep = max(0, maxContent) } // one giant word: cut inside it
        let end = sourceStarts[keep] >= 0 ? Int(sourceStarts[keep]) : 0
        return (keep, end)
    }
}
