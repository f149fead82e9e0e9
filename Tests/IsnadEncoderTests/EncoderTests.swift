import Foundation
import IsnadEvaluation
import IsnadEncoder
import IsnadIngest
import Testing

@Suite("Sentence encoder")
struct EncoderTests {
    /// Short and long news texts in several languages from the development data, plus the seeds.
    static func texts() throws -> [String] {
        var picked: [String: Int] = [:], texts: [String] = []
        for (language, text) in try SharedData.semevalTexts() where (picked[language] ?? 0) < 2 {
            picked[language, default: 0] += 1
            texts.append(String(text.prefix(picked[language] == 1 ? 300 : 4000)))
        }
        let folder = try SharedData.require("corpus/seeds")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() {
            texts.append(try String(contentsOfFile: folder + "/" + name, encoding: .utf8))
        }
        return texts
    }

    @Test("vectors agree with the reference engine (cosine ≥ 0.999), short texts and multi-window ones")
    func agreesWithReference() throws {
        let encoder = try TestEncoder.shared.get()
        let texts = try Self.texts() + [String(repeating: "The ceasefire in Eastern Ghouta held for a second day. ", count: 60)]
        let ours = try encoder.embed(texts, leadTokens: nil)
        let reference = try ReferenceEngine.vectors(texts)
        #expect(ours.contains { $0.windows > 1 }, "no text long enough to need several windows")
        var worst: Float = 1
        for (mine, theirs) in zip(ours, reference) {
            #expect(theirs.count == 384)
            worst = min(worst, TestEncoder.cosine(mine.vector, theirs))
        }
        print("encoder agreement: \(texts.count) texts, lowest cosine to the reference \(worst)")
        #expect(worst >= 0.999, "lowest cosine to the reference: \(worst)")
    }

    @Test("the portable kernels (forced, as on a CPU without AVX2) give the same vectors")
    func portableKernels() throws {
        let fast = try TestEncoder.shared.get(), portable = try TestEncoder.portable.get()
        #expect(portable.kernelName == "scalar")
        let texts = ["المعارضة في الغوطة تنفي التفاوض مع روسيا", "جزئیات توافق روس‌ها با شورشیان غوطه",
                     "Opposition factions in Eastern Ghouta deny negotiating with Russia"]
        for (a, b) in zip(try fast.embed(texts, leadTokens: nil), try portable.embed(texts, leadTokens: nil)) {
            #expect(TestEncoder.cosine(a.vector, b.vector) >= 0.9999)
        }
    }

    @Test("one, two or more threads and batching do not change a vector")
    func threadsAndBatches() throws {
        let two = try TestEncoder.shared.get()
        let one = try E5Encoder(threads: 1)
        let texts = try Array(Self.texts().prefix(5))
        let batch = try two.embed(texts, leadTokens: 128)
        for (index, text) in texts.enumerated() {
            let single = try one.embed([text], leadTokens: 128)[0]
            #expect(TestEncoder.cosine(single.vector, batch[index].vector) >= 0.99999)
        }
    }

    @Test("every seed-to-seed cosine beats every seed-to-unrelated cosine")
    func seedsCluster() throws {
        let encoder = try TestEncoder.shared.get()
        let folder = try SharedData.require("corpus/seeds")
        let seeds = try FileManager.default.contentsOfDirectory(atPath: folder).sorted().map {
            try String(contentsOfFile: folder + "/" + $0, encoding: .utf8)
        }
        // Unrelated: Arabic, English and other news of the development data, none about Ghouta.
        let unrelated = try SharedData.semevalTexts().filter { !$0.text.contains("غوطة") && !$0.text.contains("Ghouta") }
            .enumerated().filter { $0.offset % 7 == 0 }.prefix(60).map(\.element.text)
        let vectors = try encoder.embed(seeds + unrelated, leadTokens: 256)
        let seedVectors = vectors.prefix(seeds.count), others = vectors.dropFirst(seeds.count)
        var lowestPair: Float = 1, highestOther: Float = -1
        for (i, a) in seedVectors.enumerated() {
            for b in seedVectors.dropFirst(i + 1) { lowestPair = min(lowestPair, a.cosine(b)) }
            for b in others { highestOther = max(highestOther, a.cosine(b)) }
        }
        print("seeds: lowest seed-to-seed cosine \(lowestPair), highest seed-to-unrelated \(highestOther) (\(others.count) unrelated)")
        #expect(lowestPair > highestOther, "lowest seed pair \(lowestPair), highest unrelated \(highestOther)")
    }

    @Test("odd input: empty, whitespace, control characters, unsupported script, 100,000 characters")
    func oddInput() throws {
        let encoder = try TestEncoder.shared.get()
        let long = String(repeating: "مفاوضات الغوطة الشرقية مستمرة بين الفصائل والجانب الروسي. ", count: 1800)
        #expect(long.count >= 100_000)
        let texts = ["", "   \n\t  ", "\u{1}\u{2}\u{7F}", "𓀀𓁐𓂀 𓃠", long]
        let results = try encoder.embed(texts, leadTokens: nil)
        for result in results {
            #expect(result.vector.count == 384)
            let norm = result.vector.reduce(0) { $0 + $1 * $1 }
            #expect(abs(norm - 1) < 1e-3)
            #expect(result.vector.allSatisfy { $0.isFinite })
        }
        #expect(results[4].windows == (results[4].tokens - 2 + 509) / 510)
        #expect(!results[4].truncated)
        let lead = try encoder.embed([long], leadTokens: 256)[0]
        #expect(lead.truncated && lead.encodedTokens <= 256 && lead.windows == 1)
        #expect(TestEncoder.cosine(lead.vector, results[4].vector) > 0.9)
    }

    @Test("the lead helper cuts title + body at a word within the token budget")
    func leadHelper() throws {
        let encoder = try TestEncoder.shared.get()
        let body = String(repeating: "نفت فصائل المعارضة في الغوطة الشرقية أي تفاوض مع الجانب الروسي. ", count: 40)
        let lead = encoder.lead(title: "المعارضة تنفي التفاوض", body: body, maxTokens: 64)
        #expect(lead.hasPrefix("المعارضة تنفي التفاوض\n"))
        #expect(encoder.tokenize(lead).sequenceLength <= 64)
        #expect(encoder.tokenize(lead).sequenceLength >= 56)
        #expect(body.contains(lead.split(separator: "\n")[1].suffix(10)))
        #expect(throws: EncoderError.self) { try encoder.embed(["x"], leadTokens: 2) }
    }
}
