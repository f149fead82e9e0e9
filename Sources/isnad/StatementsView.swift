import IsnadReport

/// The text view of who said what in a story: entities, then each statement with its stance,
/// speaker (the entity's name when resolved), cue, content and via chain.
enum StatementsView {
    static func print(_ story: ReportStory, articles: [String: String] = [:]) {
        guard !story.statements.isEmpty else { return }
        let names = Dictionary(story.entities.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let speaking = Set(story.statements.compactMap(\.speaker))
        let people = story.entities.filter { speaking.contains($0.id) }
            .map { "\($0.name) (\($0.type), \(Set($0.mentions.map(\.article)).count) articles)" }
        Swift.print("\nWho said what (\(story.statements.count) statements; speakers: \(people.joined(separator: "; "))):")
        for s in story.statements {
            let who = s.speaker.flatMap { names[$0] } ?? (s.speakerText.isEmpty ? "(unnamed)" : s.speakerText)
            let via = s.via.isEmpty ? "" : "  via " + s.via.joined(separator: " ← ")
            let article = articles[s.article] ?? s.article
            Swift.print("  \(article)  \(s.stance.padding(toLength: 6, withPad: " ", startingAt: 0)) \(who) · \(s.cue) · \(TextTable.clip(s.content, 80))\(via)\(s.copy ? "  (copy)" : "")  @\(s.start)-\(s.end)")
        }
    }
}
