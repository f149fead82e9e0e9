import IsnadText

/// Turns a reader's document into an article: finds the title and paragraphs, removes repeated
/// paragraphs and page furniture, and lifts sign-offs and source lines into metadata.
/// Each step is a small named function; the original text is never altered.
public struct ArticleCleaner: Sendable {
    public var furniture: LineFrequencyModel

    public init(furniture: LineFrequencyModel = LineFrequencyModel()) {
        self.furniture = furniture
    }

    /// Cleans one document. The language is filled in later by ``LanguageIdentifier``.
    /// Pass the `layout` when it was already computed (ingest computes it to learn furniture).
    public func clean(_ raw: RawDocument, layout given: DocumentLayout? = nil) -> Article {
        let layout = given ?? DocumentLayout(raw)
        let text = layout.text
        let scalars = text.scalars
        var paragraphs = Array(zip(layout.paragraphs, zip(layout.fingerprints, layout.wordCounts)))
        var removed = RemovedReport()
        removed.markupBlocks = raw.markupBlocksRemoved
        removed.repairedMojibake = raw.mojibakeRepair

        var title = raw.hints.title ?? ""
        var titleSpan: TextSpan?
        var seen = Set<Int64>()
        if let (firstSpan, (firstKey, _)) = paragraphs.first {
            let first = Self.stripHeadingMarks(firstSpan, scalars)
            if title.isEmpty || firstKey == Self.fingerprint(of: title) {
                // A title over the bound keeps its first words; the rest stays text.
                let (bounded, rest) = TitleBound.split(first, in: scalars)
                title = text.slice(bounded)
                titleSpan = bounded
                paragraphs.removeFirst()
                if let rest {
                    let (key, words) = MatchingKey.paragraphFingerprint(scalars[rest.start..<rest.end])
                    paragraphs.insert((rest, (key, words)), at: 0)
                }
            }
            seen.insert(Self.fingerprint(of: title))
        }
        title = TitleBound.bounded(title)

        var kept: [TextSpan] = []
        for (span, (key, wordCount)) in paragraphs {
            let slice = scalars[span.start..<span.end]
            if wordCount == 0 {
                removed.boilerplate.append(text.slice(span))
                continue
            }
            if seen.contains(key) {
                removed.duplicateParagraphs += 1
                continue
            }
            seen.insert(key)
            let isLabel = wordCount <= 6 && PageFurniture.isLabel(keys: Self.keys(slice))
            if isLabel || (span.length <= LineFrequencyModel.maxLineLength && furniture.isBoilerplate(lineKey: key, group: raw.group)) {
                removed.boilerplate.append(text.slice(span))
                continue
            }
            kept.append(span)
        }

        var outlet = raw.hints.outlet.flatMap { $0.isEmpty ? nil : $0 }
        var evidence: OutletEvidence? = outlet == nil ? nil : .metadata
        var credits: [String] = []
        // Source lines anywhere; a sign-off only as the first of the short lines ending the text.
        kept.removeAll { span in
            guard span.length <= 120 else { return false }
            let line = text.slice(span)
            guard let parts = Signoffs.sourceLineCredits(line) else { return false }
            removed.sourceLines.append(line)
            credits.append(contentsOf: parts)
            if outlet == nil || evidence == .signoff, let named = parts.first(where: { !Signoffs.isGenericCredit($0) }) {
                outlet = named
                evidence = .sourceLine
            }
            return true
        }
        if let last = kept.last, kept.count >= 2, last.length <= 40 {
            let line = text.slice(last)
            if Signoffs.isSignoff(line, keys: Self.keys(scalars[last.start..<last.end])) {
                removed.signoff = line
                kept.removeLast()
                if outlet == nil {
                    outlet = line
                    evidence = .signoff
                }
            }
        }
        if outlet == nil {
            for span in kept.prefix(2) {
                let lead = text.slice(span.start, min(span.end, span.start + 200))
                if let named = Signoffs.attributedOutlet(inLead: lead) {
                    outlet = named
                    evidence = .attribution
                    break
                }
            }
        }

        return Article(
            id: ArticleIdentity.id(place: ArticleIdentity.place(path: raw.path, item: raw.item, url: raw.hints.url), original: raw.original),
            path: raw.path, item: raw.item, format: raw.format, encoding: raw.encoding,
            language: "und", languageConfidence: 0,
            title: title, titleSpan: titleSpan, outlet: outlet, outletEvidence: evidence, credits: credits,
            published: raw.hints.published ?? DateParser.dateline(in: raw.original), url: raw.hints.url,
            original: raw.original, paragraphs: kept, removed: removed,
            text: kept.map { text.slice($0) }.joined(separator: "\n\n"))
    }

    /// Matching keys of a paragraph's words.
    static func keys(_ slice: ArraySlice<Unicode.Scalar>) -> [String] {
        var keys: [String] = []
        WordTokenizer.forEachToken(in: slice) { token, _, _ in
            let key = MatchingKey.tokenKey(token)
            if !key.isEmpty { keys.append(key) }
        }
        return keys
    }

    /// The comparison key of a paragraph: a fingerprint of its words' matching keys.
    public static func fingerprint(_ slice: ArraySlice<Unicode.Scalar>) -> Int64 {
        MatchingKey.paragraphFingerprint(slice).fingerprint
    }

    static func fingerprint(of text: String) -> Int64 { fingerprint(Array(text.unicodeScalars)[...]) }

    /// Drops Markdown heading marks (`## `) that scrapers leave on titles.
    static func stripHeadingMarks(_ span: TextSpan, _ scalars: [Unicode.Scalar]) -> TextSpan {
        var s = span.start
        while s < span.end, scalars[s] == "#" { s += 1 }
        while s < span.end, SentenceSplitter.isSpace(scalars[s]) { s += 1 }
        return s < span.end ? TextSpan(start: s, end: span.end) : span
    }
}
