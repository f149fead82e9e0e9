import Foundation
import CLibXML2
import IsnadText

/// Reads RSS 2.0, RSS 1.0 (RDF) and Atom files: each item or entry becomes a document.
/// The XML parser never resolves DTDs or external entities and never touches the network.
enum FeedReader {
    struct Item {
        var title = ""
        var link: String?
        var date: String?
        var body = ""
        var language: String?
    }

    static func read(bytes: [UInt8], path: String, group: String) throws(IngestError) -> ReadOutcome {
        let decoded = try TextDecoder.decode(bytes, path: path, declared: xmlDeclaredEncoding(bytes))
        // The XML declaration names the original encoding; the bytes handed to libxml2 are UTF-8.
        let utf8 = Array(stripXMLDeclaration(decoded.text).utf8)
        let (doc, error) = LibXML.parseXML(utf8)
        defer { LibXML.free(doc) }
        guard let doc, let root = LibXML.root(doc), error == nil else {
            throw IngestError(path: path, kind: .malformed, message: "feed is not well-formed XML: \(error?.message ?? "no root element")",
                              line: error.map { $0.line })
        }
        let rootName = LibXML.localName(root).lowercased()
        var outlet: String?
        var feedLanguage: String?
        var items: [Item] = []
        switch rootName {
        case "rss", "rdf":
            let channel = LibXML.elementChildren(root).first { LibXML.localName($0).lowercased() == "channel" }
            if let channel {
                for child in LibXML.elementChildren(channel) {
                    switch LibXML.localName(child).lowercased() {
                    case "title": outlet = outletName(fromFeedTitle: LibXML.text(child))
                    case "language": feedLanguage = LibXML.text(child).collapsingWhitespace()
                    case "item": items.append(rssItem(child))
                    default: break
                    }
                }
            }
            if rootName == "rdf" {
                items += LibXML.elementChildren(root).filter { LibXML.localName($0).lowercased() == "item" }.map(rssItem)
            }
        case "feed":
            for child in LibXML.elementChildren(root) {
                switch LibXML.localName(child).lowercased() {
                case "title": outlet = outletName(fromFeedTitle: LibXML.text(child))
                case "entry": items.append(atomEntry(child))
                default: break
                }
            }
            feedLanguage = LibXML.attribute(root, "lang")
        default:
            throw IngestError(path: path, kind: .unsupported,
                              message: "XML root <\(rootName)> is not a feed (expected <rss>, <rdf:RDF> or <feed>)")
        }
        var outcome = ReadOutcome()
        for (index, item) in items.enumerated() {
            let blocks = bodyBlocks(item.body)
            guard !blocks.isEmpty || !item.title.isEmpty else {
                outcome.errors.append(IngestError(path: path, kind: .noText, message: "feed item \(index + 1) has no title and no text", line: index + 1))
                continue
            }
            let original = ([item.title] + blocks).filter { !$0.isEmpty }.joined(separator: "\n\n")
            let language = item.language ?? feedLanguage
            let date = PublishedField.read(item.date.map { [$0] } ?? [], languageHint: language, text: original,
                                           path: path, line: index + 1)
            let hints = DocumentHints(title: item.title.isEmpty ? nil : item.title, outlet: outlet, url: item.link,
                                      published: date.published, language: language)
            var document = RawDocument(path: path, item: index, format: rootName == "feed" ? .atom : .rss,
                                       encoding: decoded.encoding, original: original, hints: hints, group: outlet ?? group)
            if let note = date.note { document.notes.append(note) }
            outcome.documents.append(document)
        }
        if items.isEmpty {
            outcome.errors.append(IngestError(path: path, kind: .noText, message: "feed has no items"))
        }
        return outcome
    }

    /// A feed's title names the outlet, often followed by a section ("Outlet - World News").
    static func outletName(fromFeedTitle title: String) -> String {
        let flat = title.collapsingWhitespace()
        for separator in [" - ", " | ", " — ", " – ", " : "] {
            if let range = flat.range(of: separator) {
                let head = String(flat[..<range.lowerBound])
                if head.count >= 2 { return head }
            }
        }
        return flat
    }

