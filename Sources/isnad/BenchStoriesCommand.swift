import ArgumentParser
import Foundation
import IsnadEvaluation
import IsnadEncoder
import IsnadIngest
import IsnadStories

struct BenchStoriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stories",
        abstract: "Story assignment speed on a long synthetic stream (vectors cached), and its flatness.",
        discussion: """
            Builds a pool of real articles from the SemEval and WikinewsSum files in ../shared (their \
            vectors come from the cache, computed once), then streams --count articles drawn from \
            it with dates shifted forward (--per-day articles a day; each re-use gets a perturbed \
            vector and fingerprint, so it is a new article, not a copy). Prints the overall \
            assignment rate and the time per article around 10,000 and at the end of the stream.
            """)

    @Option(help: "Articles in the stream.")
    var count: Int = 200_000

    @Option(help: "Articles per day.")
    var perDay: Int = 300

    @OptionGroup var encoder: EncoderOptions

    func validate() throws {
        try OptionRules.check(count, "--count", OptionRules.count, unit: "articles")
        try OptionRules.check(perDay, "--per-day", OptionRules.count, unit: "articles")
    }

    func run() throws {
        let pool = try BenchPool.load(encoder: encoder)
        var random = SplitMix(seed: 20_180_311)
        var stream = StoryStream()
        var marks: [Int: Double] = [:]
        let start = Date()
        var blockStart = Date()
        let block = 5_000
        for k in 0..<count {
            let article = BenchPool.article(k, from: pool, perDay: perDay, random: &random)
            _ = stream.add(article)
            if (k + 1) % block == 0 {
                marks[k + 1] = Date().timeIntervalSince(blockStart) / Double(block)
                blockStart = Date()
            }
        }
        let total = Date().timeIntervalSince(start)
        // Median of the three 5,000-article blocks ending at 10,000 + 5,000k and of the last three:
        // single blocks are at the mercy of this machine's neighbours.
        func median(_ ends: [Int]) -> Double {
            let values = ends.compactMap { marks[$0] }.sorted()
            return values.isEmpty ? 0 : values[values.count / 2]
        }
        let early = median([10_000, 15_000, 20_000])
        let late = median([count - 2 * block, count - block, count])
        print(String(format: "stories-assign  %.0f  articles/s  (%d articles, %d pool, %d a day; %d open stories at the end)",
                     Double(count) / total, count, pool.count, perDay, stream.clusterer.openStoryCount))
        print(String(format: "stories-per-article  %.3f  ms at %d  vs %.3f ms at 10000  (ratio %.2f; target <= 1.5; medians of three 5,000-article blocks)",
                     late * 1000, count, early * 1000, early > 0 ? late / early : 0))
    }
}

extension SplitMix {
    /// A standard normal draw (Box–Muller).
    mutating func gaussian() -> Float {
        let u = max(Double(next() >> 11) / Double(1 << 53), 1e-12), v = Double(next() >> 11) / Double(1 << 53)
        return Float((-2 * log(u)).squareRoot() * cos(2 * Double.pi * v))
    }
}

/// Real articles with cached vectors (SemEval and WikinewsSum texts of ../shared), drawn again
/// and again with dates moved forward to make a long stream; a re-used article gets a perturbed
/// vector and fingerprint, so it is a new article, not a copy.
enum BenchPool {
    static func load(encoder: EncoderOptions) throws -> [StoryArticle] {
        var items = try ClusterDatasets.semeval().items + ClusterDatasets.wikinews()
        items = items.filter { $0.text.split(separator: " ").count >= 40 }
        let model = try encoder.load()
        var embedder = StoryEmbedder.withDefaultCache(encoder: model)
        var vectors: [StoryEmbedder.Result] = []
        for chunk in stride(from: 0, to: items.count, by: 256) {
            let slice = items[chunk..<min(items.count, chunk + 256)]
            do { vectors += try embedder.embed(slice.map { ($0.title, $0.text) }) } catch { throw CommandFailure(description: "\(error)") }
            try embedder.cache?.save()
        }
        return items.enumerated().map { index, item in
            StoryArticle(id: item.id, language: item.language, outlet: nil, title: item.title, published: nil, order: index,
                         embedding: vectors[index].vector, text: item.title.isEmpty ? item.text : item.title + "\n" + item.text)
        }
    }

    /// The `k`th article of the stream: pool article `k mod count`, on day 17,000 + k / perDay.
    static func article(_ k: Int, from pool: [StoryArticle], perDay: Int, random: inout SplitMix) -> StoryArticle {
        var article = pool[k % pool.count]
        let reuse = k / pool.count
        article.id = "bench-\(k)"
        article.order = k
        article.day = 17_000 + k / perDay
        if reuse > 0 {
            if var vector = article.embedding {
                var norm: Float = 0
                for i in vector.indices { vector[i] += 0.02 * random.gaussian(); norm += vector[i] * vector[i] }
                let scale = 1 / norm.squareRoot()
                article.embedding = vector.map { $0 * scale }
            }
            for slot in article.signature.indices where random.next() % 10 < 7 { article.signature[slot] = UInt32(truncatingIfNeeded: random.next()) }
        }
        return article
    }
}
