import Foundation
import IsnadIngest
import IsnadStories
import IsnadText

/// HTML main-text extraction quality on real crawled pages with gold text (the
/// article-extraction benchmark): token precision and recall per page, averaged over pages,
/// F1 from the means (the benchmark's own metric). Tokens are matching keys; counts are bags.
public struct ExtractionEvaluation: Sendable {
    public struct Page: Sendable {
        public var name: String
        public var bytes: [UInt8]
        public var gold: String
    }

    public struct Score: Sendable {
        public var precision: Double
        public var recall: Double
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    }

    public var pages: [Page] = []

    public init() {}

    /// Loads the benchmark's pages (decompressed) and gold texts.
    public mutating func loadBenchmark() throws {
        let root = try SharedData.require("data/article-extraction-benchmark")
        let truthData = try Data(contentsOf: URL(fileURLWithPath: (root as NSString).appendingPathComponent("ground-truth.json")))
        guard let truth = try JSONSerialization.jsonObject(with: truthData) as? [String: [String: Any]] else { return }
        for name in truth.keys.sorted() {
            let path = (root as NSString).appendingPathComponent("html/\(name).html.gz")
            guard let gold = truth[name]?["articleBody"] as? String,
                  let data = FileManager.default.contents(atPath: path) else { continue }
            let bytes = try Gzip.decompress(Array(data), path: path, limit: 64 << 20)
            pages.append(Page(name: name, bytes: bytes, gold: gold))
        }
    }

    /// Isnad's extracted text of every page (title excluded, as in the gold), in page order.
    public func extractAll() -> [String] {
        ParallelMap.map(pages, Self.extractOne)
    }

    /// Isnad's main text of one page: decode, extract, clean; empty when the page yields nothing.
    @Sendable public static func extractOne(_ page: Page) -> String {
        do {
            let doc = try HTMLReader.read(bytes: page.bytes, path: page.name, group: "bench")
            return ArticleCleaner().clean(doc).text
        } catch {
            return ""
        }
    }

    /// Mean token precision/recall of `candidates` against `references`.
    public static func score(_ candidates: [String], against references: [String]) -> Score {
        var p = 0.0
        var r = 0.0
        for (candidate, reference) in zip(candidates, references) {
            let c = bag(candidate)
            let g = bag(reference)
            let overlap = c.reduce(0) { $0 + min($1.value, g[$1.key] ?? 0) }
            let cTotal = c.values.reduce(0, +)
            let gTotal = g.values.reduce(0, +)
            p += cTotal == 0 ? (gTotal == 0 ? 1 : 0) : Double(overlap) / Double(cTotal)
            r += gTotal == 0 ? 1 : Double(overlap) / Double(gTotal)
        }
        let n = Double(max(1, min(candidates.count, references.count)))
        return Score(precision: p / n, recall: r / n)
    }

    static func bag(_ text: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        for key in MatchingKey.keys(of: text) { counts[key, default: 0] += 1 }
        return counts
    }
}
