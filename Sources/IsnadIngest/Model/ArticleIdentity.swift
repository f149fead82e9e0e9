import Foundation
import IsnadText

/// What makes an article itself: where it was published (its URL when the source gives one,
/// else its file and item) together with its text. The same text from two outlets is two
/// articles (copy detection then counts them as one independent source and lists both
/// outlets); the same file or URL with the same text is always the same article, so ingesting
/// it again stores nothing twice.
public enum ArticleIdentity {
    /// The place part of the identity: the URL without its fragment, or the absolute path with
    /// the item number (`/data/feed.jsonl#3`).
    public static func place(path: String, item: Int?, url: String?) -> String {
        if let url, var components = URLComponents(string: url.trimmingCharacters(in: .whitespaces)),
           let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty {
            components.fragment = nil
            components.scheme = scheme
            components.host = host.lowercased()
            if let text = components.string { return text }
        }
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        return item.map { "\(absolute)#\($0)" } ?? absolute
    }

    /// The article id: SHA-256 of the place and the original text.
    public static func id(place: String, original: String) -> String {
        ContentHash.sha256Hex(place + "\u{0}" + original)
    }
}
