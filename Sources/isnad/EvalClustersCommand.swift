import ArgumentParser
import Foundation
import IsnadEvaluation
import IsnadEncoder
import IsnadStories

struct EvalClustersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clusters",
        abstract: "Story clustering quality (BCubed and pairwise) against gold stories, with the baseline.",
        discussion: """
            DATA is `wikinews` (WikinewsSum: gold story = event), `semeval` (SemEval-2022 Task 8: \
            all texts as one stream; pairs with Overall ≤ 1.5 should share a story, ≥ 3 should not; \
            per language pair) or a JSONL file of {"text" or "path", "story", "language", "title", \
            "published"}. Vectors are cached (ISNAD_CACHE, default ~/.cache/isnad), so only the first \
            run pays for encoding. The baseline is e5 cosine to the closest story with one global \
            threshold, chosen best on the same data; both are printed. Isnad's figure comes from the \
            ingest path (stream order, copy detection, clustering); --batches N also stores the \
            stream in N batches, placed incrementally as `isnad ingest` places them, and prints \
            how far that lands from one pass.
            """)

    @Argument(help: "wikinews, semeval, or a JSONL path.")
    var data: String

    @Option(help: "Also cluster this many shuffled arrival orders (fixed seeds) and print each method's spread.")
    var orders = 1

    @Option(help: "Also ingest the stream into a new store in this many batches, each placed incrementally as `isnad ingest` does, and compare with one pass.")
    var batches: Int?

    @OptionGroup var encoder: EncoderOptions

    func validate() throws {
        try OptionRules.check(orders, "--orders", OptionRules.count, unit: "orders")
        if let batches { try OptionRules.check(batches, "--batches", OptionRules.count, unit: "batches") }
    }

    func run() throws {
        var items: [ClusterEvalItem], pairs: [ClusterEvalPair] = []
        switch data {
        case "wikinews": items = try ClusterDatasets.wikinews()
        case "semeval": (items, pairs) = try ClusterDatasets.semeval()
        default: items = try ClusterDatasets.jsonl(data)
        }
        let model = try encoder.load()
        var embedder = StoryEmbedder.withDefaultCache(encoder: model)
        let start = Date()
        var results: [StoryEmbedder.Result] = []
        for chunk in stride(from: 0, to: items.count, by: 256) {
            let slice = items[chunk..<min(items.count, chunk + 256)]
            do { results += try embedder.embed(slice.map { ($0.title, $0.text) }) } catch { throw CommandFailure(description: "\(error)") }
            try embedder.cache?.save()
            if items.count > 256 { printError("  encoded \(min(items.count, chunk + 256)) of \(items.count) articles") }
        }
        let encodeTime = Date().timeIntervalSince(start)
        let articles = items.enumerated().map { index, item in
            StoryArticle(id: item.id, language: item.language, outlet: nil, title: item.title, published: item.published,
                         order: index, embedding: results[index].vector, text: item.title.isEmpty ? item.text : item.title + "\n" + item.text)
        }
        if let dump = ProcessInfo.processInfo.environment["ISNAD_DUMP_VECTORS"] {
            var out = ""
            for (index, item) in items.enumerated() {
                out += "\(item.language)\t\(item.gold ?? "")\t" + (results[index].vector ?? []).map { String($0) }.joined(separator: " ") + "\n"
            }
            try out.write(toFile: dump, atomically: true, encoding: .utf8)
        }
        let evaluation = ClusterEvaluation(articles: articles, gold: items.map(\.gold), pairs: pairs)
        if let sweep = ProcessInfo.processInfo.environment["ISNAD_SWEEP"] {
            // Development aid: ISNAD_SWEEP="joinScore=3,4;termWeight=2,4" prints the headline figure per setting.
            var grid: [[(String, Double)]] = [[]]
            for part in sweep.split(separator: ";") {
                let kv = part.split(separator: "=")
                guard kv.count == 2 else { continue }
                let values = kv[1].split(separator: ",").compactMap { Double($0) }
                grid = grid.flatMap { base in values.map { base + [(String(kv[0]), $0)] } }
            }
            for setting in grid {
                var options = ClusteringOptions()
                for (key, value) in setting {
                    switch key {
                    case "joinScore": options.joinScore = value
                    case "mergeScore": options.mergeScore = value
                    case "termWeight": options.termWeight = value
                    case "lexicalOnlyWeight": options.lexicalOnlyWeight = value
                    case "commonTermShare": options.commonTermShare = value
                    case "fullCandidates": options.fullCandidates = Int(value)
                    case "minimumWords": options.minimumWords = Int(value)
                    case "dayPenalty": options.dayPenalty = value
                    case "numberWeight": options.numberWeight = value
                    case "siteMessageSimilarity": options.siteMessageSimilarity = value
                    case "nameWeight": options.nameWeight = value
                    case "nameSaturation": options.nameSaturation = value
                    case "nameMinimumSpreads": options.nameMinimumSpreads = value
                    case "nameMinimumMatches": options.nameMinimumMatches = Int(value)
                    default: break
                    }
                }
                let r = evaluation.run(options)
                print(setting.map { "\($0.0)=\($0.1)" }.joined(separator: " "), String(format: "F1 %.3f", r.headline),
                      r.bcubed.map { String(format: "bcubed P %.3f R %.3f", $0.precision, $0.recall) } ?? "",
                      r.labeledPairs.map { String(format: "pairs P %.3f R %.3f", $0.precision, $0.recall) } ?? "")
            }
            return
        }
        let clusterStart = Date()
        let isnad = evaluation.run()
        let clusterTime = Date().timeIntervalSince(clusterStart)
        let baseline = evaluation.bestBaseline()
        if let dump = ProcessInfo.processInfo.environment["ISNAD_DUMP_ASSIGNMENTS"] {
            // Development aid: one line per article (gold, Isnad's story, baseline's story, title) for error analysis.
            let lines = items.indices.map { i in
                "\(items[i].gold ?? "")\t\(isnad.labels[i])\t\(baseline.labels[i])\t\(items[i].language)\t\(items[i].title.prefix(80))"
            }
            try lines.joined(separator: "\n").write(toFile: dump, atomically: true, encoding: .utf8)
            func evidence(_ e: Decision.Evidence?) -> String {
                guard let e else { return "-\t\t\t\t\t\t" }
                let z = e.cosine.map { (Double($0) - e.backgroundMean) / e.backgroundDeviation } ?? .nan
                return "\(e.story)\t\(e.languagePair)\t\(z)\t\(e.termShare)\t\(e.numberShare)\t\(e.score)\t\(e.nameShare ?? -1)"
            }
            let decisionLines = isnad.decisions.map { d in
                "\(d.article)\t\(d.action.rawValue)\t\(d.story ?? -1)\t\(d.merged.map(String.init).joined(separator: ","))\t" + evidence(d.chosen) + "\t" + evidence(d.runnerUp)
            }
            try decisionLines.joined(separator: "\n").write(toFile: dump + ".decisions", atomically: true, encoding: .utf8)
        }
        print("# \(data): \(items.count) articles, \(pairs.count) labeled pairs; vectors in \(String(format: "%.1f", encodeTime)) s, clustering in \(String(format: "%.2f", clusterTime)) s")
        for (name, result) in [("isnad", isnad), ("baseline", baseline)] {
            var line = name.padding(toLength: 9, withPad: " ", startingAt: 0)
            if let b = result.bcubed { line += String(format: "  bcubed P %.3f R %.3f F1 %.3f", b.precision, b.recall, b.f1) }
            if let p = result.pairwise { line += String(format: "  pairwise P %.3f R %.3f F1 %.3f", p.precision, p.recall, p.f1) }
            if let p = result.labeledPairs { line += String(format: "  pairs P %.3f R %.3f F1 %.3f", p.precision, p.recall, p.f1) }
            line += "  stories \(result.stories)"
            if result.skipped > 0 { line += ", \(result.skipped) skipped" }
            if let t = result.threshold { line += String(format: "  (cosine ≥ %.3f)", t) }
            print(line)
        }
        if let batches {
            let batched = evaluation.score(labels: try evaluation.incrementalLabels(items: items, batches: batches))
            let figure = isnad.bcubed != nil ? "BCubed F1" : "pairs F1"
            print(String(format: "incremental, %d batches through the store: %@ %.3f (one pass %.3f, difference %+.3f)",
                         batches, figure, batched.headline, isnad.headline, batched.headline - isnad.headline))
        }
        if orders > 1 {
            // The file order plus orders − 1 shuffles; the baseline's threshold is chosen again for each.
            var mine = [isnad.headline], theirs = [baseline.headline]
            var pairF1 = isnad.perLanguagePair.map { [$0.scores.f1] }, basePairF1 = baseline.perLanguagePair.map { [$0.scores.f1] }
            for seed in 1..<orders {
                let arrival = evaluation.shuffledArrival(seed: UInt64(seed))
                let run = evaluation.run(arrival: arrival), base = evaluation.bestBaseline(arrival: arrival)
                mine.append(run.headline)
                theirs.append(base.headline)
                for (k, entry) in run.perLanguagePair.enumerated() where k < pairF1.count { pairF1[k].append(entry.scores.f1) }
                for (k, entry) in base.perLanguagePair.enumerated() where k < basePairF1.count { basePairF1[k].append(entry.scores.f1) }
            }
            func spread(_ values: [Double]) -> String {
                let mean = values.reduce(0, +) / Double(values.count)
                return String(format: "mean %.3f, min %.3f, max %.3f", mean, values.min() ?? 0, values.max() ?? 0)
            }
            let figure = isnad.bcubed != nil ? "BCubed F1" : "pairs F1"
            print("over \(orders) arrival orders, \(figure): isnad \(spread(mine)); baseline \(spread(theirs))")
            print("  isnad ahead in \(zip(mine, theirs).filter { $0 > $1 }.count) of \(orders) orders")
            if !pairF1.isEmpty {
                print("  per language pair, mean F1 over the orders (isnad | baseline):")
                for (k, entry) in isnad.perLanguagePair.enumerated() {
                    let a = pairF1[k].reduce(0, +) / Double(pairF1[k].count), b = basePairF1[k].reduce(0, +) / Double(basePairF1[k].count)
                    print(String(format: "    %@  %.3f | %.3f%@", entry.pair.padding(toLength: 6, withPad: " ", startingAt: 0), a, b, a > b ? "" : "  (not ahead)"))
                }
            }
        }
        if !isnad.perLanguagePair.isEmpty {
            print("per language pair (isnad | baseline):")
            for (mine, theirs) in zip(isnad.perLanguagePair, baseline.perLanguagePair) {
                print(String(format: "  %@  %4d pairs  P %.3f R %.3f F1 %.3f | P %.3f R %.3f F1 %.3f", mine.pair.padding(toLength: 6, withPad: " ", startingAt: 0),
                             mine.count, mine.scores.precision, mine.scores.recall, mine.scores.f1,
                             theirs.scores.precision, theirs.scores.recall, theirs.scores.f1))
            }
        }
    }
}
