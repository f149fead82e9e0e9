import Foundation
import IsnadEvaluation
import IsnadEncoder
import IsnadIngest
import IsnadStories
import Testing

/// Shared, loaded once: the encoder-backed embedder (no disk cache, so tests measure the real path).
enum StoryFixtures {
    static let embedder: Result<StoryEmbedder, EncoderError> = Result { () throws(EncoderError) in
        StoryEmbedder(encoder: try E5Encoder(threads: 2))
    }

    static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    static func articles(_ paths: [String]) -> [Article] {
        let analysis = BatchAnalysis()
        return analysis.articles(from: analysis.read(paths: paths).documents, until: .analyze)
    }
}

@Suite("Story engine")
struct StoryEngineTests {
    @Test("story days: real dates only, and the day number and the date agree both ways")
    func storyDays() {
        #expect(StoryArticle.day(of: "2018-02-31") == nil)
        #expect(StoryArticle.day(of: "2019-02-29") == nil)
        #expect(StoryArticle.day(of: "2020-02-29") != nil)
        #expect(StoryArticle.day(of: "2018-13-01") == nil)
        for date in ["1970-01-01", "2018-03-12", "2000-02-29", "1999-12-31", "2026-12-02"] {
            #expect(StoryArticle.day(of: date).map(StoryPipeline.date(ofDay:)) == date)
        }
        #expect(StoryArticle.day(of: "2018-03-12T09:30:00Z") == StoryArticle.day(of: "2018-03-12"))
    }

