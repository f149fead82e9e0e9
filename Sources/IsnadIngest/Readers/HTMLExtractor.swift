import IsnadText

/// Main-text extraction from an HTML page parsed by libxml2.
///
/// libxml2's SAX parser turns the page into flat events (``HTMLEvents``); one walk over them
/// skips furniture (scripts, navigation, footers, asides, forms, share/related/comment widgets
/// by tag, role, class or id — class names only when the subtree holds no prose), splits the
/// rest into text blocks, and records each element's range of blocks. The main content is the
/// `<article>`/`articleBody` element when it holds most of the prose, otherwise the container
/// whose paragraphs score highest (text length, clause punctuation, low link density).
public struct HTMLExtractor: Sendable {
    /// A block of text and where it sits in the tree.
    struct Block {
        var text: String
        /// Length in Unicode scalars (cheap to count, script-neutral enough for thresholds).
        var length: Int
        /// Punctuation marks that end clauses: a prose signal.
        var commas: Int
        var linkChars: Int
        var tag: String
        var order: Int
        var parent: Int
        var grandparent: Int
        var isHeading: Bool { tag.count == 2 && tag.hasPrefix("h") && tag != "hr" }
    }

    /// The extracted page.
    public struct Page: Sendable {
        public var title: String?
        public var outlet: String?
        public var url: String?
        public var published: String?
        /// Every publication date the page's metadata gives, as written, most trusted first.
        public var publishedCandidates: [String] = []
        public var language: String?
        /// Main-text blocks in document order.
        public var blocks: [String]
        /// Blocks dropped as furniture or outside the main content.
        public var droppedBlocks: Int
    }

    static let skipTags: Set<String> = [
        "script", "style", "noscript", "template", "nav", "footer", "aside", "iframe", "svg", "button",
        "select", "textarea", "input", "label", "figcaption", "menu", "head", "object", "embed", "canvas", "video",
        "audio", "map", "dialog", "time",
    ]
    static let blockTags: Set<String> = [
        "p", "div", "section", "article", "main", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
        "pre", "td", "th", "tr", "table", "dd", "dt", "dl", "header", "figure", "br", "hr", "address", "center",
    ]
    static let furnitureWords: Set<String> = [
        "share", "social", "related", "comment", "cookie", "consent", "newsletter", "subscribe", "advert", "sponsor",
        "promo", "sidebar", "breadcrumb", "menu", "navbar", "footer", "popup", "modal", "widget", "tags", "tag-list",
        "bio", "byline", "toolbar", "pagination", "paywall", "signup", "banner", "outbrain", "taboola",
        "mostread", "trending", "recommended", "recommendations", "readmore", "print", "hidden", "masthead",
        "skip", "disclaimer", "copyright", "rating", "caption", "nav", "navigation", "header", "sharing", "comments",
        "follow", "login", "search", "breaking", "ticker", "meta", "author", "credits", "gallery", "video",
    ]
    static let contentWords: [String] = [
        "article-body", "articlebody", "article-content", "article__body", "article-text", "story-body", "post-content",
        "entry-content", "content-body", "news-text", "main-content", "story-content", "text-body", "itemtext",
    ]

    public init() {}

