import Foundation
import IsnadText

extension StoryClusterer {
    /// Scores the candidate stories of an article, best first; `centered` is its vector centered
    /// on its language's mean (``centeredVector(_:_:)``), computed once per article by the caller.
    mutating func candidates(for article: StoryArticle, centered: [Float]?,
                             weights: [(term: UInt64, weight: Double)]) -> [Decision.Evidence] {
        var pool = Set<Int>()
        // Term index: stories sharing the article's rarest terms (names, places, unusual words).
        let rare = weights.filter { $0.weight > 0 }.sorted { $0.weight > $1.weight }.prefix(options.lookupTerms)
        for (term, _) in rare {
            // The 64 latest stories of the term that are still open (stories closed or merged
            // away since are skipped — a merge adds the surviving story to the entry — so
            // pruning the index never changes the candidates).
            var taken = 0
            for id in (termIndex[term] ?? []).reversed() {
                let story = Int(id)
                guard stories.isOpen(story) else { continue }
                pool.insert(story)
                taken += 1
                if taken == 64 { break }
            }
        }
        // Centroid index: the open stories of the time window, closest first.
        var byCosine: [(story: Int, cosine: Float)] = []
        if let vector = article.embedding {
            // A story merged away is closed (no centroid) until the window drops it.
            byCosine = Self.rankedByCosine(stories.cosines(to: vector, of: open))
            if let centered { observeBackground(article, centered, byCosine) }
        }
        if case .cosineThreshold(let threshold) = options.mode {
            guard let best = byCosine.first else { return [] }
            return [Decision.Evidence(story: best.story, cosine: best.cosine, languagePair: "", backgroundMean: 0,
                                      backgroundDeviation: 0, termShare: 0, numberShare: 0, dayGap: nil,
                                      score: Double(best.cosine - threshold))]
        }
        for entry in byCosine.prefix(options.fullCandidates) { pool.insert(entry.story) }
        var scored: [Decision.Evidence] = []
        let numbers = article.numbers.map { (number: $0, weight: numberWeight($0)) }
        for story in pool {
            let cosine = centered.flatMap { centeredCosine($0, story) }
            guard let scoredStory = stories.read(story, { evidence(story, $0, article, weights, numbers, cosine: cosine) }) else { continue }
            scored.append(scoredStory)
        }
        scored.sort { $0.score > $1.score || ($0.score == $1.score && $0.story < $1.story) }
        return scored
    }

    /// Stories by cosine, highest first; equal cosines keep their order. Sorts integer keys
    /// (cosine bits made order-preserving, then position): the ranking of every open story is
    /// done for every article, and comparing tuples through a closure was a tenth of clustering.
    static func rankedByCosine(_ list: [(story: Int, cosine: Float)]) -> [(story: Int, cosine: Float)] {
        guard list.count > 1, list.count <= Int(UInt32.max) else { return list }
        var keys = [UInt64]()
        keys.reserveCapacity(list.count)
        for (position, entry) in list.enumerated() {
            let bits = entry.cosine.bitPattern
            let ascending = bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
            keys.append(UInt64(~ascending) << 32 | UInt64(position))
        }
        keys.sort()
        return keys.map { list[Int($0 & 0xFFFF_FFFF)] }
    }

    /// Feeds the calibration with cosines to stories the article is unlikely to belong to: an
    /// even sample of the ranking below its top three.
    private mutating func observeBackground(_ article: StoryArticle, _ centered: [Float], _ ranking: [(story: Int, cosine: Float)]) {
        guard ranking.count > 4 else { return }
        let rest = ranking.count - 3, samples = min(12, rest)
        for k in 0..<samples {
            let story = ranking[3 + k * rest / samples].story
            guard let cosine = centeredCosine(centered, story) else { continue }
            guard let language = stories.read(story, { $0.dominantLanguage }) else { continue }
            calibration.observeBackground(article.language, language, cosine: cosine)
        }
    }

    mutating func languageMean(_ language: String, dimension: Int) -> [Float] {
        if let known = meanCache[language] { return known }
        let mean = means.mean(language, dimension: dimension)
        meanCache[language] = mean
        return mean
    }

    /// The article's vector minus its language's mean, unit length.
    mutating func centeredVector(_ vector: [Float], _ language: String) -> [Float] {
        let mean = languageMean(language, dimension: vector.count)
        var result = vector
        var norm: Float = 0
        for i in result.indices { result[i] -= mean[i]; norm += result[i] * result[i] }
        let scale = 1 / max(norm.squareRoot(), 1e-12)
        for i in result.indices { result[i] *= scale }
        return result
    }

    /// Cosine between a centered article vector and the story's mean vector centered on its
    /// members' language means.
    mutating func centeredCosine(_ centered: [Float], _ story: Int) -> Float? {
        guard let (sum, languages) = stories.read(story, { ($0.centroidSum, $0.vectorLanguages) }), let sum else { return nil }
        let count = Float(languages.values.reduce(0, +))
        guard count > 0 else { return nil }
        // mean = sum / count − Σ share(language) · mean(language), taken on the fly.
        let parts = languages.map { (share: Float($0.value) / count, mean: languageMean($0.key, dimension: sum.count)) }
        var dotProduct: Float = 0, norm: Float = 0
        let inverse = 1 / count
        sum.withUnsafeBufferPointer { s in
            centered.withUnsafeBufferPointer { c in
                if parts.count == 1 {
                    parts[0].mean.withUnsafeBufferPointer { m in
                        for i in 0..<min(s.count, c.count) {
                            let value = s[i] * inverse - m[i]
                            dotProduct += value * c[i]
                            norm += value * value
                        }
                    }
                } else {
                    for i in 0..<min(s.count, c.count) {
                        var value = s[i] * inverse
                        for part in parts { value -= part.share * part.mean[i] }
                        dotProduct += value * c[i]
                        norm += value * value
                    }
                }
            }
        }
        return dotProduct / max(norm.squareRoot(), 1e-12)
    }

