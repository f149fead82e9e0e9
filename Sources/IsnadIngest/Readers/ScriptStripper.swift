import Foundation

/// Removes the bodies of `<script>`, `<style>` and `<svg>` elements, and comments, from HTML
/// bytes before libxml2 sees them: on real news pages they are over half the bytes, never
/// article text, and libxml2 scans them a character at a time. JSON-LD scripts
/// (`application/ld+json`) are kept: they carry metadata. Like a browser, a script ends at the
/// first `</script`. Other start tags lose the attributes extraction never reads
/// (``AttributeFilter``).
enum ScriptStripper {
    static func strip(_ input: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count / 2)
        input.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return }
            let n = bytes.count
            var copied = 0  // input[..<copied] is already in output
            var i = 0
            while i < n {
                guard let found = memchr(base + i, 0x3C, n - i) else { break }  // '<'
                let lt = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if matches(bytes, lt + 1, "!--") {
                    // A comment: drop it whole (an unterminated one is left to the parser).
                    guard let close = findComment(bytes, from: lt + 4) else { break }
                    output.append(contentsOf: bytes[copied..<lt])
                    copied = close
                    i = close
                    continue
                }
                guard let kind = tagName(bytes, at: lt + 1) else {
                    guard lt + 1 < n, isASCIILetter(bytes[lt + 1]) else { i = lt + 1; continue }
                    // Another start tag: keep only the attributes extraction reads.
                    output.append(contentsOf: bytes[copied..<lt])
                    copied = lt
                    if let next = AttributeFilter.appendFiltered(bytes, nameStart: lt + 1, to: &output) {
                        copied = next
                        i = next
                    } else {
                        i = lt + 1
                    }
                    continue
                }
                guard let openEnd = endOfTag(bytes, from: lt + 1 + kind.count) else { break }
                if kind.isScript && containsIgnoringCase(bytes, lt..<openEnd, "ld+json") {
                    i = openEnd + 1
                    continue
                }
                guard let close = find(bytes, from: openEnd + 1, closing: kind.closing) else { break }
                output.append(contentsOf: bytes[copied...openEnd])
                copied = close
                i = close + 2
            }
            output.append(contentsOf: bytes[copied..<n])
        }
        return output
    }

    struct Kind {
        var isScript: Bool
        var count: Int
        var closing: StaticString
    }

    /// `script`, `style` or `svg` (any case) starting at `at`, followed by a delimiter.
    static func tagName(_ b: UnsafeBufferPointer<UInt8>, at: Int) -> Kind? {
        if matches(b, at, "script"), at + 6 < b.count, isDelimiter(b[at + 6]) {
            return Kind(isScript: true, count: 6, closing: "</script")
        }
        if matches(b, at, "style"), at + 5 < b.count, isDelimiter(b[at + 5]) {
            return Kind(isScript: false, count: 5, closing: "</style")
        }
        if matches(b, at, "svg"), at + 3 < b.count, isDelimiter(b[at + 3]) {
            return Kind(isScript: false, count: 3, closing: "</svg")
        }
        return nil
    }

    /// Index just past the `-->` that ends a comment whose body starts at `from`.
    static func findComment(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard let base = b.baseAddress else { return nil }
        var i = from
        while i < b.count {
            guard let found = memchr(base + i, 0x3E, b.count - i) else { return nil }  // '>'
            let gt = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if gt >= from + 2, b[gt - 1] == 0x2D, b[gt - 2] == 0x2D { return gt + 1 }
            i = gt + 1
        }
        return nil
    }

    static func isASCIILetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }

    static func isDelimiter(_ c: UInt8) -> Bool { c == 0x3E || c == 0x2F || c == 0x20 || (c >= 0x09 && c <= 0x0D) }

    static func matches(_ b: UnsafeBufferPointer<UInt8>, _ at: Int, _ word: StaticString) -> Bool {
        let length = word.utf8CodeUnitCount
        guard at + length <= b.count else { return false }
        let w = word.utf8Start
        for k in 0..<length where b[at + k] | 0x20 != w[k] { return false }
        return true
    }

    /// Index of the `>` closing a start tag, skipping quoted attribute values.
    static func endOfTag(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var quote: UInt8 = 0
        var i = start
        while i < b.count {
            let c = b[i]
            if quote != 0 {
                if c == quote { quote = 0 }
            } else if c == 0x22 || c == 0x27 {
                quote = c
            } else if c == 0x3E {
                return i
            }
            i += 1
        }
        return nil
    }

    static func containsIgnoringCase(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ word: StaticString) -> Bool {
        let length = word.utf8CodeUnitCount
        var i = range.lowerBound
        while i + length <= range.upperBound {
            if matches(b, i, word) { return true }
            i += 1
        }
        return false
    }

    /// Start of the next `closing` tag (e.g. `</script`, any case) at or after `from`.
    static func find(_ b: UnsafeBufferPointer<UInt8>, from: Int, closing: StaticString) -> Int? {
        guard let base = b.baseAddress else { return nil }
        var i = from
        while i < b.count {
            guard let found = memchr(base + i, 0x3C, b.count - i) else { return nil }
            let lt = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if matches(b, lt, closing) { return lt }
            i = lt + 1
        }
        return nil
    }
}
