import IsnadIngest
import IsnadText

/// What of an article who-said-what reads: its title (when it comes from the text) and its kept
/// paragraphs, as spans of the original, in order.
public enum ClaimsInput {
    public static func spans(of article: Article) -> [TextSpan] {
        var spans = article.paragraphs
        if let title = article.titleSpan, !spans.contains(where: { $0.start < title.end && title.start < $0.end }) {
            spans.insert(title, at: 0)
        }
        return spans.sorted { $0.start < $1.start }
    }
}
