import Foundation
import Testing
@testable import IsnadIngest

@Suite("Cleaning")
struct CleaningTests {
    func raw(_ text: String, group: String = "g") -> RawDocument {
        RawDocument(path: "t.txt", format: .text, encoding: .utf8, original: text, group: group)
    }

    @Test("repeated paragraphs, UI labels and a sign-off (Persian)")
    func persian() {
        let text = """
            آتش‌بس در شرق حلب نقض شد

            منابع محلی گفتند خروج غیرنظامیان از شرق حلب صبح امروز متوقف شد.

            منابع محلی گفتند خروج غیرنظامیان از شرق حلب صبح امروز متوقف شد.

            سخنگوی ارتش گفت گروه‌های مسلح به کاروان تیراندازی کردند.

            بیشتر بخوانید

            اشتراک گذاری
            """
        let article = ArticleCleaner().clean(raw(text))
        #expect(article.title == "آتش‌بس در شرق حلب نقض شد")
        #expect(article.paragraphs.count == 2)
        #expect(article.removed.duplicateParagraphs == 1)
        #expect(article.removed.boilerplate == ["بیشتر بخوانید", "اشتراک گذاری"])
    }

    @Test("duplicates are found through spelling variants and spacing")
    func variantDuplicates() {
        let text = "Title\n\nقال المتحدث إن المفاوضات مستمرة.\n\nقال  المُتحدث إن المفاوضات مستمرة."
        #expect(ArticleCleaner().clean(raw(text)).removed.duplicateParagraphs == 1)
    }

    @Test("source line and sign-off become metadata; prose stays")
    func metadataLines() {
        let text = """
            Port reopens after storm

            The port reopened on Monday after a three-day closure, the harbour master said.

            Ships queued outside the breakwater overnight.

            Source: Gulf Wire / AFP
            """
        let article = ArticleCleaner().clean(raw(text))
        #expect(article.outlet == "Gulf Wire")
        #expect(article.outletEvidence == .sourceLine)
        #expect(article.credits == ["Gulf Wire", "AFP"])
        #expect(article.paragraphs.count == 2)
        let signed = ArticleCleaner().clean(raw("عنوان الخبر\n\nنص الخبر الكامل عن افتتاح الميناء بعد العاصفة.\n\nنص ثان عن السفن المنتظرة.\n\nالخليج الآن\n\nالمواضيع ذات الصلة"))
        #expect(signed.outlet == "الخليج الآن")
        #expect(signed.removed.signoff == "الخليج الآن")
        // A short closing sentence is not a sign-off.
        let prose = ArticleCleaner().clean(raw("Title\n\nA long paragraph about the vote count in the capital.\n\nResults are due Friday."))
        #expect(prose.outlet == nil && prose.paragraphs.count == 2)
    }

    @Test("lines recurring across many articles of one outlet are learned as furniture")
    func learned() {
        var model = LineFrequencyModel()
        var docs: [RawDocument] = []
        for i in 0..<6 {
            let text = "Report \(i)\n\nUnique opening paragraph number \(i) about the harbour and ships, with details.\n\nDownload our app for breaking alerts\n\nClosing paragraph \(i) on the weather outlook."
            docs.append(raw(text, group: "harbour-times"))
        }
        for doc in docs { model.observe(group: doc.group, lineKeys: LineFrequencyModel.lineKeys(of: doc)) }
        let cleaner = ArticleCleaner(furniture: model)
        let article = cleaner.clean(docs[0])
        #expect(article.removed.boilerplate == ["Download our app for breaking alerts"])
        #expect(article.paragraphs.count == 2)
        // Another outlet's identical line is not affected.
        let other = ArticleCleaner(furniture: model).clean(raw(docs[0].original, group: "other"))
        #expect(other.paragraphs.count == 3)
    }

    @Test("hard-wrapped English paragraphs are joined; one-line paragraphs are kept apart")
    func segmentation() {
        let wrapped = """
            Title line

            The committee met on Tuesday to review the budget for the coming year and
            agreed to delay the vote until the auditors had finished their report on
            last year's spending, members said after the session.

            A second paragraph.
            """
        let article = ArticleCleaner().clean(raw(wrapped))
        #expect(article.paragraphs.count == 2)
        let lines = "Title\nFirst paragraph line.\nSecond paragraph line.\nThird."
        #expect(ArticleCleaner().clean(raw(lines)).paragraphs.count == 3)
    }
}

@Suite("Language identification")
struct LanguageTests {
    @Test("Arabic, Persian (with and without ZWNJ), Urdu and English sentences", arguments: [
        ("ar", "أعلنت وزارة الصحة أن عدد المصابين ارتفع إلى ثلاثين شخصا خلال يومين."),
        ("fa", "وزارت بهداشت اعلام کرد شمار مبتلایان در دو روز گذشته به سی نفر رسیده است."),
        ("fa", "نیروهای امدادی میگویند جادهها هنوز بسته است و کمکها نمیرسد."),
        ("ur", "وزارت صحت نے کہا ہے کہ پچھلے دو دنوں میں متاثرین کی تعداد تیس ہو گئی ہے۔"),
        ("en", "The health ministry said the number of cases had risen to thirty in two days."),
    ])
    func sentences(language: String, text: String) {
        let guess = LanguageIdentifier.shared.identify(text)
        #expect(LanguageIdentifier.shared.modelError == nil, "run `make models` first")
        #expect(guess.language == language)
        #expect(guess.confidence > 0.5)
    }

    @Test("too short gives und")
    func short() {
        #expect(LanguageIdentifier.shared.identify("OK").language == "und")
        #expect(LanguageIdentifier.shared.identify("  12 ").language == "und")
    }

    @Test("without the model: a clear error and script rules still decide")
    func missingModel() {
        let identifier = LanguageIdentifier(modelPath: "/nonexistent/isnad/model.npz")
        #expect(identifier.modelError?.description.contains("make models") == true)
        #expect(identifier.identify("سخنگوی مرکز گفت گروه دوم نیروها خارج شدند").language == "fa")
        #expect(identifier.identify("قال المتحدث إن المفاوضات مستمرة مع الفصائل").language == "ar")
    }

    @Test("a corrupt model file is an error naming the file, not a crash")
    func corruptModel() throws {
        let folder = try Fixtures.temporaryFolder()
        let path = try Fixtures.write(Array("PK\u{03}\u{04}garbage".utf8), to: folder, "model.npz")
        let identifier = LanguageIdentifier(modelPath: path)
        #expect(identifier.modelError?.description.contains(path) == true)
    }
}

@Suite("Model file reading")
struct ModelReadingTests {
    @Test("half-precision weights widen exactly")
    func halfFloats() {
        for value: Float16 in [0, -0.0, 1, -2.5, 0.000061035156, 0.0000001, 65504, -.infinity, 3.140625] {
            #expect(NaiveBayesModel.widen(value.bitPattern) == Float(value))
        }
        #expect(NaiveBayesModel.widen(Float16.nan.bitPattern).isNaN)
    }
}
