import Foundation
import IsnadText

/// Page metadata read from `<head>` and structured data: title, outlet, date, URL, language.
struct HTMLMetadata {
    var metas: [String: String] = [:]
    var titleTag: String?
    var firstH1: String?
    var firstTime: String?
    var canonical: String?
    var htmlLang: String?
    var jsonLD: [String] = []

    /// Elements that carry metadata.
    static let interesting: Set<String> = ["meta", "title", "h1", "time", "link", "html", "script"]

    /// Records an element's metadata attributes (names lowercased).
    mutating func observe(tag: String, attributes: [String: String]) {
        switch tag {
        case "meta":
            let key = (attributes["property"] ?? attributes["name"] ?? attributes["itemprop"])?.lowercased()
            if let key, let content = attributes["content"]?.collapsingWhitespace(), !content.isEmpty, metas[key] == nil {
                metas[key] = content
            }
        case "time":
            if firstTime == nil, let datetime = attributes["datetime"] { firstTime = datetime }
        case "link":
            if attributes["rel"]?.lowercased() == "canonical" { canonical = attributes["href"] }
        case "html":
            htmlLang = attributes["lang"]
        default:
            break
        }
    }

    /// Records the text of a title, heading, time or JSON-LD element.
    mutating func observeText(tag: String, text: String) {
        switch tag {
        case "title": if titleTag == nil { titleTag = text.collapsingWhitespace() }
        case "h1": if firstH1 == nil { firstH1 = text.collapsingWhitespace() }
        case "time": if firstTime == nil { firstTime = text }
        case "script": jsonLD.append(text)
        default: break
        }
    }

    var outlet: String? {
        if let site = metas["og:site_name"] ?? metas["application-name"] ?? metas["twitter:site"].map({ $0.hasPrefix("@") ? String($0.dropFirst()) : $0 }) {
            return site
        }
        if let name = jsonLDValue(path: ["publisher", "name"]) { return name }
        if let url = url, let host = URL(string: url)?.host {
            return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
        }
        return nil
    }

    var url: String? { metas["og:url"] ?? canonical }

    var title: String? {
        if let og = metas["og:title"] ?? metas["twitter:title"], !og.isEmpty { return og }
        if let headline = jsonLDValue(path: ["headline"]) { return headline }
        if let tag = titleTag, !tag.isEmpty { return stripSiteSuffix(tag) }
        return firstH1
    }

    var published: String? {
        publishedCandidates.lazy.compactMap(DateParser.normalize).first
    }

    /// Every publication date the page gives, as written, most trusted first: meta tags,
    /// JSON-LD `datePublished`, the first `<time>`.
    var publishedCandidates: [String] {
        let keys = ["article:published_time", "og:article:published_time", "datepublished", "pubdate", "publishdate",
                    "publish-date", "date", "dc.date.issued", "dc.date", "dcterms.date", "dcterms.created",
                    "parsely-pub-date", "sailthru.date", "article.published", "published_time", "og:published_time",
                    "article:modified_time"]
        var values = keys.compactMap { metas[$0] }
        if let value = jsonLDValue(path: ["datePublished"]) { values.append(value) }
        if let time = firstTime { values.append(time) }
        return values
    }

    var language: String? {
        if let lang = htmlLang ?? metas["og:locale"] ?? metas["content-language"] {
            let code = lang.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init)
            return code.flatMap { $0.isEmpty ? nil : $0 }
        }
        return nil
    }

    /// Removes a trailing " | Site" / " - Site" from a `<title>`.
    func stripSiteSuffix(_ title: String) -> String {
        for separator in [" | ", " - ", " – ", " — ", " :: ", " « "] {
            if let range = title.range(of: separator, options: .backwards) {
                let head = String(title[..<range.lowerBound])
                if head.count >= 15 { return head }
            }
        }
        return title
    }

    /// A string value from JSON-LD blocks, following object keys (first match wins).
    func jsonLDValue(path: [String]) -> String? {
        for block in jsonLD {
            guard let data = block.data(using: .utf8),
                  let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { continue }
            if let value = Self.find(path, in: json) { return value }
        }
        return nil
    }

    static func find(_ path: [String], in json: Any) -> String? {
        if let array = json as? [Any] {
            for item in array { if let v = find(path, in: item) { return v } }
            return nil
        }
        guard let object = json as? [String: Any] else { return nil }
        if let graph = object["@graph"], let v = find(path, in: graph) { return v }
        var current: Any = object
        for key in path {
            guard let dict = current as? [String: Any], let next = dict[key] else { return nil }
            current = (next as? [Any])?.first ?? next
        }
        if let s = current as? String, !s.isEmpty { return s.collapsingWhitespace() }
        return nil
    }
}
