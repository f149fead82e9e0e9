import IsnadText

/// Finds paragraphs in plain text as scalar spans.
///
/// Blank lines separate blocks. Inside a block each line is a paragraph (scraped news often
/// puts one paragraph per line), unless the block is hard-wrapped prose: most lines of similar
/// length that do not end a sentence, which are joined into one paragraph.
public enum ParagraphSegmenter {
    /// Paragraph spans of `scalars`, trimmed of surrounding whitespace (NBSP included).
    public static func paragraphs(_ scalars: [Unicode.Scalar]) -> [TextSpan] {
        var lines: [TextSpan?] = []  // nil = blank line
        var start = 0
        var i = 0
        let n = scalars.count
        func pushLine(_ end: Int) {
            var s = start
            var e = end
            while s < e && SentenceSplitter.isSpace(scalars[s]) { s += 1 }
            while e > s && SentenceSplitter.isSpace(scalars[e - 1]) { e -= 1 }
            lines.append(e > s ? TextSpan(start: s, end: e) : nil)
        }
        while i < n {
            let v = scalars[i].value
            if v == 0x0A || v == 0x0D || v == 0x2028 || v == 0x2029 || v == 0x0B || v == 0x0C || v == 0x85 {
                pushLine(i)
                if v == 0x0D, i + 1 < n, scalars[i + 1].value == 0x0A { i += 1 }
                start = i + 1
            }
            i += 1
        }
        pushLine(n)

        var result: [TextSpan] = []
        var block: [TextSpan] = []
        func flush() {
            defer { block.removeAll() }
            guard !block.isEmpty else { return }
            if isHardWrapped(block, scalars) {
                result.append(TextSpan(start: block[0].start, end: block[block.count - 1].end))
            } else {
                result.append(contentsOf: block)
            }
        }
        for line in lines {
            if let line { block.append(line) } else { flush() }
        }
        flush()
        return result
    }

    static func isHardWrapped(_ block: [TextSpan], _ scalars: [Unicode.Scalar]) -> Bool {
        guard block.count >= 3 else { return false }
        let lengths = block.dropLast().map(\.length)
        guard let longest = lengths.max(), longest <= 120 else { return false }
        var wrapped = 0
        for span in block.dropLast() {
            let last = scalars[span.end - 1]
            if span.length >= 40 && span.length >= longest - 25 && !SentenceSplitter.isTerminal(last) && last != ":" {
                wrapped += 1
            }
        }
        return Double(wrapped) >= 0.6 * Double(block.count - 1)
    }
}
