import Foundation
import IsnadClaims
import IsnadEvaluation
import IsnadText
import Testing

/// Statements on sentences written for these tests (Arabic, Persian, English).
@Suite("Statement rules")
struct StatementRuleTests {
    static func extract(_ text: String, _ language: String) throws -> ArticleClaims {
        let paragraphs = text.components(separatedBy: "\n").reduce(into: (spans: [TextSpan](), offset: 0)) { result, line in
            let count = line.unicodeScalars.count
            if count > 0 { result.spans.append(TextSpan(start: result.offset, end: result.offset + count)) }
            result.offset += count + 1
        }.spans
        return try StatementExtractor.standard().extract(original: text, paragraphs: paragraphs, language: language)
    }

    @Test("English: a quoted denial, a reported assertion, told-to outlet as via, a continuation")
    func english() throws {
        let text = """
            “No talks took place,” said Samir Haddad, a spokesman for the Northern Brigades.
            The interior ministry said on Tuesday that the convoy had reached the border.
            Haddad told Reuters that the group had received an offer from the mediators.
            He added that the crossing would stay open until Friday.
            """
        let claims = try Self.extract(text, "en")
        #expect(claims.statements.count == 4, "\(claims.statements.map(\.cue))")
        guard claims.statements.count == 4 else { return }
        let (denial, ministry, told, added) = (claims.statements[0], claims.statements[1], claims.statements[2], claims.statements[3])
        #expect(denial.stance == .deny && denial.form == .direct && denial.speakerMention?.text == "Samir Haddad")
        #expect(ministry.stance == .assert && ministry.speakerText == "The interior ministry" && ministry.content.hasPrefix("the convoy"))
        #expect(told.via == ["Reuters"] && told.speakerMention?.text == "Haddad")
        #expect(added.speakerText == "He" && added.speakerMention?.text == "Haddad" && added.stance == .assert)
    }

    @Test("Arabic: a denial with a nominal object, an outlet's relay, a continuation cue, a stance kept assert by لا تزال")
    func arabic() throws {
        let text = """
            نفى المتحدث باسم وزارة الصحة، سامر الحداد، وجود أي إصابات جديدة في المدينة.
            وذكرت وكالة الأنباء المحلية أن الطريق الساحلي أغلق مساء أمس.
            ونقلت عن المحافظ خالد منصور أن الطريق أعيد فتحه صباح اليوم.
            وأضاف أن فرق الإسعاف لا تزال في المكان.
            """
        let claims = try Self.extract(text, "ar")
        let denial = try #require(claims.statements.first { $0.cue == "نفى" })
        #expect(denial.stance == .deny && denial.speakerMention?.text == "سامر الحداد" && denial.content.hasPrefix("وجود"))
        let relay = try #require(claims.statements.first { $0.cue == "ونقلت عن" })
        #expect(relay.speakerMention?.text == "خالد منصور" && relay.via == ["وكالة الأنباء المحلية"])
        let added = try #require(claims.statements.first { $0.cue == "وأضاف" })
        #expect(added.speakerMention?.text == "خالد منصور" && added.stance == .assert && added.speakerSpan == nil)
    }