    static func rssItem(_ node: LibXML.Node) -> Item {
        var item = Item()
        var description = ""
        var encoded = ""
        for child in LibXML.elementChildren(node) {
            let name = LibXML.localName(child).lowercased()
            let prefix = LibXML.prefix(child)
            switch (prefix, name) {
            case (_, "title"): item.title = LibXML.text(child).collapsingWhitespace()
            case (_, "link"): item.link = LibXML.text(child).collapsingWhitespace()
            case (nil, "pubdate"), ("dc", "date"): item.date = item.date ?? LibXML.text(child)
            case (nil, "description"): description = LibXML.text(child)
            case ("content", "encoded"): encoded = LibXML.text(child)
            case ("dc", "language"): item.language = LibXML.text(child).collapsingWhitespace()
            default: break
            }
        }
        item.body = encoded.count > description.count ? encoded : description
        return item
    }

    static func atomEntry(_ node: LibXML.Node) -> Item {
        var item = Item()
        var summary = ""
        var content = ""
        for child in LibXML.elementChildren(node) {
            switch LibXML.localName(child).lowercased() {
            case "title": item.title = htmlOrText(child).collapsingWhitespace()
            case "link":
                let rel = LibXML.attribute(child, "rel") ?? "alternate"
                if rel == "alternate" || item.link == nil { item.link = LibXML.attribute(child, "href") }
            case "published": item.date = LibXML.text(child)
            case "updated": item.date = item.date ?? LibXML.text(child)
            case "summary": summary = htmlOrText(child)
            case "content": content = htmlOrText(child)
            default: break
            }
        }
        item.body = content.count > summary.count ? content : summary
        item.language = LibXML.attribute(node, "lang")
        return item
    }

    /// Atom text constructs: `type="xhtml"` holds markup as elements; `html` and `text` as text.
    static func htmlOrText(_ node: LibXML.Node) -> String {
        if LibXML.attribute(node, "type") == "xhtml" {
            guard let buffer = xmlBufferCreate() else { return LibXML.text(node) }
            defer { xmlBufferFree(buffer) }
            var child = node.pointee.children
            var html = ""
            while let c = child {
                xmlBufferEmpty(buffer)
                if xmlNodeDump(buffer, c.pointee.doc, c, 0, 0) >= 0, let content = xmlBufferContent(buffer) {
                    html += String(cString: content)
                }
                child = c.pointee.next
            }
            return html
        }
        return LibXML.text(node)
    }

    /// Text blocks of an item body that may hold escaped HTML.
    static func bodyBlocks(_ body: String) -> [String] {
        let trimmed = body.collapsingWhitespace()
        guard !trimmed.isEmpty else { return [] }
        if trimmed.contains("<") && trimmed.contains(">") {
            let page = HTMLExtractor().extract(utf8: Array(("<html><body>" + body + "</body></html>").utf8))
            if let page, !page.blocks.isEmpty { return page.blocks }
        }
        return body.components(separatedBy: "\n\n").map { $0.collapsingWhitespace() }.filter { !$0.isEmpty }
    }

    static func xmlDeclaredEncoding(_ bytes: [UInt8]) -> TextEncoding? {
        let head = String(decoding: bytes.prefix(200), as: UTF8.self)
        guard head.hasPrefix("<?xml"), let end = head.range(of: "?>"),
              let enc = head[..<end.lowerBound].range(of: "encoding=") else { return nil }
        let rest = head[enc.upperBound...].dropFirst()
        let label = rest.prefix { $0 != "\"" && $0 != "'" }
        return TextEncoding(label: String(label))
    }

    static func stripXMLDeclaration(_ text: String) -> String {
        guard text.hasPrefix("<?xml"), let end = text.range(of: "?>") else { return text }
        return String(text[end.upperBound...])
    }
}
