import Foundation
import IsnadIngest
import IsnadStories
import IsnadText

/// Single-sentence language identification accuracy, on sentences the identifier was not
/// tuned on: the project's own multilingual sentences plus sentences drawn from the shared
/// development sets (SemEval news texts, Wikinews sources, ANERcorp, PEYMA, ArmanPersoNER, PolNeAR).
public struct LanguageEvaluation: Sendable {
    public struct Sample: Sendable {
        public var language: String
        public var text: String
        public var source: String
    }

    public struct LanguageResult: Sendable {
        public var language: String
        public var total: Int
        public var correct: Int
        public var confusions: [String: Int]
        public var accuracy: Double { total == 0 ? 0 : Double(correct) / Double(total) }
    }

    public var samples: [Sample] = []

    public init() {}

    /// Loads `lang<TAB>sentence` lines.
    public mutating func addTSV(_ path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for line in text.split(separator: "\n").dropFirst() {
            let parts = line.split(separator: "\t", maxSplits: 1)
            guard parts.count == 2 else { continue }
            samples.append(Sample(language: String(parts[0]), text: String(parts[1]), source: (path as NSString).lastPathComponent))
        }
    }

    /// Adds up to `perLanguage` sentences per language from the shared development sets.
    public mutating func addSharedData(perLanguage: Int = 150) throws {
        var counts: [String: Int] = [:]
        func add(_ language: String, _ sentence: String, _ source: String) {
            let words = sentence.split(separator: " ").count
            let letters = sentence.unicodeScalars.filter { $0.properties.isAlphabetic }.count
            guard counts[language, default: 0] < perLanguage, letters >= 20, words >= 5 || language == "zh" || letters >= 25 else { return }
            counts[language, default: 0] += 1
            samples.append(Sample(language: language, text: sentence, source: source))
        }
        func sentences(_ text: String) -> [String] {
            let scalars = ScalarText(text)
            return SentenceSplitter.sentences(in: text).map { scalars.slice($0) }
                .filter { $0.unicodeScalars.count <= 400 }
        }
        // SemEval-2022 Task 8: news texts in ten languages (every 7th sentence, to spread over articles).
        let semeval = try SharedData.require("data/semeval2022-task8/training_set.csv")
        let (rows, _) = CSVReader.parse(try String(contentsOfFile: semeval, encoding: .utf8))
        if let header = rows.first?.fields {
            let l1 = header.firstIndex(of: "lang1"), l2 = header.firstIndex(of: "lang2")
            let t1 = header.firstIndex(of: "text1"), t2 = header.firstIndex(of: "text2")
            var k = 0
            for row in rows.dropFirst() where row.fields.count == header.count {
                for (li, ti) in [(l1, t1), (l2, t2)] {
                    guard let li, let ti else { continue }
                    for s in sentences(row.fields[ti]) {
                        k += 1
                        if k % 7 == 0 { add(row.fields[li], s, "semeval") }
                    }
                }
            }
        }
        // Wikinews sources in Portuguese, Dutch, German, French.
        let wikinews = try SharedData.require("data/wikinewssum/cleaned_endataset.json")
        for line in try String(contentsOfFile: wikinews, encoding: .utf8).split(separator: "\n") {
            guard let data = line.data(using: .utf8),
                  let event = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let sources = event["sources"] as? [[String: Any]] else { continue }
            for source in sources {
                guard let language = source["language"] as? String, ["pt", "nl"].contains(language),
                      let text = source["maintext"] as? String else { continue }
                for s in sentences(text).prefix(5) { add(language, s, "wikinews") }
            }
        }
        // Arabic and Persian newswire sentences from the NER corpora (tokens joined by spaces).
        for (language, file) in [("ar", "data/ner/ar-anercorp/dev.conll"), ("fa", "data/ner/fa-peyma/dev.conll"),
                                 ("fa", "data/ner/fa-arman/all-folds.conll")] {
            let path = try SharedData.require(file)
            var k = 0
            for block in try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n\n") {
                let tokens = block.split(separator: "\n").compactMap { $0.split(separator: "\t").first }
                k += 1
                if k % 5 == 0 { add(language, tokens.joined(separator: " "), (file as NSString).lastPathComponent) }
            }
        }
        // English political news (PolNeAR).
        let polnear = try SharedData.require("data/polnear/dev/text")
        for name in try FileManager.default.contentsOfDirectory(atPath: polnear).sorted().prefix(60) {
            let text = try String(contentsOfFile: (polnear as NSString).appendingPathComponent(name), encoding: .utf8)
            for s in sentences(text).prefix(4) { add("en", s, "polnear") }
        }
    }

    /// Sentences of the non-English pages of the article-extraction benchmark (gold main text),
    /// labelled by their site; the only Indonesian text in the shared data.
    public mutating func addArticleBenchmark(perLanguage: Int = 150) throws {
        let path = try SharedData.require("data/article-extraction-benchmark/ground-truth.json")
        guard let gold = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: [String: Any]]
        else { return }
        var counts: [String: Int] = [:]
        for stem in gold.keys.sorted() {
            guard let url = gold[stem]?["url"] as? String, let body = gold[stem]?["articleBody"] as? String,
                  let language = Self.siteLanguages.first(where: { url.contains($0.site) })?.language else { continue }
            let scalars = ScalarText(body)
            for span in SentenceSplitter.sentences(in: body) {
                let sentence = scalars.slice(span)
                let letters = sentence.unicodeScalars.filter { $0.properties.isAlphabetic }.count
                guard counts[language, default: 0] < perLanguage, letters >= 20, sentence.unicodeScalars.count <= 400 else { continue }
                counts[language, default: 0] += 1
                samples.append(Sample(language: language, text: sentence, source: "article-benchmark"))
            }
        }
    }

    /// The benchmark's non-English sites and the language they publish in.
    static let siteLanguages: [(site: String, language: String)] = [
        ("kabarislamia.com", "id"), (".com.br/", "pt"), ("remember8090.it", "it"), ("blog.comwrap.com", "de"),
        ("wday.ru", "ru"), ("gto-normativy.ru", "ru"), ("vse-diety.com", "ru"),
    ]

    /// One line per sample for comparing with py3langid (`scripts/langid-compare.py`):
    /// gold language, source, Isnad's decision, the model's three best classes on the whole
    /// sentence (`code:probability`), the sentence.
    public func comparisonLines(_ identifier: LanguageIdentifier) -> [String] {
        let rows = ParallelMap.map(samples) { sample -> String in
            let ranking = identifier.modelRanking(sample.text).prefix(3).map { "\($0.language):\(String(format: "%.4f", $0.probability))" }
            let text = sample.text.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ")
            return [sample.language, sample.source, identifier.identify(sample.text).language, ranking.joined(separator: " "), text]
                .joined(separator: "\t")
        }
        return ["gold\tsource\tisnad\tmodel\ttext"] + rows
    }

    /// Accuracy per language, worst first.
    public func run(_ identifier: LanguageIdentifier) -> [LanguageResult] {
        let guesses = ParallelMap.map(samples) { identifier.identify($0.text).language }
        var results: [String: LanguageResult] = [:]
        for (sample, guess) in zip(samples, guesses) {
            var r = results[sample.language] ?? LanguageResult(language: sample.language, total: 0, correct: 0, confusions: [:])
            r.total += 1
            if guess == sample.language { r.correct += 1 } else { r.confusions[guess, default: 0] += 1 }
            results[sample.language] = r
        }
        return results.values.sorted { $0.accuracy < $1.accuracy }
    }
}
