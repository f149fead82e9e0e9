import Foundation
import IsnadClaims
import IsnadEvaluation
import IsnadText
import Testing

/// The trained name tagger: training on real NER data, the model file, and names in articles.
@Suite("Name tagger")
struct NameTaggerTests {
    /// Sentences of a shared NER file (`../shared/data/ner/…`).
    static func sentences(_ file: String) throws -> [NameTaggerTrainer.Sentence] {
        try NEREvaluation.read(try SharedData.require("data/ner/" + file)).map { ($0.tokens, $0.tags) }
    }

    /// Entity F1 of `tagger` over `sentences`, through the who-said-what step as `isnad eval ner`.
    static func f1(_ sentences: ArraySlice<NameTaggerTrainer.Sentence>, tagger: NameTagger, language: String) throws -> Double {
        let extractor = try StatementExtractor.standard(taggers: [tagger])
        var evaluation = NEREvaluation()
        for sentence in sentences {
            evaluation.add(gold: sentence.tags, predicted: NEREvaluation.predict(sentence.tokens, language: language, extractor: extractor))
        }
        return evaluation.total.f1
    }

    @Test("trained on 1,500 ANERcorp sentences it finds the names of the next 500 far better than the rules")
    func learnsArabicNames() throws {
        let all = try Self.sentences("ar-anercorp/dev.conll")
        let features = NameTagFeatures.standard(language: "ar")
        let model = NameTaggerTrainer(features: features, epochs: 5).train(language: "ar", sentences: Array(all.prefix(1_500)))
        #expect(model.tags.first == "O" && model.tags.contains("B-PER") && model.tags.contains("I-ORG"))
        let tagged = try Self.f1(all[1_500..<2_000], tagger: NameTagger(model: model, features: features), language: "ar")
        var rules = NEREvaluation()
        let extractor = try StatementExtractor.standard(taggers: [])
        for sentence in all[1_500..<2_000] {
            rules.add(gold: sentence.tags, predicted: NEREvaluation.predict(sentence.tokens, language: "ar", extractor: extractor))
        }
        #expect(tagged > 0.55, "tagger F1 \(tagged)")
        #expect(tagged > rules.total.f1 + 0.1, "tagger \(tagged) vs rules \(rules.total.f1)")
    }

    @Test("a model file reads back to the same tags; a cut or foreign file is a named error")
    func modelFile() throws {
        let training = Array(try Self.sentences("fa-peyma/train.conll").prefix(400))
        let features = NameTagFeatures.standard(language: "fa")
        let model = NameTaggerTrainer(features: features, epochs: 3).train(language: "fa", sentences: training)
        let folder = try temporaryFolder()
        let path = (folder as NSString).appendingPathComponent("fa.bin")
        try model.write(to: path)
        let read = try NameTaggerModel.load(path: path)
        #expect(read.language == "fa" && read.tags == model.tags && read.featureCount == model.featureCount)
        let sentence = ["سخنگوی", "وزارت", "امور", "خارجه", "ایران", "در", "تهران", "گفت"]
        #expect(NameTagger(model: read, features: features).tags(for: sentence) == NameTagger(model: model, features: features).tags(for: sentence))

        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        // A model trained on other features (the version after the magic and file version).
        var other = bytes
        other[12] = other[12] &+ 1
        try other.write(to: URL(fileURLWithPath: path))
        do { _ = try NameTaggerModel.load(path: path); Issue.record("a model of other features was read") } catch {
            #expect(error.problem.contains("features of version"), "\(error)")
        }
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: path))
        #expect(throws: NameResourceError.self) { try NameTaggerModel.load(path: path) }
        do { _ = try NameTaggerModel.load(path: path) } catch {
            #expect(error.path == path && error.description.contains("make models"))
        }
        try Data("not a model".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: NameResourceError.self) { try NameTaggerModel.load(path: path) }
        #expect(throws: NameResourceError.self) { try NameTaggerModel.load(path: folder + "/missing.bin") }
    }

    @Test("given tokens are split as articles are, a name keeping one B- tag")
    func claimTokenized() {
        let sentence = (tokens: ["قال", "المتحدث", "باسم", "الأمم", "المتحدة", "(", "أ.ف.ب", ")"],
                        tags: ["O", "O", "O", "B-ORG", "I-ORG", "O", "B-ORG", "O"])
        let split = NameTaggerTrainer.claimTokenized(sentence)
        #expect(split.tokens.count == split.tags.count)
        #expect(Array(split.tags.prefix(5)) == ["O", "O", "O", "B-ORG", "I-ORG"])
        // أ.ف.ب, however the tokenizer cuts it, is one organization, begun once.
        let agency = zip(split.tokens, split.tags).drop { !$0.0.hasPrefix("أ") }.prefix { $0.0 != ")" }
        #expect(agency.first?.1 == "B-ORG" && agency.dropFirst().allSatisfy { $0.1 == "I-ORG" })
    }

    @Test("the installed taggers (make taggers) find people, places and organizations in sentences written here")
    func installedTaggers() throws {
        let installed = Dictionary(uniqueKeysWithValues: NameTagger.installed.taggers.map { ($0.model.language, $0) })
        #expect(installed.count == 3, "taggers missing: \(NameTagger.installed.problems); run `make taggers` with ../shared present")
        let extractor = try StatementExtractor.standard()
        func names(_ text: String, _ language: String) -> [(String, EntityType)] {
            let claims = extractor.extract(original: text, paragraphs: [TextSpan(start: 0, end: text.unicodeScalars.count)], language: language)
            return claims.mentions.map { ($0.text, $0.type) }
        }
        if installed["ar"] != nil {
            let found = names("واستقبل الرئيس اللبناني ميشال عون في بيروت وفدا من الأمم المتحدة برئاسة إرنستو ريغو.", "ar")
            #expect(found.contains { $0.0 == "بيروت" && $0.1 == .place }, "\(found)")
            #expect(found.contains { $0.0 == "ميشال عون" && $0.1 == .person }, "\(found)")
            #expect(found.contains { $0.0 == "الأمم المتحدة" && $0.1 == .organization }, "\(found)")
        }
        if installed["fa"] != nil {
            let found = names("حسن روحانی رئیس جمهور ایران روز دوشنبه در تهران با هیئتی از سازمان ملل متحد دیدار کرد.", "fa")
            #expect(found.contains { $0.0 == "حسن روحانی" && $0.1 == .person }, "\(found)")
            #expect(found.contains { $0.0 == "تهران" && $0.1 == .place }, "\(found)")
            #expect(found.contains { $0.0.contains("سازمان ملل") && $0.1 == .organization }, "\(found)")
        }
        if installed["en"] != nil {
            let found = names("On Monday Angela Merkel met officials of the World Health Organization in Geneva.", "en")
            #expect(found.contains { $0.0 == "Angela Merkel" && $0.1 == .person }, "\(found)")
            #expect(found.contains { $0.0 == "Geneva" && $0.1 == .place }, "\(found)")
            #expect(found.contains { $0.0.contains("World Health Organization") && $0.1 == .organization }, "\(found)")
        }
    }
}
