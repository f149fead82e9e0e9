import Foundation
import IsnadEncoder
import Testing

@Suite("Leads of long texts")
struct LeadTests {
    /// The lead as tokenizing the whole text gives it (the definition the fast path must match).
    static func wholeTextLead(_ encoder: E5Encoder, title: String, body: String, maxTokens: Int) -> (String, [Int32]) {
        let text = title.isEmpty ? body : title + "\n" + body
        let tokens = encoder.tokenize(text)
        let cut = tokens.cutAtWord(maxContent: max(0, maxTokens - 2))
        guard let end = cut.sourceEnd else { return (text, tokens.ids) }
        return (String(String.UnicodeScalarView(text.unicodeScalars.prefix(end))), Array(tokens.ids[..<cut.count]))
    }

    @Test("the lead equals the whole text's lead: Arabic, Persian, English, long words, no spaces")
    func sameAsWholeText() throws {
        let encoder = try TestEncoder.shared.get()
        let bodies = [
            String(repeating: "قالت وزارة الصحة اللبنانية إن عدد ضحايا انفجار مرفأ بيروت ارتفع إلى مئة قتيل. ", count: 300),
            String(repeating: "وزارت بهداشت لبنان اعلام کرد شمار کشته‌های انفجار بندر بیروت به صد نفر رسید. ", count: 300),
            String(repeating: "The blast at the port of Beirut killed at least 100 people, the health ministry said. ", count: 300),
            String(repeating: "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherung ", count: 400),
            String(repeating: "北京时间今天上午国务院新闻办公室举行发布会介绍有关情况", count: 400),
            "short body",
        ]
        for body in bodies {
            for maxTokens in [3, 64, 256, 512] {
                let fast = encoder.leadWithIDs(title: "Beirut", body: body, maxTokens: maxTokens)
                let whole = Self.wholeTextLead(encoder, title: "Beirut", body: body, maxTokens: maxTokens)
                #expect(fast.text == whole.0, "lead text differs (\(maxTokens) tokens): \(body.prefix(30))")
                #expect(Array(fast.ids) == whole.1, "lead ids differ (\(maxTokens) tokens): \(body.prefix(30))")
            }
        }
    }

    @Test("a 30 MB one-line article's lead takes the time of its start, not of the whole text")
    func hugeText() throws {
        let encoder = try TestEncoder.shared.get()
        let sentence = "قالت وزارة الصحة اللبنانية إن عدد ضحايا انفجار مرفأ بيروت ارتفع إلى مئة قتيل وأربعة آلاف جريح. "
        let body = String(repeating: sentence, count: 30_000_000 / sentence.utf8.count)
        let start = Date()
        let lead = encoder.leadWithIDs(title: "انفجار مرفأ بيروت", body: body, maxTokens: 256)
        let seconds = Date().timeIntervalSince(start)
        #expect(lead.ids.count <= 254)
        #expect(lead.text.unicodeScalars.count < 4_096)
        #expect(seconds < 3, "lead of a 30 MB text took \(seconds) s")
    }
}
