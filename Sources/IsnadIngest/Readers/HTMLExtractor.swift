import CLibXML2
import IsnadText

/// Main-text extraction from an HTML page parsed by libxml2.
///
/// One iterative pass over the tree (safe on pathological nesting) drops furniture
/// (scripts, navigation, footers, asides, forms, share/related/comment widgets by tag, role,
/// class or id), splits the rest into text blocks, and records each element's preorder range.
/// The main content is the `<article>`/`articleBody` element when it holds most of the prose,
/// otherwise the container whose paragraphs score highest (text length, low link density).
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
        guard let doc = LibXML.parseHTML(utf8) else { return nil }
        defer { LibXML.free(doc) }
        guard let root = LibXML.root(doc) else { return nil }

        var meta = HTMLMetadata()
        var blocks: [Block] = []
        var dropped = 0
        var ranges: [(start: Int, end: Int)] = []  // per element id: preorder range of blocks
        var contentCandidates: [Int] = []
        var buffer: [UInt8] = []  // raw UTF-8 of the block being gathered
        buffer.reserveCapacity(4096)
        var linkChars = 0
        var order = 0

        // Stack entries: a node to enter, or an exit marker for an element id.
        enum Step { case enter(LibXML.Node, parents: (Int, Int), inLink: Bool), exit(Int, tag: String, parents: (Int, Int)) }
        var stack: [Step] = [.enter(root, parents: (-1, -1), inLink: false)]

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

        while let step = stack.popLast() {
            switch step {
            case .exit(let id, let tag, let parents):
                if Self.blockTags.contains(tag) { flush(tag: tag, parents: parents) }
                ranges[id].end = blocks.count
            case .enter(let node, let parents, let inLink):
                let type = node.pointee.type
                if type == XML_TEXT_NODE || type == XML_CDATA_SECTION_NODE {
                    if var p = node.pointee.content {
                        while p.pointee != 0 {
                            let b = p.pointee
                            buffer.append(b)
                            if inLink && b & 0xC0 != 0x80 { linkChars += 1 }
                            p += 1
                        }
                    }
                    continue
                }
                guard type == XML_ELEMENT_NODE else { continue }
                let tag = LibXML.name(node)
                if HTMLMetadata.interesting.contains(tag) { meta.observe(node, name: tag) }
                let names = LibXML.hasAttribute(node, "class") || LibXML.hasAttribute(node, "id") ? ClassNames(node) : ClassNames()
                if Self.skipTags.contains(tag) || (tag == "header" && parents.0 < 0) || isFurniture(node, tag: tag, names: names) {
                    if tag != "head" && tag != "script" && tag != "style" { dropped += 1 }
                    // <head> content is only metadata: visit its children for <meta>/<title>/<link>.
                    if tag == "head" { visitMetadata(node, into: &meta) }
                    continue
                }
                if Self.blockTags.contains(tag) { flush(tag: tag, parents: parents) }
                let id = ranges.count
                ranges.append((blocks.count, blocks.count))
                if tag == "article" || tag == "main" || LibXML.attribute(node, "itemprop")?.lowercased() == "articlebody"
                    || names.isContent {
                    contentCandidates.append(id)
                }
                stack.append(.exit(id, tag: tag, parents: parents))
                let childParents = Self.blockTags.contains(tag) ? (id, parents.0) : parents
                let childInLink = inLink || tag == "a"
                var kids: [LibXML.Node] = []
                var child = node.pointee.children
                while let c = child { kids.append(c); child = c.pointee.next }
                for kid in kids.reversed() {
                    stack.append(.enter(kid, parents: childParents, inLink: childInLink))
                }
            }
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
        return Page(title: title, outlet: meta.outlet, url: meta.url, published: meta.published, language: meta.language,
                    blocks: kept, droppedBlocks: dropped)
    }

    /// Collapses whitespace runs (ASCII, NBSP and the Unicode spaces) in UTF-8 bytes to single
    /// spaces, trims the ends, and counts scalars and clause punctuation (`,` `.` `،`).
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

    func visitMetadata(_ node: LibXML.Node, into meta: inout HTMLMetadata) {
        var stack: [LibXML.Node] = [node]
        var seen = 0
        while let n = stack.popLast(), seen < 5_000 {
            seen += 1
            guard LibXML.isElement(n) else { continue }
            let tag = LibXML.name(n)
            if n != node && HTMLMetadata.interesting.contains(tag) { meta.observe(n, name: tag) }
            var child = n.pointee.children
            while let c = child { stack.append(c); child = c.pointee.next }
        }
    }

    /// The class and id of an element as lowercased tokens, computed once per element.
    struct ClassNames {
        var tokens: [ArraySlice<UInt8>] = []
        private var bytes: [UInt8] = []

        init() {}

        init(_ node: LibXML.Node) {
            LibXML.appendAttributeLowercased(node, "class", to: &bytes)
            bytes.append(0x20)
            LibXML.appendAttributeLowercased(node, "id", to: &bytes)
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
                    if HTMLExtractor.furnitureWordBytes.contains(Array(part)) { return true }
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
    static let furnitureWordBytes: Set<[UInt8]> = Set(furnitureWords.map { Array($0.utf8) })

    func isFurniture(_ node: LibXML.Node, tag: String, names: ClassNames) -> Bool {
        if let role = LibXML.attribute(node, "role")?.lowercased(),
           ["navigation", "banner", "contentinfo", "complementary", "search", "menu", "dialog"].contains(role) {
            return !holdsProse(node)
        }
        if LibXML.hasAttribute(node, "hidden") || LibXML.attribute(node, "aria-hidden") == "true" { return !holdsProse(node) }
        var style: [UInt8] = []
        if LibXML.appendAttributeLowercased(node, "style", to: &style) {
            let compact = style.filter { $0 != 0x20 }
            if compact[...].containsBytes(Array("display:none".utf8)) { return !holdsProse(node) }
        }
        if tag == "form" { return !holdsProse(node) }
        guard tag != "body", tag != "html", tag != "article", tag != "main", tag != "p", !names.isEmpty else { return false }
        if names.isContent { return false }
        // A class name alone is weak evidence: wrappers called "paywall" or "…-menu" often hold the article.
        return names.isFurniture && !holdsProse(node)
    }

    /// Whether an element contains article prose: a paragraph of at least 200 characters, or
    /// 600 characters of text in paragraphs (bounded scan).
    func holdsProse(_ node: LibXML.Node) -> Bool {
        var stack: [LibXML.Node] = []
        var child = node.pointee.children
        while let c = child { stack.append(c); child = c.pointee.next }
        var visited = 0
        var total = 0
        while let n = stack.popLast(), visited < 4_000 {
            visited += 1
            guard LibXML.isElement(n) else { continue }
            let tag = LibXML.name(n)
            if tag == "p" {
                let length = LibXML.text(n).unicodeScalars.count
                if length >= 200 { return true }
                total += length
                if total >= 600 { return true }
                continue
            }
            if Self.skipTags.contains(tag) { continue }
            var k = n.pointee.children
            while let c = k { stack.append(c); k = c.pointee.next }
        }
        return false
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
