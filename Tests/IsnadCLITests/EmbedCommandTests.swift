import Foundation
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
}
