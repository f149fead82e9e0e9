import IsnadText

/// What repairing mojibake did to a document, reported with its article (`isnad article ID`).
public struct MojibakeRepairNote: Sendable, Codable, Hashable {
    /// Garbled sequences turned back into the characters they stood for.
    public var sequences: Int
    /// The first few repaired words, as `garbled → repaired`.
    public var examples: [String]
}

/// Repairs text that was already mojibake when it reached Isnad: UTF-8 that something upstream
/// decoded as Windows-1252 or Latin-1, so that `Bugün` arrived as `BugÃ¼n` and `ال` as `Ø§Ù„`.
///
/// Every run of non-ASCII characters that all have a Windows-1252/Latin-1 byte is turned back
/// into those bytes. A run is repaired only when that is unambiguous: the bytes are valid UTF-8
/// with a multi-byte character; what they decode to is letters, marks, digits or the punctuation
/// such text holds; and the word it lands in is then written in one script (so `JOSÉ”`, which
/// would become `JOSɔ`, stays). The text is changed only when the repair leaves fewer such
/// sequences than it found. Correct text is never touched: `São`, `À`, `Ålesund` give bytes that
/// are not UTF-8 (a lead byte without its continuation).
public enum MojibakeRepair {
    /// The repaired text and what was done, or nil when there was nothing to repair.
    public static func repair(_ text: String) -> (text: String, note: MojibakeRepairNote)? {
        // Mojibake always holds a would-be UTF-8 lead byte: Â…ô (0xC2–0xF4).
        guard text.unicodeScalars.contains(where: { $0.value >= 0xC2 && $0.value <= 0xF4 }) else { return nil }
        let (output, repaired) = repairedRuns(Array(text.unicodeScalars))
        guard repaired > 0, repairedRuns(output).repaired < repaired else { return nil }
        var examples: [String] = []
        for word in text.split(whereSeparator: \.isWhitespace) where examples.count < 3 {
            let (fixed, count) = repairedRuns(Array(word.unicodeScalars))
            if count > 0 { examples.append("\(word) → \(String(String.UnicodeScalarView(fixed)))") }
        }
        return (String(String.UnicodeScalarView(output)), MojibakeRepairNote(sequences: repaired, examples: examples))
    }

    /// Repairs a document's text and title in place and notes it on the document.
    public static func apply(to document: inout RawDocument) {
        guard let (text, note) = repair(document.original) else { return }
        document.original = text
        if let title = document.hints.title, let (fixed, _) = repair(title) { document.hints.title = fixed }
        document.mojibakeRepair = note
    }

    /// `scalars` with every repairable run repaired, and how many runs were.
    static func repairedRuns(_ scalars: [Unicode.Scalar]) -> (output: [Unicode.Scalar], repaired: Int) {
        var output: [Unicode.Scalar] = []
        output.reserveCapacity(scalars.count)
        var repaired = 0
        var index = 0
        while index < scalars.count {
            guard scalars[index].value >= 0x80, byte(for: scalars[index]) != nil else {
                output.append(scalars[index])
                index += 1
                continue
            }
            var end = index
            while end < scalars.count, scalars[end].value >= 0x80, byte(for: scalars[end]) != nil { end += 1 }
            if let fixed = decodedRun(scalars, index..<end) {
                repaired += 1
                output.append(contentsOf: fixed)
            } else {
                output.append(contentsOf: scalars[index..<end])
            }
            index = end
        }
        return (output, repaired)
    }

    /// The characters a run of mojibake stands for, when the repair is unambiguous.
    static func decodedRun(_ scalars: [Unicode.Scalar], _ run: Range<Int>) -> [Unicode.Scalar]? {
        let bytes = scalars[run].compactMap(byte(for:))
        guard bytes.contains(where: { $0 >= 0xC2 && $0 <= 0xF4 }),
              UTF8Validator.validate(bytes).firstError == nil else { return nil }
        let decoded = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
        guard decoded.count < bytes.count, decoded.allSatisfy(isPlausible) else { return nil }
        // The word the run lands in must be written in one script once repaired.
        let word = wordAround(run, in: scalars)
        var scripts = Set<Script>()
        for s in scalars[word.lowerBound..<run.lowerBound] + decoded + scalars[run.upperBound..<word.upperBound] {
            if (0x250...0x2FF).contains(s.value) { return nil }  // IPA and modifier letters: not news text
            if let script = Script.of(s) { scripts.insert(script) }
        }
        return scripts.count <= 1 ? decoded : nil
    }

    /// What repaired text may hold: letters, marks, digits, spaces and joiners, and the
    /// punctuation news text uses.
    static func isPlausible(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber:
            return true
        default:
            return plausiblePunctuation.contains(s.value)
        }
    }

    static let plausiblePunctuation: Set<UInt32> = [
        0x00A0, 0x00AB, 0x00BB, 0x00B0, 0x00B7, 0x200C, 0x200D, 0x200E, 0x200F, 0x2013, 0x2014, 0x2018,
        0x2019, 0x201C, 0x201D, 0x2022, 0x2026, 0x20AC, 0x060C, 0x061B, 0x061F, 0x066A, 0x066B, 0x066C, 0x06D4,
    ]

    /// The run widened to the ASCII letters and digits joined to it: the word it belongs to.
    static func wordAround(_ run: Range<Int>, in scalars: [Unicode.Scalar]) -> Range<Int> {
        func joined(_ s: Unicode.Scalar) -> Bool { s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s)) }
        var start = run.lowerBound, end = run.upperBound
        while start > 0, joined(scalars[start - 1]) { start -= 1 }
        while end < scalars.count, joined(scalars[end]) { end += 1 }
        return start..<end
    }

    /// The byte a character stands for when text was decoded as Windows-1252, or as Latin-1 for
    /// the five bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D).
    static func byte(for s: Unicode.Scalar) -> UInt8? {
        if s.value < 0x100 { return UInt8(s.value) }
        return windows1252Bytes[s.value]
    }

    /// The 27 characters Windows-1252 puts in 0x80–0x9F, by their byte.
    static let windows1252Bytes: [UInt32: UInt8] = {
        var bytes: [UInt32: UInt8] = [:]
        for (offset, value) in LegacyCodePages.windows1252.prefix(32).enumerated() where value >= 0x100 {
            bytes[UInt32(value)] = UInt8(0x80 + offset)
        }
        return bytes
    }()
}
