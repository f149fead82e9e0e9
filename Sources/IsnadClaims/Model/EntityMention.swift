import IsnadText

/// What kind of thing an entity is (the story report's `type`).
public enum EntityType: String, Sendable, Codable, CaseIterable {
    case person, organization, place, other
}

/// One place where an article names a person, organization or place: the exact span of the
/// decoded original (`text == original[start..<end]`, Unicode scalars), with the title or role
/// the text gives a person beside it (اللواء, المتحدث باسم …, سخنگوی, spokesman for).
public struct EntityMention: Sendable, Hashable, Codable {
    public var text: String
    public var span: TextSpan
    public var type: EntityType
    /// The title or role written with the name, when the text gives one.
    public var title: String?
    /// Where that title is in the original.
    public var titleSpan: TextSpan?
    /// A Latin name a resource gave the mention (a place's English name), used as the entity's.
    public var canonicalName: String?

    public init(text: String, span: TextSpan, type: EntityType, title: String? = nil, titleSpan: TextSpan? = nil) {
        self.text = text
        self.span = span
        self.type = type
        self.title = title
        self.titleSpan = titleSpan
    }
}
