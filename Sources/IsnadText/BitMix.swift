/// Bit mixing and hashing for the keys Isnad builds (fingerprints, name keys, tagger features).
public enum BitMix {
    /// SplitMix64 finalizer: a strong 64-bit mix, so that nearby inputs get unrelated outputs.
    @inline(__always)
    public static func splitMix64(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// FNV-1a of a string's UTF-8 bytes: the one string hash of fingerprints and tagger features.
    @inline(__always)
    public static func fnv1a(_ text: String) -> UInt64 {
        var value: UInt64 = 14_695_981_039_346_656_037
        for byte in text.utf8 { value = (value ^ UInt64(byte)) &* 1_099_511_628_211 }
        return value
    }
}
