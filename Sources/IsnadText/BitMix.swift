/// Bit mixing for the hashes Isnad builds its own keys from (fingerprints, name keys).
public enum BitMix {
    /// SplitMix64 finalizer: a strong 64-bit mix, so that nearby inputs get unrelated outputs.
    @inline(__always)
    public static func splitMix64(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
