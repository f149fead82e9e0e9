import IsnadText

/// Titles are at most ``maxScalars`` Unicode scalars, cut after the last whole word that fits.
///
/// A text without line breaks (a scraped dump, a feed body pasted on one line) would otherwise
/// become one title millions of characters long: every title-sized step (display, full-text
/// title column, the encoder's lead) would then handle the whole file. When the title comes from
/// the text, the part after the cut stays in the article as its first paragraph, so no text is
/// lost and every span still points exactly into the original.
public enum TitleBound {
    /// The longest title, in Unicode scalars.
    public static let maxScalars = 1_000

    /// Splits a title span longer than ``maxScalars``: the title (cut at the last space that
    /// keeps it within the bound, or inside an unbroken word when there is none, never between
    /// a letter and its marks) and the rest of the span (nil when nothing is left), both trimmed
    /// of the spaces between them.
    public static func split(_ span: TextSpan, in scalars: [Unicode.Scalar]) -> (title: TextSpan, rest: TextSpan?) {
        guard span.length > maxScalars else { return (span, nil) }
        let limit = span.start + maxScalars
        var cut = limit
        while cut > span.start && !SentenceSplitter.isSpace(scalars[cut]) { cut -= 1 }
        if cut == span.start {
            cut = limit
            while cut > span.start + 1 && isExtending(scalars[cut]) { cut -= 1 }
        }
        var titleEnd = cut
        while titleEnd > span.start && SentenceSplitter.isSpace(scalars[titleEnd - 1]) { titleEnd -= 1 }
        var restStart = cut
        while restStart < span.end && SentenceSplitter.isSpace(scalars[restStart]) { restStart += 1 }
        return (TextSpan(start: span.start, end: titleEnd), restStart < span.end ? TextSpan(start: restStart, end: span.end) : nil)
    }

    /// A title from metadata, bounded the same way (the rest is dropped: it is not article text).
    public static func bounded(_ title: String) -> String {
        var count = 0
        for _ in title.unicodeScalars {
            count += 1
            if count > maxScalars { break }
        }
        guard count > maxScalars else { return title }
        let scalars = Array(title.unicodeScalars.prefix(maxScalars + 1))
        let cut = split(TextSpan(start: 0, end: scalars.count), in: scalars).title
        return String(String.UnicodeScalarView(scalars[cut.start..<cut.end]))
    }

    /// Marks and joiners that belong to the scalar before them.
    static func isExtending(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return scalar.value == 0x200C || scalar.value == 0x200D || (0xFE00...0xFE0F).contains(scalar.value)
        }
    }
}
