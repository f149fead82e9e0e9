import IsnadText

/// A mention in one of a story's articles (articles numbered by the caller).
public struct ArticleMention: Sendable, Hashable, Codable {
    public var article: Int
    public var mention: EntityMention

    public init(article: Int, mention: EntityMention) {
        self.article = article
        self.mention = mention
    }
}

/// One referent of a story across its articles, languages and scripts, with a Latin name.
public struct StoryEntity: Sendable, Hashable, Codable {
    public var name: String
    public var type: EntityType
    public var mentions: [ArticleMention]
}

/// Groups the mentions of a story's articles into entities: the same name in any script and
/// spelling (ي/ی, ك/ک, ة/ه, hamza forms, with or without ال, Latin transliterations) compared
/// word by word as consonant classes; a surname alone joins the full name it ends; an
/// organization's shorter name joins the longer one it starts.
public enum EntityResolver {
    public static func resolve(_ claims: [ArticleClaims], names: (any NameResource)? = nil) -> [StoryEntity] {
        var all: [ArticleMention] = []
        var seen = Set<String>()
        for (article, item) in claims.enumerated() {
            for mention in item.mentions + item.statements.compactMap(\.speakerMention) {
                guard seen.insert("\(article):\(mention.span.start):\(mention.span.end)").inserted else { continue }
                all.append(ArticleMention(article: article, mention: mention))
            }
        }
        let keys = all.map { key(of: $0.mention.text) }
        let words = all.map { WordTokenizer.tokens(in: $0.mention.text).map(\.key) }
        var parent = Array(all.indices)
        func find(_ x: Int) -> Int { var x = x; while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }; return x }
        func union(_ a: Int, _ b: Int) { let x = find(a), y = find(b); if x != y { parent[max(x, y)] = min(x, y) } }
        func compatible(_ a: EntityType, _ b: EntityType) -> Bool { a == b || a == .other || b == .other }

        // The same place in any language (روسيا, روسیه, Russia: one English name).
        var byCanonical: [String: Int] = [:]
        for (i, m) in all.enumerated() where m.mention.type == .place {
            guard let name = m.mention.canonicalName else { continue }
            if let j = byCanonical[name] { union(i, j) } else { byCanonical[name] = i }
        }
        // The same name, word by word.
        var byKey: [[[UInt8]]: Int] = [:]
        for (i, key) in keys.enumerated() where key.joined().count >= 3 {
            if let j = byKey[key], compatible(all[i].mention.type, all[j].mention.type) { union(i, j) } else if byKey[key] == nil { byKey[key] = i }
        }
        // Full names with one surname and first names that end alike (فلاديمير / ولادیمیر: the
        // first letter is where transliterations differ most).
        for i in all.indices where all[i].mention.type == .person && keys[i].count >= 2 {
            for j in all.indices where j > i && all[j].mention.type == .person && keys[j].count == keys[i].count {
                guard let a = keys[i].last, a.count >= 3, a == keys[j].last,
                      keys[i][0].suffix(2) == keys[j][0].suffix(2), keys[i][0].count >= 2 else { continue }
                union(i, j)
            }
        }
        // A surname alone joins the one full name it ends; an organization's shorter name the
        // longer one it starts.
        for (i, key) in keys.enumerated() where !key.isEmpty {
            var targets = Set<Int>()
            for (j, other) in keys.enumerated() where j != i && other.count > key.count {
                if key.count == 1, all[i].mention.type != .organization, all[j].mention.type == .person,
                   (other.last == key.first && key[0].count >= 3) || (words[i].count == 1 && words[j].last == words[i].first) {
                    targets.insert(find(j))
                } else if key.count >= 2, all[j].mention.type == .organization, compatible(all[i].mention.type, .organization),
                          Array(other.prefix(key.count)) == key {
                    targets.insert(find(j))
                }
            }
            if targets.count == 1, let target = targets.first { union(i, target) }
        }
        var groups: [Int: [Int]] = [:]
        for i in all.indices { groups[find(i), default: []].append(i) }
        return groups.keys.sorted().compactMap { root in
            guard let members = groups[root] else { return nil }
            let mentions = members.map { all[$0] }
            let types = mentions.map(\.mention.type)
            let type: EntityType = types.contains(.place) && !types.contains(.person) ? .place : types.contains(.person) ? .person
                : types.contains(.organization) ? .organization : .other
            return StoryEntity(name: name(of: mentions.map(\.mention), type: type, names: names), type: type, mentions: mentions)
        }
    }

    /// A name's words as consonant classes, without articles (ال, al-, the) and joined "و".
    static func key(of text: String) -> [[UInt8]] {
        WordTokenizer.tokens(in: text).compactMap { token -> [UInt8]? in
            if ["al", "el", "the", "و"].contains(token.key) { return nil }
            var key = token.key
            if key.hasPrefix("و"), key.unicodeScalars.count >= 5, MatchingKey.withoutArticle(String(key.dropFirst())) != nil {
                key = String(key.dropFirst())
            }
            let classes = NameKeys.classes(ofKey: key)
            return classes.isEmpty ? nil : classes
        }
    }

    /// The Latin name: the most frequent Latin-script spelling, else the longest spelling
    /// romanized (by the names table when there is one).
    /// The entity's Latin name: a place's English name; else the most frequent Latin-script
    /// spelling in the text; else the Latin spelling given at extraction; else the longest
    /// spelling romanized now.
    static func name(of mentions: [EntityMention], type: EntityType, names: (any NameResource)?) -> String {
        func mostFrequent(_ values: [String]) -> String? {
            Dictionary(grouping: values, by: { $0 }).max { $0.value.count < $1.value.count || ($0.value.count == $1.value.count && $0.key > $1.key) }?.key
        }
        let canonical = mostFrequent(mentions.compactMap(\.canonicalName))
        if type == .place, let canonical { return canonical }
        let texts = mentions.map(\.text)
        if texts.contains(where: { $0.unicodeScalars.first.map { Script.of($0) == .latin } == true }) { return name(of: texts, names: names) }
        return canonical ?? name(of: texts, names: names)
    }

    static func name(of texts: [String], names: (any NameResource)?) -> String {
        var counts: [String: Int] = [:]
        for text in texts where text.unicodeScalars.first.map({ Script.of($0) == .latin }) == true { counts[text, default: 0] += 1 }
        if let best = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }) { return best.key }
        let longest = texts.max { $0.unicodeScalars.count < $1.unicodeScalars.count || ($0.unicodeScalars.count == $1.unicodeScalars.count && $0 > $1) } ?? ""
        let words = WordTokenizer.tokens(in: longest).map(\.text)
        return names?.romanize(words) ?? longest
    }
}
