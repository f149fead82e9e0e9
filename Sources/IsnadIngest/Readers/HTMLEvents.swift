import CLibXML2

/// An HTML page as a flat list of events, filled by libxml2's SAX interface: no DOM is built,
/// which more than halves parsing cost. Elements keep only the attributes extraction reads and
/// the prose statistics of their subtree.
struct HTMLEvents {
    enum Event {
        case start(Int32)
        case end(Int32)
        case text(Int32, Int32)  // byte range in `text`
    }

    /// What extraction needs to know about a tag name, computed once per distinct name.
    struct TagInfo {
        var name: String
        var isSkipped: Bool
        var isBlock: Bool
        var hasMetadata: Bool
    }

    struct Element {
        var tag: String
        var info: Int32  // index into `tags`
        var parent: Int32
        /// Index of the element's end event (set when it closes).
        var endEvent: Int32 = -1
        /// Lowercased `class` and `id` tokens joined by spaces.
        var names: [UInt8] = []
        var role: String?
        var hidden = false
        var displayNone = false
        var itemprop: String?
        /// Longest and total length (scalars) of `<p>` text in the subtree, outside skipped tags.
        var longestParagraph = 0
        var paragraphText = 0
        /// Scalars of text directly or indirectly inside (used for `<p>` lengths).
        var textLength = 0
    }

    var events: [Event] = []
    var elements: [Element] = []
    var text: [UInt8] = []
    var metadata = HTMLMetadata()
    var tags: [TagInfo] = []
    /// libxml2 interns element names in a dictionary: one pointer per distinct name.
    private var tagIndex: [UnsafePointer<xmlChar>: Int32] = [:]
    private var open: [Int32] = []
    /// Text of the element whose text metadata wants (title, h1, time, JSON-LD script).
    private var capture: (element: Int32, bytes: [UInt8])?

