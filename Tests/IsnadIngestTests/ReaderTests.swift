import Foundation
import Testing
@testable import IsnadIngest

@Suite("Readers")
struct ReaderTests {
    static let page = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <title>Flood barriers hold in Basra as river peaks | Tigris Daily</title>
        <meta property="og:title" content="Flood barriers hold in Basra as river peaks">
        <meta property="og:site_name" content="Tigris Daily">
        <meta property="article:published_time" content="2024-04-02T08:15:00Z">
        <script>var headline = "Subscribe now for unlimited stories";</script>
        </head><body>
        <header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav></header>
        <div class="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
        <article>
          <h1>Flood barriers hold in Basra as river peaks</h1>
          <time datetime="2024-04-02">2 April 2024</time>
          <div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
          <p>Temporary earth barriers along the Shatt al-Arab held overnight as the river reached its highest level in a decade, the provincial water authority said on Tuesday.</p>
          <p>Engineers had worked for three days to raise the embankments near the old port, where about 4,000 families live within a kilometre of the water.</p>
          <p>"The next 48 hours will decide whether we need to evacuate," the authority's director told reporters, adding that pumps had been moved from the southern districts.</p>
          <aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Drought hits marshes</a></li><li><a href="/b">Dam talks resume</a></li></ul></aside>
          <p>Farmers upstream said the water had already covered date groves that were planted after the last flood in 2019.</p>
        </article>
        <footer><p>© 2024 Tigris Daily. All rights reserved.</p><a href="/about">About us</a></footer>
        </body></html>
        """

    @Test("HTML: main text, title, outlet and date; furniture dropped")
    func html() throws {
        let folder = try Fixtures.temporaryFolder()
        let path = try Fixtures.write(Self.page, to: folder, "basra.html")
        let outcome = DocumentReader().read(path: path)
        let doc = try #require(outcome.documents.first)
        #expect(outcome.errors.isEmpty)
        #expect(doc.hints.title == "Flood barriers hold in Basra as river peaks")
        #expect(doc.hints.outlet == "Tigris Daily")
        #expect(doc.hints.published == "2024-04-02")
        let article = ArticleCleaner().clean(doc)
        #expect(article.paragraphs.count == 4)
        #expect(article.text.contains("Shatt al-Arab"))
        #expect(article.text.contains("date groves"))
        for junk in ["Share on", "Related stories", "cookies", "All rights reserved", "Subscribe", "Home", "Drought"] {
            #expect(!article.text.contains(junk), "kept furniture: \(junk)")
        }
        #expect(article.removed.markupBlocks > 0)
    }

    @Test("HTML nested 10,000 deep neither crashes nor hangs")
    func deepHTML() throws {
        let folder = try Fixtures.temporaryFolder()
        let deep = "<html><body>" + String(repeating: "<div>", count: 10_000) + "<p>Deeply nested but real text about the river flood in Basra today.</p>"
            + String(repeating: "</div>", count: 10_000) + "</body></html>"
        let path = try Fixtures.write(deep, to: folder, "deep.html")
        let outcome = DocumentReader().read(path: path)
        // libxml2 caps nesting depth: either the text is read or a clear error names the file.
        if let error = outcome.errors.first {
            #expect(error.path == path)
        } else {
            #expect(outcome.documents.count == 1)
        }
    }

    @Test("RSS with a DOCTYPE and an external entity: entity not resolved, no file read")
    func rssExternalEntity() throws {
        let folder = try Fixtures.temporaryFolder()
        let secret = try Fixtures.write("TOP-SECRET-CONTENT", to: folder, "secret.txt")
        let rss = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE rss [ <!ENTITY leak SYSTEM "file://\(secret)"> <!ENTITY remote SYSTEM "http://127.0.0.1:9/x"> ]>
            <rss version="2.0"><channel><title>Gulf Wire - World</title><language>en</language>
            <item><title>Tanker released after two months</title><link>https://gulfwire.example/tanker</link>
            <pubDate>Fri, 27 Sep 2019 10:00:00 GMT</pubDate>
            <description>&lt;p&gt;The tanker left port on Friday, officials said.&lt;/p&gt;&lt;p&gt;Its crew of 23 was &amp;leak; reported safe.&lt;/p&gt;</description></item>
            <item><title>Leak attempt &leak;</title><description>Second item text &leak; about the port reopening &remote; after the storm.</description></item>
            </channel></rss>
            """
        let path = try Fixtures.write(rss, to: folder, "wire.rss")
        let outcome = DocumentReader().read(path: path)
        #expect(outcome.errors.isEmpty, "\(outcome.errors)")
        #expect(outcome.documents.count == 2)
        for doc in outcome.documents {
            #expect(!doc.original.contains("TOP-SECRET"))
            #expect(doc.hints.outlet == "Gulf Wire")
        }
        #expect(outcome.documents[0].hints.published == "2019-09-27")
        #expect(outcome.documents[0].original.contains("The tanker left port on Friday"))
    }

    @Test("Atom entries become documents")
    func atom() throws {
        let folder = try Fixtures.temporaryFolder()
        let atom = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fa"><title>خبرگزاری نمونه</title>
            <entry><title>بازگشایی سفارت‌ها</title><link rel="alternate" href="https://example.org/1"/>
            <published>2023-04-06T09:00:00Z</published>
            <content type="html">&lt;p&gt;دو کشور اعلام کردند سفارت‌های خود را ظرف دو ماه بازگشایی می‌کنند.&lt;/p&gt;</content></entry>
            </feed>
            """
        let outcome = DocumentReader().read(path: try Fixtures.write(atom, to: folder, "feed.atom"))
        let doc = try #require(outcome.documents.first)
        #expect(doc.format == .atom)
        #expect(doc.hints.published == "2023-04-06")
        #expect(doc.original.contains("ظرف دو ماه"))
    }

    @Test("JSONL: a bad line is reported with its number, the others kept")
    func jsonl() throws {
        let folder = try Fixtures.temporaryFolder()
        let lines = [
            #"{"title": "Ceasefire extended", "text": "Both sides agreed to extend the truce by 72 hours.", "outlet": "Wire One", "published": "2024-01-05", "language": "en"}"#,
            #"{"title": "broken", "text": "#,
            #"{"title": "تمديد الهدنة", "body": "اتفق الطرفان على تمديد الهدنة ثلاثة أيام.", "source": "وكالة الأنباء"}"#,
            #"{"title": "no text here"}"#,
        ]
        let outcome = DocumentReader().read(path: try Fixtures.write(lines.joined(separator: "\n"), to: folder, "items.jsonl"))
        #expect(outcome.documents.count == 2)
        #expect(outcome.documents[1].hints.outlet == "وكالة الأنباء")
        #expect(outcome.errors.map(\.line) == [2, 4])
    }

    @Test("CSV: quoted commas and line breaks; a short row is reported")
    func csv() throws {
        let folder = try Fixtures.temporaryFolder()
        let csv = "title,text,outlet,published\n\"Talks, again\",\"First paragraph, with a comma.\n\nSecond \"\"quoted\"\" paragraph.\",Desk,2024-02-01\nonly,two\n"
        let outcome = DocumentReader().read(path: try Fixtures.write(csv, to: folder, "rows.csv"))
        let doc = try #require(outcome.documents.first)
        #expect(doc.hints.title == "Talks, again")
        #expect(doc.original.contains("Second \"quoted\" paragraph."))
        #expect(outcome.errors.first?.line == 5)  // the quoted record spans lines 2–4
    }
}

@Suite("Script stripping before parsing")
struct ScriptStripperTests {
    func strip(_ html: String) -> String {
        String(decoding: ScriptStripper.strip(Array(html.utf8)), as: UTF8.self)
    }

    @Test("script and style bodies go; JSON-LD, text and tags stay")
    func strips() {
        let html = """
            <p>Before</p><SCRIPT type="text/javascript">var a = "<p>not text</p>"; if (a > 1) {}</SCRIPT>\
            <style media="x>y">p { color: red }</style><script type="application/ld+json">{"datePublished": "2024-05-01"}</script>\
            <p>After</p><scripts>kept</scripts>
            """
        let out = strip(html)
        #expect(out.contains("<p>Before</p>") && out.contains("<p>After</p>"))
        #expect(!out.contains("not text") && !out.contains("color: red"))
        #expect(out.contains("datePublished"))
        #expect(out.contains(#"<SCRIPT type="text/javascript"></SCRIPT>"#))
        #expect(out.contains("<scripts>kept</scripts>"))
    }

    @Test("comments and inline SVG go too")
    func commentsAndSVG() {
        let out = strip("<p>A</p><!-- <p>hidden</p> --><svg viewBox=\"0 0 1 1\"><path d=\"M0 0\"/></svg><p>B</p><!-- open")
        #expect(out == "<p>A</p><svg viewBox=\"0 0 1 1\"></svg><p>B</p><!-- open")
    }

    @Test("an unterminated script leaves the rest to the parser")
    func unterminated() {
        let html = "<p>Text</p><script>never closed <p>tail</p>"
        #expect(strip(html) == html)
    }

    @Test("JSON-LD dates survive into the page metadata")
    func jsonLD() throws {
        let html = """
            <html><head><script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-05-01T10:00:00Z",
            "headline": "Harbour cranes return to work", "publisher": {"name": "Port Gazette"}}</script>
            <script>document.write("<p>Injected text that is not the article.</p>")</script></head>
            <body><article><p>The harbour's cranes were back at work on Wednesday after a two-week strike over night-shift pay ended with an agreement.</p>
            <p>Shipping agents said the backlog of containers would take about ten days to clear.</p></article></body></html>
            """
        let page = try #require(HTMLExtractor().extract(utf8: Array(html.utf8)))
        #expect(page.published == "2024-05-01")
        #expect(page.title == "Harbour cranes return to work")
        #expect(page.outlet == "Port Gazette")
        #expect(page.blocks.count == 2)
        #expect(!page.blocks.joined().contains("Injected"))
    }

    @Test("start tags keep only the attributes extraction reads; odd tags pass unchanged")
    func attributes() {
        let html = #"<div data-props='{"a": "x>y"}' CLASS="share-bar" id=main srcset="a.jpg 1x, b.jpg 2x"><a href="/x" title="t">Link</a>"#
            + #"<link rel="canonical" href="https://news.example/item"><img src="p.jpg" alt="A > B"/><p hidden>Quiet</p>"#
        #expect(strip(html) == #"<div CLASS="share-bar" id=main><a>Link</a><link rel="canonical" href="https://news.example/item"><img><p hidden>Quiet</p>"#)
        let open = #"<p class="lead">Text</p><div title="never closed>"#
        #expect(strip(open) == #"<p class="lead">Text</p><div title="never closed>"#)
    }

    @Test("metadata and furniture attributes survive the filter")
    func attributesUsedByExtraction() throws {
        let html = """
            <html lang="fa"><head><meta property="og:site_name" content="Tehran Daily" data-x="1">
            <link rel="canonical" href="https://tehran.example/a/1"></head>
            <body><div class="social-share" data-track='{"x": 1}'><p>Share this</p></div>
            <article data-id="42"><p>The municipality said on Sunday that the new metro line would open to passengers next month after safety tests.</p></article></body></html>
            """
        let page = try #require(HTMLExtractor().extract(utf8: Array(html.utf8)))
        #expect(page.outlet == "Tehran Daily")
        #expect(page.url == "https://tehran.example/a/1")
        #expect(page.language == "fa")
        #expect(page.blocks.count == 1 && page.blocks[0].hasPrefix("The municipality"))
    }
}
