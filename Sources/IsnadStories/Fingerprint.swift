import IsnadText

/// Text fingerprints for copy detection: 64-bit FNV-1a hashes of matching keys and a MinHash
/// signature of word 4-shingles, whose agreement rate estimates the shingle sets' Jaccard
/// similarity.
public enum Fingerprint {
    /// Hash functions in a signature.
    public static let signatureLength = 64
    /// Words per shingle.
    public static let shingleWords = 4

    /// FNV-1a of a string's UTF-8 bytes.
    public static func hash(_ text: String) -> UInt64 { BitMix.fnv1a(text) }

    /// SplitMix64 finalizer, used to derive the signature's hash functions.
    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 { BitMix.splitMix64(x) }

    /// MinHash signature of the word-hash sequence's shingles (a text shorter than one shingle
    /// uses its words as one shingle; an empty text gets all-max, which matches nothing).
    public static func minHash(_ words: [UInt64]) -> [UInt32] {
        var signature = [UInt32](repeating: .max, count: signatureLength)
        guard !words.isEmpty else { return signature }
        let width = min(shingleWords, words.count)
        let seeds = (0..<signatureLength).map { mix(UInt64($0) &* 0x632B_E59B_D9B4_E019) }
        for start in 0...(words.count - width) {
            var shingle: UInt64 = 0
            for offset in 0..<width { shingle = mix(shingle ^ words[start + offset]) }
            for i in 0..<signatureLength {
                let value = UInt32(truncatingIfNeeded: mix(shingle ^ seeds[i]) >> 32)
                if value < signature[i] { signature[i] = value }
            }
        }
        return signature
    }

    /// Estimated Jaccard similarity of two signatures (share of equal slots).
    public static func similarity(_ a: [UInt32], _ b: [UInt32]) -> Double {
        guard a.count == b.count, !a.isEmpty else { return 0 }
        var same = 0
        for i in a.indices where a[i] == b[i] && a[i] != .max { same += 1 }
        return Double(same) / Double(a.count)
    }
}
