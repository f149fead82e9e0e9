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
        String(decoding: HTMLExtractor.collapse(Array(utf8)).bytes, as: UTF8.self)
    }

    func trimmingSpaces() -> String { collapsingWhitespace() }
}
