import CLibXML2

/// Thin, allocation-light helpers over libxml2's tree (HTML and XML). Parsing never touches
/// the network, never loads DTDs and never substitutes entities.
enum LibXML {
    typealias Node = UnsafeMutablePointer<xmlNode>

    /// libxml2 must be initialised once before documents are parsed on several threads.
    static let initialised: Bool = {
        xmlInitParser()
        return true
    }()

    /// Parses XML safely (feeds): no network, no DTD loading, entities left unexpanded.
    static func parseXML(_ utf8: [UInt8]) -> (doc: xmlDocPtr?, error: (line: Int, message: String)?) {
        _ = initialised
        let options = Int32(
            XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
                | XML_PARSE_NOCDATA.rawValue)
        guard let context = xmlNewParserCtxt() else { return (nil, (0, "out of memory")) }
        defer { xmlFreeParserCtxt(context) }
        let doc: xmlDocPtr? = utf8.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                    xmlCtxtReadMemory(context, chars, Int32(buffer.count), nil, "UTF-8", options)
                }
            }
        }
        if doc == nil || context.pointee.wellFormed == 0 {
            if let error = xmlCtxtGetLastError(context) {
                let message = error.pointee.message.map { String(cString: $0) } ?? "malformed XML"
                return (doc, (Int(error.pointee.line), message.trimmingSpaces()))
            }
            return (doc, (0, "malformed XML"))
        }
        return (doc, nil)
    }

    static func free(_ doc: xmlDocPtr?) {
        if let doc { xmlFreeDoc(doc) }
    }

    static func root(_ doc: xmlDocPtr) -> Node? { xmlDocGetRootElement(doc) }

    /// Local name of an XML element (without prefix), as written.
    static func localName(_ node: Node) -> String {
        guard let name = node.pointee.name else { return "" }
        return String(cString: name)
    }

    /// Namespace prefix of an XML element, when any.
    static func prefix(_ node: Node) -> String? {
        guard let ns = node.pointee.ns, let prefix = ns.pointee.prefix else { return nil }
        return String(cString: prefix)
    }

    static func isElement(_ node: Node) -> Bool { node.pointee.type == XML_ELEMENT_NODE }

    /// An attribute's value, read straight from the attribute's text child.
    static func attribute(_ node: Node, _ wanted: String) -> String? {
        var attr = node.pointee.properties
        while let a = attr {
            if let n = a.pointee.name, xmlStrcasecmp(n, wanted) == 0 {
                var text = ""
                var child = a.pointee.children
                while let c = child {
                    if let content = c.pointee.content { text += String(cString: content) }
                    child = c.pointee.next
                }
                return text
            }
            attr = a.pointee.next
        }
        return nil
    }

    /// Element children in order.
    static func elementChildren(_ node: Node) -> [Node] {
        var result: [Node] = []
        var child = node.pointee.children
        while let c = child {
            if isElement(c) { result.append(c) }
            child = c.pointee.next
        }
        return result
    }

    /// Concatenated text and CDATA below `node`, iteratively (safe on very deep trees);
    /// entity references are skipped, never expanded.
    static func text(_ node: Node) -> String {
        var out = ""
        var stack: [Node] = []
        var child = node.pointee.children
        while let c = child { stack.append(c); child = c.pointee.next }
        stack.reverse()
        while let n = stack.popLast() {
            let type = n.pointee.type
            if type == XML_TEXT_NODE || type == XML_CDATA_SECTION_NODE {
                if let content = n.pointee.content { out += String(cString: content) }
            } else if type == XML_ELEMENT_NODE {
                var kids: [Node] = []
                var k = n.pointee.children
                while let c = k { kids.append(c); k = c.pointee.next }
                stack.append(contentsOf: kids.reversed())
            }
        }
        return out
    }
}

extension String {
    /// Collapses runs of whitespace (NBSP included) into single spaces and trims the ends.
    func collapsingWhitespace() -> String {
        var copy = self
        return copy.withUTF8 { bytes -> String in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var pendingSpace = false
            var i = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                let width = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
                let end = Swift.min(n, i + width)
                var v = UInt32(b)
                if width > 1 {
                    v &= width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07
                    for k in (i + 1)..<end { v = v << 6 | UInt32(bytes[k] & 0x3F) }
                }
                if Self.isCollapsibleSpace(v) {
                    pendingSpace = !out.isEmpty
                } else {
                    if pendingSpace { out.append(0x20) }
                    pendingSpace = false
                    out.append(contentsOf: bytes[i..<end])
                }
                i = end
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    @inline(__always)
    static func isCollapsibleSpace(_ v: UInt32) -> Bool {
        v < 0x80 ? (v == 0x20 || (v >= 0x09 && v <= 0x0D))
            : (v == 0xA0 || v == 0x85 || v == 0x1680 || (v >= 0x2000 && v <= 0x200B) || v == 0x2028 || v == 0x2029
                || v == 0x202F || v == 0x205F || v == 0x3000 || v == 0xFEFF)
    }

    func trimmingSpaces() -> String { collapsingWhitespace() }
}
