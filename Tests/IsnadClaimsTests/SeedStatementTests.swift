import Foundation
import IsnadClaims
import IsnadEvaluation
import IsnadIngest
import IsnadText
import Testing

/// Who said what on the five seed reports (four Arabic, one Persian) of the Eastern Ghouta story.
@Suite("Who said what on the seeds")
struct SeedStatementTests {
    struct Seed {
        var name: String
        var article: Article
        var claims: ArticleClaims
    }

    static func seeds() throws -> [Seed] {
        let folder = try SharedData.require("corpus/seeds")
        let analysis = BatchAnalysis(reader: DocumentReader())
        let read = analysis.read(inputs: [InputPath(folder)])
        let articles = analysis.articles(from: read.documents, until: .analyze).sorted { $0.path < $1.path }
        let extractor = try StatementExtractor.standard()
        return articles.map { article in
            Seed(name: (article.path as NSString).lastPathComponent, article: article,
                 claims: extractor.extract(original: article.original, paragraphs: ClaimsInput.spans(of: article), language: article.language))
        }
    }

    static func slice(_ text: String, _ span: TextSpan) -> String {
        let scalars = Array(text.unicodeScalars)
        return String(String.UnicodeScalarView(scalars[span.start..<span.end]))
    }

    @Test("every mention and statement span slices the original exactly")
    func spansSlice() throws {
        for seed in try Self.seeds() {
            #expect(!seed.claims.statements.isEmpty, "\(seed.name): no statements")
            for mention in seed.claims.mentions { #expect(Self.slice(seed.article.original, mention.span) == mention.text, "\(seed.name)") }
            for s in seed.claims.statements {
                #expect(Self.slice(seed.article.original, s.cueSpan) == s.cue)
                if let span = s.speakerSpan { #expect(Self.slice(seed.article.original, span) == s.speakerText) }
                if let mention = s.speakerMention { #expect(Self.slice(seed.article.original, mention.span) == mention.text) }
                #expect(s.contentSpans.map { Self.slice(seed.article.original, $0) }.joined(separator: " … ") == s.content)
                #expect(s.via.count == s.viaSpans.count)
            }
        }
    }

    @Test("Zolotukhin is one entity asserting in four reports, the Persian one included; Wael Alwan denies in 002, 003 and 004")
    func speakersAndStances() throws {
        let seeds = try Self.seeds()
        let entities = EntityResolver.resolve(seeds.map(\.claims))
        func entity(containing word: String) -> StoryEntity? {
            entities.first { $0.mentions.contains { MatchingKey.keys(of: $0.mention.text).contains(MatchingKey.key(word)) } && $0.type == .person }
        }
        func speaks(_ entity: StoryEntity, _ stance: Stance) -> Set<String> {
            var articles = Set<String>()
            for (index, seed) in seeds.enumerated() {
                let spans = Set(entity.mentions.filter { $0.article == index }.map(\.mention.span))
                if seed.claims.statements.contains(where: { $0.stance == stance && $0.speakerMention.map { spans.contains($0.span) } == true }) {
                    articles.insert(String(seed.name.prefix(3)))
                }
            }
            return articles
        }
        let zolotukhin = try #require(entity(containing: "زولوتوخين"))
        #expect(zolotukhin.mentions.contains { $0.mention.text.contains("زولوتوخین") }, "the Persian spelling joins the entity")
        let asserting = speaks(zolotukhin, .assert)
        #expect(asserting.count >= 4 && asserting.contains("001"), "Zolotukhin asserts in \(asserting.sorted())")
        let alwan = try #require(entity(containing: "علوان"))
        #expect(speaks(alwan, .deny).isSuperset(of: ["002", "003", "004"]), "Alwan denies in \(speaks(alwan, .deny).sorted())")
    }

    @Test("Faylaq al-Rahman and Jaysh al-Islam are each one entity across Arabic and Persian spellings")
    func organizationsAcrossScripts() throws {
        let seeds = try Self.seeds()
        let entities = EntityResolver.resolve(seeds.map(\.claims))
        for (arabic, persian) in [("فيلق الرحمن", "فیلق الرحمن"), ("جيش الإسلام", "جیش الاسلام")] {
            let holding = entities.filter { entity in
                entity.mentions.contains { MatchingKey.keys(of: $0.mention.text) == MatchingKey.keys(of: arabic) || MatchingKey.keys(of: $0.mention.text) == MatchingKey.keys(of: persian) }
            }
            #expect(holding.count == 1, "\(arabic): \(holding.map { $0.mentions.map(\.mention.text) })")
            let scripts = Set(holding.first?.mentions.map { seeds[$0.article].article.language } ?? [])
            #expect(scripts.isSuperset(of: ["ar", "fa"]), "\(arabic) in \(scripts.sorted())")
        }
    }

    @Test("in 002 the Russian claim comes via RT, in 004 a statement via AFP")
    func viaChains() throws {
        let seeds = try Self.seeds()
        let s002 = try #require(seeds.first { $0.name.hasPrefix("002") })
        #expect(s002.claims.statements.contains { $0.via.contains("روسيا اليوم") && $0.speakerMention?.text.contains("زولوتوخين") == true })
        let s004 = try #require(seeds.first { $0.name.hasPrefix("004") })
        #expect(s004.claims.statements.contains { $0.via.contains { $0.contains("وكالة الصحافة الفرنسية") } })
    }
}
