/// Drops the attributes extraction never reads from start tags before libxml2 parses them.
/// On news pages tags are two thirds of the bytes left after scripts are stripped, mostly
/// `href`, `src`, `srcset` and `data-…` values, and libxml2 reads attribute values one character
/// at a time. Kept: the attributes ``HTMLEvents`` and ``HTMLMetadata`` read (`class`, `id`,
/// `role`, `hidden`, `style`, `itemprop`, `lang`, and on any tag the `<meta>`/`<link>`/`<time>`
/// fields), with `href` kept on `<link>` only (the canonical URL).
enum AttributeFilter {
    /// Lowercase names of the attributes kept, by length for allocation-free comparison.
    static let kept: [[[UInt8]]] = {
        let names = ["class", "id", "role", "hidden", "aria-hidden", "style", "itemprop", "property", "name",
                     "content", "datetime", "rel", "lang", "type"]
        var table = [[[UInt8]]](repeating: [], count: (names.map(\.utf8.count).max() ?? 0) + 1)
        for name in names { table[name.utf8.count].append(Array(name.utf8)) }
        return table
    }()

    /// Appends the start tag whose name begins at `nameStart` (just after `<`) to `output`
    /// with only kept attributes, and returns the index just past its `>`. Returns nil, having
    /// appended nothing, when the tag does not end cleanly (the caller then copies it as is).
    static func appendFiltered(_ b: UnsafeBufferPointer<UInt8>, nameStart: Int, to output: inout [UInt8]) -> Int? {
        let n = b.count
        var i = nameStart
        while i < n, !isSpace(b[i]), b[i] != 0x3E, b[i] != 0x2F { i += 1 }
        let nameEnd = i
        let isLink = nameEnd - nameStart == 4 && ScriptStripper.matches(b, nameStart, "link")
        var attributes: [Range<Int>] = []
        while true {
            while i < n, isSpace(b[i]) || b[i] == 0x2F { i += 1 }
            guard i < n else { return nil }
            if b[i] == 0x3E { break }
            let attributeStart = i
            while i < n, !isSpace(b[i]), b[i] != 0x3E, b[i] != 0x2F, b[i] != 0x3D { i += 1 }
            let keyEnd = i
            var j = i
            while j < n, isSpace(b[j]) { j += 1 }
            if j < n, b[j] == 0x3D {
                j += 1
                while j < n, isSpace(b[j]) { j += 1 }
                guard j < n else { return nil }
                if b[j] == 0x22 || b[j] == 0x27 {
                    let quote = b[j]
                    j += 1
                    while j < n, b[j] != quote { j += 1 }
                    guard j < n else { return nil }
                    j += 1
                } else {
                    while j < n, !isSpace(b[j]), b[j] != 0x3E { j += 1 }
                }
                i = j
            }
            if keyEnd > attributeStart, isKept(b, attributeStart..<keyEnd, isLink: isLink) {
                attributes.append(attributeStart..<i)
            }
        }
        output.append(0x3C)
        output.append(contentsOf: b[nameStart..<nameEnd])
        for range in attributes {
            output.append(0x20)
            output.append(contentsOf: b[range])
        }
        output.append(0x3E)
        return i + 1
    }

    static func isKept(_ b: UnsafeBufferPointer<UInt8>, _ key: Range<Int>, isLink: Bool) -> Bool {
        let length = key.count
        if isLink, length == 4, ScriptStripper.matches(b, key.lowerBound, "href") { return true }
        guard length < kept.count else { return false }
        return kept[length].contains { name in
            for k in 0..<length where b[key.lowerBound + k] | 0x20 != name[k] { return false }
            return true
        }
    }

    @inline(__always)
    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) }
}
