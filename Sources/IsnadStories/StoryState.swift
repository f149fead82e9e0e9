import IsnadText

/// A story while it is open for new articles: members, centroid and the terms and numbers its
/// articles share. Closed stories (outside the time window) drop their term tables.
struct StoryState: Sendable {
    var id: Int
    /// Articles in the story (its members live in the stream and the store; only the count
    /// weighs evidence).
    var memberCount = 0
    var centroidSum: [Float]?
    var centroid: [Float]?       // unit-length centroidSum, cached
    var terms: [UInt64: Int32] = [:]
    var numbers: Set<UInt64> = []
    /// Name-key skeletons of the members, each with the families (bits) it was written in.
    var nameKeys: [UInt64: UInt8] = [:]
    /// Families (bits) the members' name keys were written in.
    var nameFamilies: UInt8 = 0
    var firstDay: Int?, lastDay: Int?
    var lastOrder: Int = 0
    var languages: [String: Int32] = [:]
    /// Languages of the members that have vectors (to center the centroid).
    var vectorLanguages: [String: Int32] = [:]
    var open = true

    init(id: Int) { self.id = id }

    var dominantLanguage: String {
        languages.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key ?? "und"
    }

    mutating func add(_ article: StoryArticle) {
        memberCount += 1
        if let vector = article.embedding {
            if centroidSum == nil { centroidSum = [Float](repeating: 0, count: vector.count) }
            for i in vector.indices { centroidSum?[i] += vector[i] }
            vectorLanguages[article.language, default: 0] += 1
            refreshCentroid()
        }
        for term in article.terms { terms[term, default: 0] += 1 }
        numbers.formUnion(article.numbers)
        for key in article.nameKeys {
            let bit = NameKeys.family(ofKey: key).bit
            nameKeys[NameKeys.skeleton(of: key), default: 0] |= bit
            nameFamilies |= bit
        }
        if let day = article.day {
            firstDay = min(firstDay ?? day, day)
            lastDay = max(lastDay ?? day, day)
        }
        lastOrder = max(lastOrder, article.order)
        languages[article.language, default: 0] += 1
    }

    mutating func absorb(_ other: StoryState) {
        memberCount += other.memberCount
        if let sum = other.centroidSum {
            if centroidSum == nil { centroidSum = sum } else { for i in sum.indices { centroidSum?[i] += sum[i] } }
            refreshCentroid()
        }
        for (term, count) in other.terms { terms[term, default: 0] += count }
        numbers.formUnion(other.numbers)
        for (key, bits) in other.nameKeys { nameKeys[key, default: 0] |= bits }
        nameFamilies |= other.nameFamilies
        if let day = other.firstDay { firstDay = min(firstDay ?? day, day) }
        if let day = other.lastDay { lastDay = max(lastDay ?? day, day) }
        lastOrder = max(lastOrder, other.lastOrder)
        for (language, count) in other.languages { languages[language, default: 0] += count }
        for (language, count) in other.vectorLanguages { vectorLanguages[language, default: 0] += count }
    }

    mutating func refreshCentroid() {
        guard let sum = centroidSum else { return }
        var norm: Float = 0
        for value in sum { norm += value * value }
        let scale = 1 / max(norm.squareRoot(), 1e-12)
        if centroid?.count != sum.count { centroid = [Float](repeating: 0, count: sum.count) }
        for i in sum.indices { centroid?[i] = sum[i] * scale }
    }

    /// Frees what only open stories need (a closed story is never a candidate again; a late
    /// copy of one of its articles restarts its centroid from the copy).
    mutating func close() {
        open = false
        terms = [:]
        numbers = []
        nameKeys = [:]
        centroid = nil
        centroidSum = nil
        vectorLanguages = [:]
    }
}
