/// Digits in every script: news in Arabic and Persian mixes ٢٤, ۲۴ and 24 for the same number.
public enum Digits {
    /// The value 0–9 of a decimal digit in any script, or nil when `scalar` is not a decimal digit.
    @inline(__always)
    public static func asciiDigit(_ scalar: Unicode.Scalar) -> UInt8? {
        let v = scalar.value
        if v >= 0x30 && v <= 0x39 { return UInt8(v - 0x30) }
        if v >= 0x0660 && v <= 0x0669 { return UInt8(v - 0x0660) }
        if v >= 0x06F0 && v <= 0x06F9 { return UInt8(v - 0x06F0) }
        // Below NKo (U+07C0) the only digit sets are ASCII and the two Arabic-Indic ones above:
        // Latin, Greek, Cyrillic, Hebrew and Arabic letters answer without a property look-up.
        if v < 0x07C0 { return nil }
        guard scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue else {
            return nil
        }
        return UInt8(value)
    }

    /// `text` with every decimal digit mapped to ASCII, other scalars untouched.
    public static func toASCII<S: StringProtocol>(_ text: S) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if let d = asciiDigit(scalar) {
                out.append(Unicode.Scalar(UInt8(ascii: "0") + d))
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Parses a number written with any digit set and Arabic or Latin separators
    /// (`١٬٢٠٠`, `1,200`, `۳٫۵`, `3.5`). Returns nil when the text is not a number.
    public static func parseNumber<S: StringProtocol>(_ text: S) -> Double? {
        var digits = ""
        var sawDigit = false
        for scalar in text.unicodeScalars {
            if let d = asciiDigit(scalar) {
                digits.append(Character(Unicode.Scalar(UInt8(ascii: "0") + d)))
                sawDigit = true
            } else {
                switch scalar.value {
                case 0x2C, 0x066C, 0x2009, 0x202F, 0xA0:  // thousands separators
                    continue
                case 0x2E, 0x066B:  // decimal separators
                    digits.append(".")
                default:
                    return nil
                }
            }
        }
        return sawDigit ? Double(digits) : nil
    }
}
