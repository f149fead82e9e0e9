import Foundation
import Testing

@Suite("isnad article", .serialized)
struct ArticleCommandTests {
    @Test("an article that arrived as mojibake is shown repaired, with the repair reported")
    func mojibakeReported() throws {
        let folder = try CLI.temporaryFolder()
        // "Bugün Meclis'te bütçe görüşmeleri başladı" etc., as UTF-8 read as Windows-1252 upstream.
        let garbled = "BugÃ¼n Meclis'te bÃ¼tÃ§e gÃ¶rÃ¼ÅŸmeleri baÅŸladÄ±\n\n"
            + "Genel Kurul'da konuÅŸan bakan, Ã§Ä±kma kararÄ±nÄ±n ertelendiÄŸini aÃ§Ä±kladÄ±.\n"
        try garbled.write(toFile: (folder as NSString).appendingPathComponent("haber.txt"), atomically: false, encoding: .utf8)
        let store = (folder as NSString).appendingPathComponent("s.sqlite")
        let ingest = try CLI.run(["ingest", folder, "--store", store, "--no-stories"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let listing = try CLI.run(["articles", "--store", store])
        let id = try #require(listing.stdout.split(separator: "\n").dropFirst().first?.split(separator: " ").first)
        let shown = try CLI.run(["article", String(id), "--store", store])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("title:     Bugün Meclis'te bütçe görüşmeleri başladı"))
        #expect(shown.stdout.contains("çıkma kararının ertelendiğini açıkladı."))
        #expect(shown.stdout.contains("repaired:  "))
        #expect(shown.stdout.contains("BugÃ¼n → Bugün"))
    }
}
