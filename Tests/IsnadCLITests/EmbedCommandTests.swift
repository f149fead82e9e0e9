import Foundation
import IsnadEncoder
import Testing

@Suite("isnad embed", .serialized)
struct EmbedCommandTests {
    static func vectors(_ stdout: String) throws -> [(path: String, vector: [Float])] {
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [[String: Any]])
        return try rows.map { row in
            let path = try #require(row["path"] as? String)
            let numbers = try #require(row["vector"] as? [NSNumber])
            return (path, numbers.map(\.floatValue))
        }
    }

    static func cosine(_ a: [Float], _ b: [Float]) -> Float {
        var dot: Float = 0, na: Float = 0, nb: Float = 0
        for i in 0..<min(a.count, b.count) { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i] }
        return dot / max((na * nb).squareRoot(), 1e-12)
    }

    @Test("items of a multi-article file are labelled from 1, as everywhere else")
    func labelsFromOne() throws {
        let folder = try CLI.temporaryFolder()
        let wire = (folder as NSString).appendingPathComponent("wire.jsonl")
        try """
            {"title": "وصول قافلة مساعدات إلى دوما", "text": "دخلت قافلة تضم أربعين شاحنة إلى مدينة دوما في الغوطة الشرقية صباح اليوم."}
            {"title": "ورود کاروان کمک به دوما", "text": "کاروانی با چهل کامیون صبح امروز وارد شهر دوما در غوطه شرقی شد."}
            {"title": "Aid convoy reaches Douma", "text": "A convoy of forty lorries entered the town of Douma in Eastern Ghouta this morning."}
            """.write(toFile: wire, atomically: false, encoding: .utf8)
        let json = try CLI.run(["embed", wire, "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        #expect(try Self.vectors(json.stdout).map(\.path) == [wire + "#1", wire + "#2", wire + "#3"])
        let text = try CLI.run(["embed", wire, "--format", "text"])
        #expect(text.stdout.split(separator: "\n").map { $0.split(separator: "\t")[0] } == ["\(wire)#1", "\(wire)#2", "\(wire)#3"])
    }

    @Test("a title-only article embeds as its bare sentence (no trailing line break encoded)")
    func titleOnly() throws {
        let folder = try CLI.temporaryFolder()
        let sentences = [
            "en.txt": "The United Nations said aid convoys reached the besieged town of Douma on Sunday.",
            "ar.txt": "قالت الأمم المتحدة إن قوافل المساعدات وصلت إلى مدينة دوما المحاصرة يوم الأحد.",
        ]
        for (name, sentence) in sentences {
            try sentence.write(toFile: (folder as NSString).appendingPathComponent(name), atomically: false, encoding: .utf8)
        }
        let result = try CLI.run(["embed", folder, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let encoder = try E5Encoder(threads: 2)
        let embedded = try Self.vectors(result.stdout)
        #expect(embedded.count == 2)
        for (path, vector) in embedded {
            let sentence = try #require(sentences[(path as NSString).lastPathComponent])
            let bare = try encoder.embed([sentence])[0].vector
            let cosine = Self.cosine(vector, bare)
            #expect(cosine >= 0.9999, "\(path): cosine \(cosine) to the bare sentence")
        }
    }
}
