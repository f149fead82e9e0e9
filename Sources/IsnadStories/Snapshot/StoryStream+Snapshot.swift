import IsnadText
import Foundation

/// The story stream's state, persisted between ingests so that the next ingest places only its
/// new articles: the running statistics (language-pair backgrounds, language means, term
/// counts), the open stories with their centroids and term tables, the term index, and the copy
/// detector's window. Stories closed and articles outside the copy window are not part of it:
/// nothing about them can change the next assignment.
extension StoryStream {
    /// Bumped whenever the layout or the meaning of the state changes; an older state is then
    /// rebuilt by a full replay.
    public static let snapshotVersion = 4

    /// The state as bytes. The term-count sketch is kept apart (``termCounts``,
    /// ``useTermCounts(_:)``) unless `includingCounts`: a store saves only the counters an
    /// ingest changed.
    public func snapshot(includingCounts: Bool = true) -> Data {
        var writer = SnapshotWriter()
        writer.string("isnad-story-stream")
        writer.int(Self.snapshotVersion)
        writer.bool(includingCounts)
        if includingCounts { clusterer.documentFrequency.write(to: &writer) }
        clusterer.write(to: &writer, includingTermIndex: includingCounts)
        writer.int(copies.count)
        writer.int(copies.firstKept)
        return writer.data
    }

    /// A stream continuing from a state written by ``snapshot()``.
    public init(snapshot data: Data, options: ClusteringOptions = ClusteringOptions()) throws(SnapshotError) {
        var reader = SnapshotReader(data)
        guard try reader.string("magic") == "isnad-story-stream" else { throw SnapshotError(offset: 0, message: "not a story engine state") }
        let version = try reader.int("version")
        guard version == Self.snapshotVersion else {
            throw SnapshotError(offset: reader.offset, message: "written by another version of Isnad (state version \(version), this one reads \(Self.snapshotVersion))")
        }
        self.init(options: options)
        if try reader.bool("counts flag") {
            clusterer.documentFrequency = try TermCounts(from: &reader)
        } else {
            clusterer.documentFrequency = TermCounts(partial: [:])
        }
        try clusterer.read(from: &reader)
        let count = try reader.int("copy detector length"), firstKept = try reader.int("copy window start")
        guard count >= firstKept, firstKept >= 0 else { throw SnapshotError(offset: reader.offset, message: "copy window \(firstKept)..<\(count)") }
        copies = CopyDetector(continuing: count, firstKept: firstKept, candidates: [])
        guard clusterer.articleCount == copies.count else {
            throw SnapshotError(offset: reader.offset, message: "clusterer and copy detector disagree on the stream length")
        }
    }
}

extension StoryClusterer {
    func write(to writer: inout SnapshotWriter, includingTermIndex: Bool) {
        calibration.write(to: &writer)
        means.write(to: &writer)
        writer.int(documents)
        writer.array(familyDocuments.map(Int64.init))
        writer.optionalInt(latestDay)
        writer.int(latestOrder)
        writer.int(nextStoryID)
        writer.int(articleCount)
        writer.array(parent.keys.sorted().map(Int64.init))
        writer.array(parent.keys.sorted().map { Int64(parent[$0] ?? $0) })
        writer.array(open)
        // Open stories only: a closed story can change the next assignment only when a copy of
        // one of its articles reopens it, and the store then tells the stream about it.
        let saved = open.compactMap { stories[Int($0)] }
        writer.int(saved.count)
        for story in saved { story.write(to: &writer) }
        writer.bool(includingTermIndex)
        writer.int(includingTermIndex ? termIndex.count : 0)
        for (term, list) in termIndex where includingTermIndex {
            writer.fixed(term)
            writer.array(list)
        }
    }

    mutating func read(from reader: inout SnapshotReader) throws(SnapshotError) {
        calibration = try LanguagePairCalibration(from: &reader)
        try means.read(from: &reader)
        documents = try reader.int("documents")
        familyDocuments = try reader.array(Int64.self, "family documents").map(Int.init)
        latestDay = try reader.optionalInt("latest day")
        latestOrder = try reader.int("latest order")
        nextStoryID = try reader.int("next story id")
        articleBase = try reader.int("article count")
        articleStory = []
        let from = try reader.array(Int64.self, "merged stories"), to = try reader.array(Int64.self, "merge targets")
        guard from.count == to.count else { throw SnapshotError(offset: reader.offset, message: "merge table") }
        parent = Dictionary(uniqueKeysWithValues: zip(from.map(Int.init), to.map(Int.init)))
        open = try reader.array(Int32.self, "open stories")
        stories = StoryTable()
        for _ in 0..<(try reader.count("stories", elementSize: 16)) {
            stories.insert(try StoryState(from: &reader))
        }
        termIndex = [:]
        termIndexLoaded = try reader.bool("term index flag") ? nil : []
        termIndexTouched = []
        for _ in 0..<(try reader.count("term index", elementSize: 16)) {
            let term = try reader.fixed(UInt64.self, "term")
            termIndex[term] = try reader.array(Int32.self, "term stories")
        }
    }
}