    @Test("Persian: speaker before the verb, denial by a negated content, source phrase as via")
    func persian() throws {
        let text = """
            سخنگوی وزارت خارجه، علی رضایی، روز دوشنبه گفت: هیچ مذاکره‌ای با این گروه انجام نشده است.
            به گزارش خبرگزاری ایرنا، رضایی افزود که مرز فردا باز می‌شود.
            """
        let claims = try Self.extract(text, "fa")
        let denial = try #require(claims.statements.first { $0.cue == "گفت" })
        #expect(denial.stance == .deny && denial.speakerMention?.text == "علی رضایی")
        let added = try #require(claims.statements.first { $0.cue == "افزود" })
        #expect(added.stance == .assert && added.via == ["خبرگزاری ایرنا"] && added.speakerMention?.text == "رضایی")
        let entities = EntityResolver.resolve([claims])
        #expect(entities.contains { entity in entity.mentions.map(\.mention.text).contains("علی رضایی") && entity.mentions.map(\.mention.text).contains("رضایی") },
                "the surname alone joins the full name")
    }

    @Test("bad input: unbalanced quotes, a cue at the very end, one long line, no statements — results or none, never a crash")
    func badInput() throws {
        let long = String(repeating: "قال المسؤول إن الوضع هادئ و ", count: 5_000)
        for (text, language) in [("قال « المسؤول \" إن “ الوضع ” هادئ »» \"", "ar"), ("He said", "en"), (long, "ar"), ("Nothing was said here at all.", "en"),
                                 ("گفت", "fa"), ("", "ar")] {
            let claims = try Self.extract(text, language)
            for s in claims.statements { #expect(s.span.end <= text.unicodeScalars.count) }
        }
        let none = try Self.extract("The river rose by two metres overnight.", "en")
        #expect(none.statements.isEmpty)
    }

    @Test("a thousand quotations, mixed scripts mid-sentence, 50,000 words on one line: results in bounded time")
    func largeAndMixed() throws {
        let quotes = (0..<1_000).map { "“The bridge \($0) is closed,” said Mayor Lina Haddad." }.joined(separator: " ")
        let many = try Self.extract(quotes, "en")
        #expect(many.statements.count == 1_000 && many.statements.allSatisfy { $0.speakerMention?.text == "Lina Haddad" })
        let mixed = try Self.extract("وقال المتحدث Samir Haddad إن الاجتماع في Geneva سيعقد غداً، وأضاف که جلسه بعدی در تهران است.", "ar")
        #expect(mixed.statements.first?.speakerMention?.text == "Samir Haddad")
        let line = Array(repeating: "the committee said that the water level rose", count: 6_250).joined(separator: " ")
        #expect(line.split(separator: " ").count == 50_000)
        let start = ContinuousClock.now
        let long = try Self.extract(line, "en")
        // One sentence of 50,000 words is read up to its token bound: a handful of statements.
        #expect(long.statements.count <= 60 && ContinuousClock.now - start < .seconds(5))
    }

    @Test("without the names table and the place gazetteer, statements still come out")
    func withoutResources() throws {
        let text = "نفى المتحدث باسم وزارة الصحة، سامر الحداد، وجود أي إصابات جديدة في المدينة."
        let claims = try StatementExtractor.standard(names: nil, places: nil)
            .extract(original: text, paragraphs: [TextSpan(start: 0, end: text.unicodeScalars.count)], language: "ar")
        #expect(claims.statements.first?.stance == .deny && claims.statements.first?.speakerMention?.text == "سامر الحداد")
    }

    @Test("a lexicon line with an unknown kind names the file and line; user entries add to the built-in ones")
    func lexiconFiles() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "# mine\nsay\tmurmured\n".write(toFile: folder + "/en.tsv", atomically: true, encoding: .utf8)
        let lexicon = try CueLexicon.load(language: "en", userDirectory: folder)
        #expect(lexicon.contains("murmured", as: .say) && lexicon.contains("said", as: .say))
        try "say\tmurmured\nshout\tyelled\n".write(toFile: folder + "/en.tsv", atomically: true, encoding: .utf8)
        #expect {
            _ = try CueLexicon.load(language: "en", userDirectory: folder)
        } throws: { error in
            String(describing: error).contains("en.tsv:2") && String(describing: error).contains("unknown kind \"shout\"")
        }
    }
}

/// Real sentences in many shapes (the shared NER and attribution sets): results or none, never a
/// crash, and every span inside its text.
@Suite("Statements on real sentences")
struct RealSentenceTests {
    @Test("sentences of ANERcorp, AQMAR, PEYMA, ARMAN and WikiNEuRal go through without a crash")
    func noCrash() throws {
        let extractor = try StatementExtractor.standard()
        for (file, language) in [("ar-anercorp/dev.conll", "ar"), ("ar-aqmar/dev.conll", "ar"), ("fa-peyma/dev.conll", "fa"),
                                 ("fa-arman/all-folds.conll", "fa"), ("en-wikineural/train.conll", "en")] {
            let path = try SharedData.require("data/ner/" + file)
            let sentences = try NEREvaluation.read(path).prefix(1_500)
            for sentence in sentences {
                let text = sentence.tokens.joined(separator: " ")
                let count = text.unicodeScalars.count
                let claims = extractor.extract(original: text, paragraphs: [TextSpan(start: 0, end: count)], language: language)
                for mention in claims.mentions { #expect(mention.span.start <= mention.span.end && mention.span.end <= count) }
                for statement in claims.statements { #expect(statement.span.end <= count, "\(file)") }
            }
        }
    }
}

/// Places from the installed gazetteer (`make models`): typed as places, one entity across scripts.
@Suite("Places in who said what")
struct PlaceStatementTests {
    @Test("a country that speaks is a place; Russia in Arabic, Persian and English is one entity named Russia")
    func countries() throws {
        #expect(PlaceGazetteer.shared.problem == nil, "place names missing: run `make models` first")
        let arabic = try StatementRuleTests.extract("وأعلنت روسيا أن الممر الإنساني سيبقى مفتوحا حتى نهاية الأسبوع.", "ar")
        let speaker = try #require(arabic.statements.first?.speakerMention)
        #expect(speaker.type == .place && speaker.canonicalName == "Russia")
        let persian = try StatementRuleTests.extract("روسیه اعلام کرد که گذرگاه باز می‌ماند.", "fa")
        let english = try StatementRuleTests.extract("Officials in Damascus said the crossing to Russia's base stayed open.", "en")
        let entities = EntityResolver.resolve([arabic, persian, english])
        let russia = try #require(entities.first { $0.name == "Russia" })
        #expect(russia.type == .place && Set(russia.mentions.map(\.article)) == [0, 1, 2])
        #expect(entities.contains { $0.name == "Damascus" && $0.type == .place })
    }
}