    private func evidence(_ story: Int, _ state: StoryState, _ article: StoryArticle, _ weights: [(term: UInt64, weight: Double)],
                          _ numbers: [(number: UInt64, weight: Double)], cosine: Float?) -> Decision.Evidence {
        // A term counts by the share of the story's articles that have it, so a growing story's
        // vocabulary does not make everything look related.
        var have = 0.0, total = 0.0
        let size = Double(max(1, state.memberCount))
        for (term, weight) in weights where weight > 0 {
            total += weight
            if let count = state.terms[term] { have += weight * min(1, 2 * Double(count) / size) }
        }
        let termShare = total > 0 ? have / total : 0
        // Numbers are written the same in every language (once digits are folded), so they carry
        // evidence across scripts: the rarity-weighted share of the article's numbers the story has.
        var numberHave = 0.0, numberTotal = 0.0
        for (number, weight) in numbers {
            numberTotal += weight
            if state.numbers.contains(number) { numberHave += weight }
        }
        let numberShare = numberTotal > 0 ? numberHave / numberTotal : 0
        var nameShare: Double?
        var gap: Int?
        if let day = article.day, let first = state.firstDay, let last = state.lastDay {
            gap = max(0, first - day, day - last)
        }
        let penalty = options.dayPenalty * Double(max(0, (gap ?? 0) - 1))
        let language = state.dominantLanguage
        let background = calibration.background(article.language, language)
        var score: Double
        if let cosine {
            let z = (Double(cosine) - background.mean) / background.deviation
            score = z + options.termWeight * termShare + options.numberWeight * numberShare - penalty
            if z >= options.nameMinimumSpreads, let names = self.nameShare(article, state) {
                nameShare = names
                score += options.nameWeight * names
            }
        } else {
            score = options.lexicalOnlyWeight * termShare + options.numberWeight * numberShare - penalty
        }
        return Decision.Evidence(story: story, cosine: cosine, languagePair: LanguagePairCalibration.key(article.language, language),
                                 backgroundMean: background.mean, backgroundDeviation: background.deviation,
                                 termShare: termShare, numberShare: numberShare, nameShare: nameShare, dayGap: gap, score: score)
    }

    /// Names the article shares with the story's articles written in other scripts (`Beirut` in
    /// an English report, `بيروت` in an Arabic one), each weighted by its rarity in both scripts;
    /// nil when the story has no article in another script. Words do not match across scripts, so
    /// without this a cross-script pair has only the cosine and the numbers.
    func nameShare(_ article: StoryArticle, _ state: StoryState) -> Double? {
        var families: UInt8 = 0
        for key in article.nameKeys { families |= NameKeys.family(ofKey: key).bit }
        let all = families | state.nameFamilies
        guard families != 0, all & (all - 1) != 0 else { return nil } // one script between them
        var matched = 0.0, names = 0
        for key in article.nameKeys {
            let own = NameKeys.family(ofKey: key).bit, skeleton = NameKeys.skeleton(of: key)
            guard let bits = state.nameKeys[skeleton], bits & ~own != 0 else { continue }
            var weight = nameRarity(skeleton, NameKeys.family(ofKey: key))
            for family in NameKeys.Family.allCases where bits & ~own & family.bit != 0 {
                weight = min(weight, nameRarity(skeleton, family))
            }
            if weight > 0 { matched += weight; names += 1 }
        }
        // One shared key is as likely a collision of unrelated words as a name.
        return names >= options.nameMinimumMatches ? min(1, matched / options.nameSaturation) : 0
    }

    /// Rarity weight of a name skeleton among the articles written in one family (0 when common).
    func nameRarity(_ skeleton: UInt64, _ family: NameKeys.Family) -> Double {
        rarity(documentFrequency[skeleton ^ family.salt], among: familyDocuments[family.rawValue])
    }
}

extension StoryClusterer {
    /// Rarity of a number across the articles seen (0 when most articles have it).
    func numberWeight(_ number: UInt64) -> Double { rarity(documentFrequency[number], among: documents) }
}

/// Dot product, eight lanes at a time (the centroid scan is the hot loop of clustering).
@inline(__always)
func dot(_ a: [Float], _ b: [Float]) -> Float {
    a.withUnsafeBytes { x in b.withUnsafeBytes { y in dot(x, y, count: min(a.count, b.count)) } }
}

/// Dot product of the first `count` floats of two buffers.
@inline(__always)
func dot(_ x: UnsafeRawBufferPointer, _ y: UnsafeRawBufferPointer, count: Int) -> Float {
    var lanes = SIMD8<Float>(repeating: 0), i = 0
    while i + 8 <= count {
        lanes += x.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            * y.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
        i += 8
    }
    var sum = lanes.sum()
    while i < count {
        sum += x.load(fromByteOffset: i * 4, as: Float.self) * y.load(fromByteOffset: i * 4, as: Float.self)
        i += 1
    }
    return sum
}