    /// Parses HTML given as UTF-8; nil when libxml2 cannot start.
    static func parse(_ utf8: [UInt8]) -> HTMLEvents? {
        _ = LibXML.initialised
        var events = HTMLEvents()
        events.events.reserveCapacity(utf8.count / 16)
        events.text.reserveCapacity(utf8.count / 2)
        let ok: Bool = utf8.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, buffer.count > 0 else { return false }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars -> Bool in
                guard let context = htmlCreateMemoryParserCtxt(chars, Int32(buffer.count)) else { return false }
                defer {
                    if let doc = context.pointee.myDoc { xmlFreeDoc(doc) }
                    htmlFreeParserCtxt(context)
                }
                guard let sax = context.pointee.sax else { return false }
                sax.pointee = htmlSAXHandler()
                sax.pointee.startElement = { ctx, name, attributes in
                    guard let ctx, let name else { return }
                    ctx.assumingMemoryBound(to: HTMLEvents.self).pointee.start(name, attributes)
                }
                sax.pointee.endElement = { ctx, name in
                    guard let ctx else { return }
                    ctx.assumingMemoryBound(to: HTMLEvents.self).pointee.end()
                }
                sax.pointee.characters = { ctx, bytes, length in
                    guard let ctx, let bytes, length > 0 else { return }
                    ctx.assumingMemoryBound(to: HTMLEvents.self).pointee.characters(bytes, Int(length))
                }
                sax.pointee.cdataBlock = sax.pointee.characters
                sax.pointee.ignorableWhitespace = sax.pointee.characters
                let options = Int32(
                    HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                        | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)
                _ = htmlCtxtUseOptions(context, options)
                _ = xmlSwitchEncoding(context, XML_CHAR_ENCODING_UTF8)
                return withUnsafeMutablePointer(to: &events) { pointer in
                    context.pointee.userData = UnsafeMutableRawPointer(pointer)
                    _ = htmlParseDocument(context)
                    return true
                }
            }
        }
        guard ok else { return nil }
        while !events.open.isEmpty { events.end() }
        return events
    }

    private mutating func start(_ name: UnsafePointer<xmlChar>, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        let info: Int32
        if let known = tagIndex[name] {
            info = known
        } else {
            let tagName = String(cString: name).lowercased()
            info = Int32(tags.count)
            tags.append(TagInfo(name: tagName, isSkipped: HTMLExtractor.skipTags.contains(tagName),
                                isBlock: HTMLExtractor.blockTags.contains(tagName),
                                hasMetadata: HTMLMetadata.interesting.contains(tagName)))
            tagIndex[name] = info
        }
        let tag = tags[Int(info)].name
        let index = Int32(elements.count)
        var element = Element(tag: tag, info: info, parent: open.last ?? -1)
        var metaAttributes: [String: String] = [:]
        let wantsMeta = tags[Int(info)].hasMetadata
        if var pair = attributes {
            while let key = pair.pointee {
                let value = (pair + 1).pointee
                switch Self.attributeKind(key) {
                case .classOrID:
                    if let value {
                        if !element.names.isEmpty { element.names.append(0x20) }
                        var p = value
                        while p.pointee != 0 {
                            let b = p.pointee
                            element.names.append(b >= 0x41 && b <= 0x5A ? b + 32 : b)
                            p += 1
                        }
                    }
                case .role: element.role = value.map { String(cString: $0).lowercased() }
                case .hidden: element.hidden = true
                case .ariaHidden: if let value, String(cString: value) == "true" { element.hidden = true }
                case .style:
                    if let value {
                        let style = String(cString: value).lowercased().filter { $0 != " " }
                        if style.contains("display:none") { element.displayNone = true }
                    }
                case .itemprop: element.itemprop = value.map { String(cString: $0).lowercased() }
                case .other: break
                }
                if wantsMeta, let value {
                    metaAttributes[String(cString: key).lowercased()] = String(cString: value)
                }
                pair += 2
            }
        }
        if wantsMeta {
            metadata.observe(tag: tag, attributes: metaAttributes)
            if tag == "title" || tag == "h1" || tag == "time" || (tag == "script" && metaAttributes["type"]?.lowercased() == "application/ld+json") {
                if capture == nil { capture = (index, []) }
            }
        }
        elements.append(element)
        events.append(.start(index))
        open.append(index)
    }

    private mutating func end() {
        guard let index = open.popLast() else { return }
        let i = Int(index)
        elements[i].endEvent = Int32(events.count)
        events.append(.end(index))
        if let captured = capture, captured.element == index {
            metadata.observeText(tag: elements[i].tag, text: String(decoding: captured.bytes, as: UTF8.self))
            capture = nil
        }
        var element = elements[i]
        if element.tag == "p" {
            element.longestParagraph = max(element.longestParagraph, element.textLength)
            element.paragraphText += element.textLength
            elements[i] = element
        }
        let parent = Int(element.parent)
        guard parent >= 0 else { return }
        elements[parent].textLength += element.textLength
        if !tags[Int(element.info)].isSkipped {
            elements[parent].longestParagraph = max(elements[parent].longestParagraph, element.longestParagraph)
            elements[parent].paragraphText += element.paragraphText
        }
    }

    private mutating func characters(_ bytes: UnsafePointer<xmlChar>, _ length: Int) {
        let start = Int32(text.count)
        text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: length))
        events.append(.text(start, Int32(text.count)))
        if let last = open.last {
            var scalars = 0
            for k in 0..<length where bytes[k] & 0xC0 != 0x80 { scalars += 1 }
            elements[Int(last)].textLength += scalars
        }
        if capture != nil { capture?.bytes.append(contentsOf: UnsafeBufferPointer(start: bytes, count: length)) }
    }

    enum AttributeKind { case classOrID, role, hidden, ariaHidden, style, itemprop, other }

    static func attributeKind(_ key: UnsafePointer<xmlChar>) -> AttributeKind {
        // The first letter narrows the candidates to one comparison.
        switch key.pointee | 0x20 {
        case 0x63: return xmlStrcasecmp(key, "class") == 0 ? .classOrID : .other
        case 0x69:
            if xmlStrcasecmp(key, "id") == 0 { return .classOrID }
            return xmlStrcasecmp(key, "itemprop") == 0 ? .itemprop : .other
        case 0x72: return xmlStrcasecmp(key, "role") == 0 ? .role : .other
        case 0x68: return xmlStrcasecmp(key, "hidden") == 0 ? .hidden : .other
        case 0x61: return xmlStrcasecmp(key, "aria-hidden") == 0 ? .ariaHidden : .other
        case 0x73: return xmlStrcasecmp(key, "style") == 0 ? .style : .other
        default: return .other
        }
    }
}