    @Test("the five seeds form exactly one story among 500 unrelated articles, and nothing else joins it")
    func seedsAmongDistractors() throws {
        var embedder = try StoryFixtures.embedder.get()
        let seeds = StoryFixtures.articles([try SharedData.require("corpus/seeds")])
        #expect(seeds.count == 5)
        var seen = Set<String>()
        let distractors = try SharedData.semevalTexts().filter { item in
            !item.text.contains("غوطة") && !item.text.contains("Ghouta") && !item.text.contains("غوطه") && seen.insert(item.text).inserted
        }.prefix(500)
        #expect(distractors.count == 500)
        let seedVectors = try embedder.embed(seeds.map { ($0.title, $0.text) })
        let distractorVectors = try embedder.embed(distractors.map { ("", $0.text) })
        var stream: [StoryArticle] = []
        var seedPositions: [Int] = []
        var seedIndex = 0
        for (index, item) in distractors.enumerated() {
            if index % 100 == 50, seedIndex < seeds.count {
                seedPositions.append(stream.count)
                stream.append(StoryArticle(seeds[seedIndex], order: stream.count, embedding: seedVectors[seedIndex].vector))
                seedIndex += 1
            }
            stream.append(StoryArticle(id: "d\(index)", language: item.language, outlet: nil, title: "", published: nil,
                                       order: stream.count, embedding: distractorVectors[index].vector, text: item.text))
        }
        let analysis = StoryEngine().analyze(stream)
        let seedStories = Set(seedPositions.map { analysis.storyOfArticle[$0] })
        #expect(seedStories.count == 1, "seeds spread over \(seedStories.count) stories")
        let story = try #require(seedStories.first ?? nil)
        #expect(analysis.stories[story].articles.sorted() == seedPositions.sorted(),
                "the seed story has \(analysis.stories[story].articles.count) articles")
        #expect(Set(analysis.stories[story].languages) == ["ar", "fa"])
    }

    @Test("a wire text republished by two outlets is one syndication group and one independent source")
    func syndication() throws {
        var embedder = try StoryFixtures.embedder.get()
        let root = StoryFixtures.packageRoot + "/samples/"
        let articles = StoryFixtures.articles([root + "en/stena-impero-harbour-times.txt", root + "html/stena-impero-pacific-ledger.html",
                                               root + "fa/stena-impero-parsnama.txt", root + "en/jwst-first-images-orbit-weekly.txt"])
        #expect(articles.count == 4)
        let vectors = try embedder.embed(articles.map { ($0.title, $0.text) })
        let stream = articles.enumerated().map { StoryArticle($1, order: $0, embedding: vectors[$0].vector) }
        let analysis = StoryEngine().analyze(stream)
        let wire = articles.indices.filter { articles[$0].path.contains("harbour") || articles[$0].path.contains("ledger") }
        #expect(wire.count == 2)
        #expect(analysis.syndicationGroup[wire[0]] == analysis.syndicationGroup[wire[1]])
        #expect(analysis.storyOfArticle[wire[0]] == analysis.storyOfArticle[wire[1]])
        let story = try #require(analysis.storyOfArticle[wire[0]])
        let members = analysis.stories[story].articles
        #expect(analysis.stories[story].independentSources == members.count - 1)
        let telescope = try #require(articles.firstIndex { $0.path.contains("jwst") })
        #expect(analysis.storyOfArticle[telescope] != story)
    }

    @Test("the same article twice is a duplicate; one-line and undated articles are handled")
    func duplicatesAndOddInput() throws {
        let text = String(repeating: "The opposition factions in Eastern Ghouta denied on Sunday any negotiation with Russian officers. ", count: 6)
        let a = StoryArticle(id: "x1", language: "en", outlet: "A", title: "Factions deny talks", published: "2018-03-11", order: 0,
                             embedding: nil, text: text)
        var b = a
        b.id = "x2"; b.order = 1
        let short = StoryArticle(id: "x3", language: "en", outlet: "B", title: "Breaking", published: nil, order: 2, embedding: nil,
                                 text: "Breaking news")
        let analysis = StoryEngine().analyze([a, b, short])
        #expect(analysis.duplicateOf[1] == 0)
        #expect(analysis.storyOfArticle[0] == analysis.storyOfArticle[1])
        #expect(analysis.stories[analysis.storyOfArticle[0] ?? 0].independentSources == 1)
        #expect(analysis.storyOfArticle[2] == nil)
        #expect(analysis.decisions[2].action == .skipped && analysis.decisions[2].note?.contains("too short") == true)
        #expect(analysis.decisions[0].note?.contains("lexical evidence only") == true)
    }

    @Test("site messages (error pages, sign-in walls, cookie notices) are reported, not clustered into a story")
    func siteMessages() throws {
        var embedder = try StoryFixtures.embedder.get()
        let texts: [(language: String, title: String, body: String)] = [
            ("en", "Error 404", "Oops, we can't seem to find the page you were after. It may have been taken down or the link you followed is broken. Head back to our front page, or use the search box above to find today's top stories and latest headlines."),
            ("de", "Anmeldung erforderlich", "Melden Sie sich mit Ihrer E-Mail-Adresse und Ihrem Passwort an, um diesen Beitrag weiterzulesen. Noch kein Konto? Registrieren Sie sich jetzt kostenlos und lesen Sie unbegrenzt alle Artikel auf unserer Seite."),
            ("ar", "عذراً", "عذراً، يبدو أن متصفحك لا يدعم تشغيل جافا سكريبت أو أن ملفات تعريف الارتباط معطلة. يرجى تفعيلها ثم تحديث الصفحة والمحاولة مرة أخرى. إذا استمرت المشكلة يرجى التواصل مع فريق الدعم الفني لدينا."),
            ("en", "Port workers end strike", "Dock workers at the country's largest container port returned to work on Tuesday after their union accepted a pay offer that ends a nine-day strike. Shipping agents said the queue of vessels waiting offshore would take about a week to clear, and the port authority promised extra night shifts."),
            ("fa", "بازگشایی مدارس", "وزارت آموزش و پرورش روز شنبه اعلام کرد که مدارس استان‌های شمالی پس از فروکش کردن سیلاب از هفته آینده دوباره باز می‌شوند. به گفته این وزارتخانه، ساختمان ده‌ها مدرسه آسیب دیده و کلاس‌های آنها در مدارس مجاور برگزار خواهد شد."),
        ]
        let vectors = try embedder.embed(texts.map { ($0.title, $0.body) })
        let articles = texts.enumerated().map { index, text in
            StoryArticle(id: "s\(index)", language: text.language, outlet: "Outlet \(index)", title: text.title, published: "2024-02-01",
                         order: index, embedding: vectors[index].vector, text: text.title + "\n" + text.body)
        }
        let analysis = StoryEngine().analyze(articles)
        for index in 0..<3 {
            #expect(analysis.storyOfArticle[index] == nil, "site message \(index) was clustered")
            #expect(analysis.decisions[index].note?.contains("not a report") == true)
        }
        for index in 3..<5 { #expect(analysis.storyOfArticle[index] != nil, "report \(index) was not clustered") }
    }

    @Test("BCubed and pairwise metrics on a worked example")
    func metrics() {
        // gold: {0,1,2} {3,4}; predicted: {0,1} {2,3,4}
        let b = ClusterMetrics.bcubed(predicted: [0, 0, 1, 1, 1], gold: [0, 0, 0, 1, 1])
        #expect(abs(b.precision - (1 + 1 + 1.0 / 3 + 2.0 / 3 + 2.0 / 3) / 5) < 1e-9)
        #expect(abs(b.recall - (2.0 / 3 + 2.0 / 3 + 1.0 / 3 + 1 + 1) / 5) < 1e-9)
        let p = ClusterMetrics.pairwise(predicted: [0, 0, 1, 1, 1], gold: [0, 0, 0, 1, 1])
        #expect(abs(p.precision - 2.0 / 4) < 1e-9 && abs(p.recall - 2.0 / 4) < 1e-9)
        let l = ClusterMetrics.labeledPairs(predicted: [0, 0, 1], pairs: [(0, 1, true), (1, 2, true), (0, 2, false)])
        #expect(l.precision == 1 && l.recall == 0.5)
    }
}

@Suite("Story engine across scripts")
struct CrossScriptStoryTests {
    @Test("the demo corpus's Beirut reports in English, Arabic and Persian form one story of their own")
    func beirutAcrossScripts() throws {
        var embedder = try StoryFixtures.embedder.get()
        let articles = StoryFixtures.articles([StoryFixtures.packageRoot + "/samples"])
        let vectors = try embedder.embed(articles.map { ($0.title, $0.text) })
        let stream = articles.enumerated().map { StoryArticle($1, order: $0, embedding: vectors[$0].vector) }
        let analysis = StoryEngine().analyze(stream)
        let beirut = articles.indices.filter { index in
            ["Beirut", "بيروت", "بیروت"].contains { articles[index].title.contains($0) }
        }
        #expect(Set(beirut.map { articles[$0].language }) == ["ar", "en", "fa"])
        let stories = Set(beirut.map { analysis.storyOfArticle[$0] })
        #expect(stories.count == 1, "the Beirut reports are spread over \(stories.count) stories")
        let story = try #require(stories.first ?? nil)
        let outsiders = analysis.stories[story].articles.filter { !beirut.contains($0) }.map { articles[$0].title }
        #expect(outsiders.isEmpty, "other reports joined the Beirut story: \(outsiders)")
    }
}