    /// Extracts the main text of an HTML document given as UTF-8 bytes.
    public func extract(utf8: [UInt8]) -> Page? {
        guard let page = HTMLEvents.parse(ScriptStripper.strip(utf8)) else { return nil }
        let meta = page.metadata
        var blocks: [Block] = []
        var dropped = 0
        var ranges = [(start: Int, end: Int)](repeating: (0, 0), count: page.elements.count)
        var contentCandidates: [Int] = []
        var buffer: [UInt8] = []  // raw UTF-8 of the block being gathered
        buffer.reserveCapacity(4096)
        var linkChars = 0
        var order = 0
        // Open elements kept in the walk: (element, its block parents, whether inside a link).
        var stack: [(element: Int, parents: (Int, Int), inLink: Bool)] = []

        func flush(tag: String, parents: (Int, Int)) {
            defer {
                buffer.removeAll(keepingCapacity: true)
                linkChars = 0
            }
            guard !buffer.isEmpty else { return }
            let (bytes, length, commas) = Self.collapse(buffer)
            guard length > 0 else { return }
            blocks.append(Block(text: String(decoding: bytes, as: UTF8.self), length: length, commas: commas,
                                linkChars: min(linkChars, length), tag: tag, order: order,
                                parent: parents.0, grandparent: parents.1))
            order += 1
        }

        var i = 0
        let events = page.events
        while i < events.count {
            switch events[i] {
            case .text(let start, let end):
                let inLink = stack.last?.inLink ?? false
                let bytes = page.text[Int(start)..<Int(end)]
                buffer.append(contentsOf: bytes)
                if inLink { for b in bytes where b & 0xC0 != 0x80 { linkChars += 1 } }
            case .start(let index):
                let e = Int(index)
                let element = page.elements[e]
                let info = page.tags[Int(element.info)]
                let parents = stack.last.map { top in
                    page.tags[Int(page.elements[top.element].info)].isBlock ? (top.element, top.parents.0) : top.parents
                } ?? (-1, -1)
                if info.isSkipped || (element.tag == "header" && parents.0 < 0)
                    || isFurniture(element) {
                    if element.tag != "head" && element.tag != "script" && element.tag != "style" { dropped += 1 }
                    i = element.endEvent >= 0 ? Int(element.endEvent) + 1 : events.count
                    continue
                }
                if info.isBlock { flush(tag: element.tag, parents: parents) }
                ranges[e] = (blocks.count, blocks.count)
                if element.tag == "article" || element.tag == "main" || element.itemprop == "articlebody"
                    || ClassNames(bytes: element.names).isContent {
                    contentCandidates.append(e)
                }
                stack.append((e, parents, (stack.last?.inLink ?? false) || element.tag == "a"))
            case .end(let index):
                let e = Int(index)
                guard let top = stack.last, top.element == e else { break }
                stack.removeLast()
                let element = page.elements[e]
                if page.tags[Int(element.info)].isBlock { flush(tag: element.tag, parents: top.parents) }
                ranges[e].end = blocks.count
            }
            i += 1
        }
        flush(tag: "body", parents: (-1, -1))

        let chosen = chooseContent(blocks: blocks, ranges: ranges, candidates: contentCandidates)
        var kept: [String] = []
        for (index, block) in blocks.enumerated() {
            guard index >= chosen.start && index < chosen.end else { dropped += 1; continue }
            let density = Double(block.linkChars) / Double(max(1, block.length))
            if density > 0.5 && !block.isHeading { dropped += 1; continue }
            kept.append(block.text)
        }
        let title = meta.title
        if let title, let first = kept.first, first.collapsingWhitespace() == title.collapsingWhitespace() {
            kept.removeFirst()
        }
        return Page(title: title, outlet: meta.outlet, url: meta.url, published: meta.published,
                    publishedCandidates: meta.publishedCandidates, language: meta.language, blocks: kept, droppedBlocks: dropped)
    }

    /// Collapses whitespace runs (ASCII, NBSP, NEL, the Unicode spaces, ZWSP and BOM) in UTF-8
    /// bytes to single spaces, trims the ends, and counts scalars and clause punctuation
    /// (`,` `.` `،`). `String.collapsingWhitespace()` is this too.
    static func collapse(_ input: [UInt8]) -> (bytes: [UInt8], length: Int, commas: Int) {
        var out: [UInt8] = []
        out.reserveCapacity(input.count)
        var length = 0
        var commas = 0
        var pendingSpace = false
        var i = 0
        let n = input.count
        while i < n {
            let b = input[i]
            var width = 1
            var isSpace = false
            if b < 0x80 {
                isSpace = b == 0x20 || (b >= 0x09 && b <= 0x0D)
            } else if b == 0xC2, i + 1 < n, input[i + 1] == 0xA0 || input[i + 1] == 0x85 {
                isSpace = true; width = 2
            } else if b == 0xE2, i + 2 < n, input[i + 1] == 0x80,
                      (input[i + 2] >= 0x80 && input[i + 2] <= 0x8B) || input[i + 2] == 0xA8 || input[i + 2] == 0xA9 || input[i + 2] == 0xAF {
                isSpace = true; width = 3
            } else if b == 0xE2, i + 2 < n, input[i + 1] == 0x81, input[i + 2] == 0x9F {  // U+205F
                isSpace = true; width = 3
            } else if b == 0xE1, i + 2 < n, input[i + 1] == 0x9A, input[i + 2] == 0x80 {  // U+1680
                isSpace = true; width = 3
            } else if b == 0xE3, i + 2 < n, input[i + 1] == 0x80, input[i + 2] == 0x80 {
                isSpace = true; width = 3
            } else if b == 0xEF, i + 2 < n, input[i + 1] == 0xBB, input[i + 2] == 0xBF {
                isSpace = true; width = 3
            }
            if isSpace {
                pendingSpace = !out.isEmpty
                i += width
                continue
            }
            if pendingSpace {
                out.append(0x20)
                length += 1
                pendingSpace = false
            }
            out.append(b)
            if b & 0xC0 != 0x80 { length += 1 }
            if b == 0x2C || b == 0x2E || (b == 0xD8 && i + 1 < n && input[i + 1] == 0x8C) { commas += 1 }
            i += 1
        }
        return (out, length, commas)
    }

