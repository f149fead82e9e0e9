import Foundation
import Testing
@testable import IsnadIngest

/// Text as it arrives when UTF-8 was decoded as Windows-1252 upstream (the five bytes that code
/// page leaves undefined become Latin-1 control characters, as browsers decode them).
func garbled(_ text: String) -> String {
    var scalars = String.UnicodeScalarView()
    for byte in text.utf8 {
        let mapped = byte < 0x80 ? UInt32(byte) : UInt32(LegacyCodePages.windows1252[Int(byte) - 0x80])
        scalars.append(Unicode.Scalar(mapped == 0 ? UInt32(byte) : mapped) ?? "?")
    }
    return String(scalars)
}

@Suite("Mojibake repair")
struct MojibakeTests {
    @Test("the garbling helper produces the patterns seen in the wild")
    func helper() {
        #expect(garbled("Bugün") == "BugÃ¼n")
        #expect(garbled("çıkma") == "Ã§Ä±kma")
        #expect(garbled("ال") == "Ø§Ù„")
    }

    @Test("Turkish, German, Arabic, Persian and Russian mojibake is repaired", arguments: [
        "Bugün Ankara'da açıklama yapan bakan, çıkma kararının geri alınmadığını söyledi.",
        "Die Bürgermeisterin äußerte sich am Donnerstag zur Schließung der Brücke.",
        "قال المتحدث باسم الحكومة إن المفاوضات في فيينا ستستأنف الأسبوع المقبل.",
        "سخنگوی وزارت امور خارجه گفت که گفت‌وگوها هفته‌ی آینده در ژنو ادامه می‌یابد.",
        "Президент подписал указ о создании новой комиссии по восстановлению.",
    ])
    func repairs(sentence: String) throws {
        let repaired = try #require(MojibakeRepair.repair(garbled(sentence)))
        #expect(repaired.text == sentence)
        #expect(repaired.note.sequences > 0)
        #expect(!repaired.note.examples.isEmpty)
    }

    @Test("correct text with Ã, À and other Latin-1 letters is left alone", arguments: [
        "São Paulo e Brasília registraram chuvas fortes na manhã de sexta-feira.",
        "SÃO PAULO — A prefeitura anunciou novas medidas para o trânsito.",
        "À Paris, l'été a été très chaud ; les écoles ferment à midi.",
        "«\u{A0}C'EST L'ÉTÉ\u{A0}!\u{A0}» titrait le journal, et la foule a crié “OLÉ” trois fois.",
        "«ME PASÓ» dijo el jugador, que volvió a España el año pasado.",
        "Ålesund og Tromsø fikk mye snø i går, melder Meteorologisk institutt.",
        "Die Straße zwischen München und Göttingen bleibt bis Montag gesperrt.",
        "The café’s owner said “déjà vu” about the 20°C forecast — again…",
    ])
    func leavesCorrectText(sentence: String) {
        #expect(MojibakeRepair.repair(sentence) == nil)
    }

    @Test("a garbled title over a correct body: only the garbled part changes")
    func mixed() throws {
        let title = "Horoz dövüşü yaptıran zanlılar yakalandı"
        let body = "Sivas'ta horoz dövüştüren 18 kişi İÇİŞLERİ ekiplerince suçüstü yakalandı."
        let repaired = try #require(MojibakeRepair.repair(garbled(title) + "\n\n" + body))
        #expect(repaired.text == title + "\n\n" + body)
    }

    @Test("a file that was mojibake is read repaired, and its article reports the repair")
    func throughReading() throws {
        let folder = try Fixtures.temporaryFolder()
        let title = "Bugün Meclis'te bütçe görüşmeleri başladı"
        let body = "Genel Kurul'da konuşan bakan, çıkma kararının ertelendiğini açıkladı."
        let path = try Fixtures.write(garbled(title) + "\n\n" + garbled(body) + "\n", to: folder, "haber.txt")
        let document = try #require(DocumentReader().read(path: path).documents.first)
        #expect(document.original == title + "\n\n" + body + "\n")
        let article = ArticleCleaner().clean(document)
        #expect(article.title == title)
        let note = try #require(article.removed.repairedMojibake)
        #expect(note.examples.first == "BugÃ¼n → Bugün")

        let correct = try Fixtures.write("São Paulo amanhece com chuva\n\nA Defesa Civil de São Paulo emitiu alerta.\n", to: folder, "sp.txt")
        let untouched = try #require(DocumentReader().read(path: correct).documents.first)
        #expect(untouched.original == "São Paulo amanhece com chuva\n\nA Defesa Civil de São Paulo emitiu alerta.\n")
        #expect(untouched.mojibakeRepair == nil)
    }
}
