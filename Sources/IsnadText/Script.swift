/// Writing systems Isnad distinguishes when it needs to (language identification, name keys).
public enum Script: String, Sendable, CaseIterable {
    case arabic, latin, cyrillic, greek, hebrew, devanagari, bengali, thai, han, kana, hangul, other

    /// The script of one scalar, or nil for spaces, digits, punctuation and symbols.
    public static func of(_ s: Unicode.Scalar) -> Script? {
        let v = s.value
        switch v {
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F, 0x1E00...0x1EFF: return .latin
        case 0x0600...0x06FF, 0x0750...0x077F, 0x08A0...0x08FF, 0xFB50...0xFDFF, 0xFE70...0xFEFF:
            if Digits.asciiDigit(s) != nil || !WordTokenizer.isWordScalar(s) { return nil }
            return .arabic
        case 0x0370...0x03FF, 0x1F00...0x1FFF: return .greek
        case 0x0400...0x052F: return .cyrillic
        case 0x0590...0x05FF: return .hebrew
        case 0x0900...0x097F: return .devanagari
        case 0x0980...0x09FF: return .bengali
        case 0x0E00...0x0E7F: return .thai
        case 0x3040...0x30FF: return .kana
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF: return .han
        case 0xAC00...0xD7AF, 0x1100...0x11FF, 0x3130...0x318F: return .hangul
        default:
            return s.properties.isAlphabetic ? .other : nil
        }
    }

    /// Letters per script in `text`.
    public static func histogram<S: StringProtocol>(_ text: S) -> [Script: Int] {
        var counts: [Script: Int] = [:]
        for s in text.unicodeScalars {
            if let script = of(s) { counts[script, default: 0] += 1 }
        }
        return counts
    }
}