    /// Picks the block range of the main content.
    func chooseContent(blocks: [Block], ranges: [(start: Int, end: Int)], candidates: [Int]) -> (start: Int, end: Int) {
        func prose(_ range: (start: Int, end: Int)) -> Int {
            var total = 0
            for block in blocks[range.start..<range.end] where block.length >= 40 {
                let density = Double(block.linkChars) / Double(block.length)
                if density < 0.3 { total += block.length - block.linkChars }
            }
            return total
        }
        let all = (0, blocks.count)
        let totalProse = prose(all)
        guard totalProse > 0 else { return all }
        // Semantic containers first: the smallest one that still holds most of the page's prose.
        let semantic = candidates.map { ($0, prose(ranges[$0])) }.filter { Double($0.1) >= 0.5 * Double(totalProse) }
        if let best = semantic.min(by: { ranges[$0.0].end - ranges[$0.0].start < ranges[$1.0].end - ranges[$1.0].start }) {
            return ranges[best.0]
        }
        // Otherwise score parents by their paragraphs' prose, half to grandparents.
        var scores: [Int: Double] = [:]
        for block in blocks where block.length >= 25 {
            let density = Double(block.linkChars) / Double(block.length)
            guard density < 0.4 else { continue }
            let value = Double(block.length - block.linkChars) + 50 * Double(block.commas)
            if block.parent >= 0 { scores[block.parent, default: 0] += value }
            if block.grandparent >= 0 { scores[block.grandparent, default: 0] += value / 2 }
        }
        guard let best = scores.max(by: { $0.value < $1.value }) else { return all }
        var range = ranges[best.key]
        // A container that keeps too little of the prose is a fragment: widen to its best ancestor.
        if Double(prose(range)) < 0.4 * Double(totalProse) {
            let widened = ranges.enumerated()
                .filter { $0.element.start <= range.start && $0.element.end >= range.end }
                .filter { Double(prose($0.element)) >= 0.6 * Double(totalProse) }
                .min { $0.element.end - $0.element.start < $1.element.end - $1.element.start }
            if let widened { range = widened.element }
        }
        return range
    }

    /// The class and id of an element as lowercased tokens, computed once per element.
    struct ClassNames {
        var tokens: [ArraySlice<UInt8>] = []
        private var bytes: [UInt8] = []

        init(bytes: [UInt8]) {
            self.bytes = bytes
            tokens = bytes.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D })
        }

        var isEmpty: Bool { tokens.isEmpty }

        /// Whether a token names the main content (`article-body`, `entry-content`, …).
        var isContent: Bool {
            tokens.contains { token in HTMLExtractor.contentWordBytes.contains { token.containsBytes($0) } }
        }

        /// Whether a token is built from furniture words (`share-bar`, `related_links`, `ad-slot`).
        var isFurniture: Bool {
            for token in tokens {
                for part in token.split(whereSeparator: { $0 == 0x2D || $0 == 0x5F }) {
                    if HTMLExtractor.isFurnitureWord(part) { return true }
                }
                if token.first == 0x61, token.count >= 2, token[token.startIndex + 1] == 0x64 {  // "ad", "ads", "ad-…", "ads-…"
                    let rest = token.dropFirst(2)
                    if rest.isEmpty || rest.first == 0x2D || rest.elementsEqual([0x73]) || rest.starts(with: [0x73, 0x2D]) { return true }
                }
                if token.count > 3, token.suffix(3).elementsEqual([0x2D, 0x61, 0x64]) { return true }
            }
            return false
        }
    }

    static let contentWordBytes: [[UInt8]] = contentWords.map { Array($0.utf8) }
    /// Furniture words by byte length, so a class-name part is compared without allocating.
    static let furnitureWordsByLength: [[[UInt8]]] = {
        var table = [[[UInt8]]](repeating: [], count: (furnitureWords.map(\.utf8.count).max() ?? 0) + 1)
        for word in furnitureWords { table[word.utf8.count].append(Array(word.utf8)) }
        return table
    }()

    static func isFurnitureWord(_ part: ArraySlice<UInt8>) -> Bool {
        guard part.count < furnitureWordsByLength.count else { return false }
        return furnitureWordsByLength[part.count].contains { part.elementsEqual($0) }
    }

    func isFurniture(_ element: HTMLEvents.Element) -> Bool {
        // A class name alone is weak evidence: wrappers called "paywall" or "…-menu" often hold the article.
        let holdsProse = element.longestParagraph >= 200 || element.paragraphText >= 600
        if let role = element.role,
           ["navigation", "banner", "contentinfo", "complementary", "search", "menu", "dialog"].contains(role) {
            return !holdsProse
        }
        if element.hidden || element.displayNone || element.tag == "form" { return !holdsProse }
        let tag = element.tag
        guard tag != "body", tag != "html", tag != "article", tag != "main", tag != "p", !element.names.isEmpty else { return false }
        let names = ClassNames(bytes: element.names)
        if names.isContent { return false }
        return names.isFurniture && !holdsProse
    }
}

extension ArraySlice where Element == UInt8 {
    /// Byte substring search (class names are short; no Foundation round trip).
    func containsBytes(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return needle.isEmpty }
        var i = startIndex
        let last = endIndex - needle.count
        while i <= last {
            if self[i] == needle[0] && self[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }
}