extension StoryStream {
    /// The term-count slots the given articles read and write (their terms, numbers and names).
    public static func termCountSlots(for articles: [StoryArticle]) -> Set<Int> {
        var slots = Set<Int>()
        func add(_ key: UInt64) {
            let (a, b) = TermCounts.slotNumbers(of: key)
            slots.insert(a)
            slots.insert(b)
        }
        for article in articles {
            for term in article.terms { add(term) }
            for number in article.numbers { add(number) }
            for key in article.nameKeys {
                for family in NameKeys.Family.allCases { add(NameKeys.skeleton(of: key) ^ family.salt) }
            }
        }
        return slots
    }

    /// Gives a stream continued from a snapshot without counts the counters it will need
    /// (absent slots are zero), or, with `complete`, the whole sketch.
    public mutating func useTermCounts(_ values: [Int: UInt32], complete: Bool = false) {
        if complete {
            var counts = TermCounts()
            for (slot, count) in values where slot >= 0 && slot < 2 * TermCounts.width {
                counts.rows[slot / TermCounts.width][slot % TermCounts.width] = count
            }
            clusterer.documentFrequency = counts
        } else {
            clusterer.documentFrequency = TermCounts(partial: values)
        }
    }

    /// Gives a stream continued from a snapshot without its term index the entries of the
    /// terms its coming articles have (the only ones it reads); `entries` maps a term to its
    /// stories, oldest first.
    public mutating func useTermIndex(_ entries: [UInt64: [Int32]], for terms: Set<UInt64>) {
        clusterer.termIndex = entries
        clusterer.termIndexLoaded = terms
        clusterer.termIndexTouched = []
    }

    /// The terms of the given articles (whose index entries a continued stream needs).
    public static func indexTerms(for articles: [StoryArticle]) -> Set<UInt64> {
        var terms = Set<UInt64>()
        for article in articles { terms.formUnion(article.terms) }
        return terms
    }

    /// Term index entries to store: with `complete`, every entry of a stream built from scratch
    /// (stories no longer open left out); else the entries a continued stream changed, each
    /// either whole (`loaded`: it was read from the store) or as stories to append.
    public var termIndexChanges: (entries: [(term: UInt64, stories: [Int32], loaded: Bool)], complete: Bool) {
        let clusterer = self.clusterer
        func live(_ list: [Int32]) -> [Int32] { list.filter { clusterer.isLive(Int($0)) } }
        guard let loaded = clusterer.termIndexLoaded else {
            return (clusterer.termIndex.compactMap { term, list in
                let kept = live(list)
                return kept.isEmpty ? nil : (term, kept, true)
            }, true)
        }
        return (clusterer.termIndexTouched.sorted().map { term in
            (term, loaded.contains(term) ? live(clusterer.termIndex[term] ?? []) : (clusterer.termIndex[term] ?? []), loaded.contains(term))
        }, false)
    }

    /// Term counters to store: the changed ones of a continued stream, all non-zero ones of a
    /// stream built from scratch.
    public var termCounts: (changed: [(slot: Int, count: UInt32)], complete: Bool) {
        (clusterer.documentFrequency.changed, clusterer.documentFrequency.partial == nil)
    }
}

extension TermCounts {
    func write(to writer: inout SnapshotWriter) {
        for row in rows { writer.array(row) }
    }

    init(from reader: inout SnapshotReader) throws(SnapshotError) {
        self.init()
        for index in rows.indices {
            let row = try reader.array(UInt32.self, "term counts")
            guard row.count == Self.width else { throw SnapshotError(offset: reader.offset, message: "term count table of \(row.count) slots") }
            rows[index] = row
        }
    }
}

extension LanguagePairCalibration {
    func write(to writer: inout SnapshotWriter) {
        writer.int(pairs.count)
        for (key, moments) in pairs.sorted(by: { $0.key < $1.key }) {
            writer.string(key)
            writer.double(moments.weight)
            writer.double(moments.mean)
            writer.double(moments.squares)
        }
    }

    init(from reader: inout SnapshotReader) throws(SnapshotError) {
        self.init()
        for _ in 0..<(try reader.count("language pairs", elementSize: 32)) {
            let key = try reader.string("language pair")
            pairs[key] = Moments(weight: try reader.double("weight"), mean: try reader.double("mean"), squares: try reader.double("squares"))
        }
    }
}

extension LanguageMeans {
    func write(to writer: inout SnapshotWriter) {
        writer.int(sums.count)
        for (language, sum) in sums.sorted(by: { $0.key < $1.key }) {
            writer.string(language)
            writer.doubles(sum)
            writer.double(counts[language] ?? 0)
        }
    }

    mutating func read(from reader: inout SnapshotReader) throws(SnapshotError) {
        sums = [:]
        counts = [:]
        for _ in 0..<(try reader.count("language means", elementSize: 24)) {
            let language = try reader.string("language")
            sums[language] = try reader.doubles("language sum")
            counts[language] = try reader.double("language count")
        }
    }
}
