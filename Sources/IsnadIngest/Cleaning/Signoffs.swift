import Foundation
import IsnadText

/// Outlet sign-offs, source lines and lead attributions: lines that say who published or
/// supplied a report. They are metadata, not article text.
public enum Signoffs {
    /// Labels that open a source line (`المصدر : الجزيرة + وكالات`, `منبع: ایرنا`, `Source: AFP`).
    static let sourceLabels: Set<String> = Set(
        ["المصدر", "مصدر", "المصادر", "منبع", "منابع", "source", "sources", "credit", "credits", "kaynak", "fuente", "quelle"]
            .flatMap { MatchingKey.keys(of: $0) })

    /// Credits that name a kind of source rather than an outlet.
    static let genericCredits: Set<String> = Set(
        ["وكالات", "وكالات الأنباء", "مواقع", "مواقع التواصل", "agencies", "news agencies", "wires", "wire services",
         "خبرگزاری‌ها", "خبرگزاریها", "رسانه‌ها", "رسانه ها", "staff", "various"]
            .map { MatchingKey.keys(of: $0).joined(separator: " ") })

    /// If `line` is a source line, the credited names in order; otherwise nil.
    public static func sourceLineCredits(_ line: String) -> [String]? {
        guard line.unicodeScalars.count <= 120 else { return nil }
        guard let colon = line.firstIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
        let label = MatchingKey.keys(of: String(line[..<colon]))
        guard label.count == 1, sourceLabels.contains(label[0]) else { return nil }
        let rest = line[line.index(after: colon)...]
        let parts = rest.split(whereSeparator: { "+/،,;|".contains($0) })
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters)) }
            .filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts
    }

    /// Whether a credit names no outlet (`وكالات`, "agencies").
    public static func isGenericCredit(_ credit: String) -> Bool {
        genericCredits.contains(MatchingKey.keys(of: credit).joined(separator: " "))
    }

    /// Whether the last line of an article is an outlet sign-off: a name of one to three words
    /// standing alone, with no digits and no sentence punctuation.
    static func isSignoff(_ line: String, keys: [String]) -> Bool {
        guard (1...3).contains(keys.count), line.unicodeScalars.count <= 40 else { return false }
        if line.unicodeScalars.contains(where: { Digits.asciiDigit($0) != nil }) { return false }
        if let last = line.unicodeScalars.last, SentenceSplitter.isTerminal(last) || last == ":" || last == "،" { return false }
        if PageFurniture.isLabel(keys: keys) { return false }
        let bylineStarts: Set<String> = ["by", "بقلم", "كتب", "كتبه", "نويسنده"]
        return !bylineStarts.contains(keys[0])
    }

    /// An outlet named by a lead attribution: Persian `به گزارش X:` / `به گزارش X،`.
    static func attributedOutlet(inLead lead: String) -> String? {
        let prefixes = ["به گزارش ", "بە گزارش "]
        for prefix in prefixes where lead.hasPrefix(prefix) {
            let rest = lead.dropFirst(prefix.count)
            guard let end = rest.firstIndex(where: { ":،,".contains($0) }) else { return nil }
            let name = rest[..<end].trimmingCharacters(in: .whitespaces)
            let words = name.split(separator: " ").count
            return (1...4).contains(words) ? name : nil
        }
        return nil
    }
}
