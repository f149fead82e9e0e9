import GRDB

/// The store's schema, one migration per release, registered in order and never edited.
enum StoreMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-articles") { db in
            try db.create(table: "articles") { t in
                t.primaryKey("seq", .integer)
                t.column("id", .text).notNull().unique()
                t.column("path", .text).notNull()
                t.column("item", .integer)
                t.column("format", .text).notNull()
                t.column("encoding", .text).notNull()
                t.column("language", .text).notNull().indexed()
                t.column("languageConfidence", .double).notNull()
                t.column("title", .text).notNull()
                t.column("titleStart", .integer)
                t.column("titleEnd", .integer)
                t.column("outlet", .text).indexed()
                t.column("outletEvidence", .text)
                t.column("credits", .text).notNull()
                t.column("published", .text).indexed()
                t.column("url", .text)
                t.column("original", .text).notNull()
                t.column("text", .text).notNull()
                t.column("paragraphs", .text).notNull()
                t.column("removed", .text).notNull()
                t.column("ingestedAt", .text).notNull()
            }
            try db.create(virtualTable: "articles_fts", using: FTS5()) { t in
                t.synchronize(withTable: "articles")
                t.tokenizer = IsnadFTSTokenizer.tokenizerDescriptor()
                t.column("title")
                t.column("text")
            }
            try db.create(table: "sources") { t in
                t.column("path", .text).notNull()
                t.column("item", .integer).notNull()
                t.column("articleID", .text).notNull().indexed().references("articles", column: "id", onDelete: .cascade)
                t.column("ingestedAt", .text).notNull()
                t.primaryKey(["path", "item"])
            }
            try db.create(table: "furnitureGroups") { t in
                t.primaryKey("name", .text)
                t.column("documents", .integer).notNull()
            }
            try db.create(table: "furnitureLines") { t in
                t.column("groupName", .text).notNull()
                t.column("lineKey", .integer).notNull()
                t.column("documents", .integer).notNull()
                t.primaryKey(["groupName", "lineKey"])
            }
        }
        migrator.registerMigration("v2-stories") { db in
            // What the story stage reads of each article, so re-clustering never re-reads sources.
            try db.create(table: "articleSignals") { t in
                t.primaryKey("articleID", .text).references("articles", column: "id", onDelete: .cascade)
                t.column("day", .integer)
                t.column("terms", .blob).notNull()
                t.column("numbers", .blob).notNull()
                t.column("signature", .blob).notNull()
                t.column("wordCount", .integer).notNull()
                t.column("vector", .blob)
                t.column("note", .text)
            }
            try db.create(table: "stories") { t in
                t.primaryKey("id", .integer)
                t.column("title", .text).notNull()
                t.column("language", .text).notNull()
                t.column("languages", .text).notNull()
                t.column("outlets", .text).notNull()
                t.column("independentSources", .integer).notNull()
                t.column("articleCount", .integer).notNull()
                t.column("firstPublished", .text)
                t.column("lastPublished", .text)
            }
            try db.create(table: "storyArticles") { t in
                t.primaryKey("articleID", .text).references("articles", column: "id", onDelete: .cascade)
                t.column("storyID", .integer).indexed().references("stories", column: "id", onDelete: .setNull)
                t.column("position", .integer).notNull()
                t.column("duplicateOf", .text)
                t.column("syndicationOf", .text)
                t.column("decision", .text).notNull()
            }
        }
        migrator.registerMigration("v3-fts-explicit-insert") { db in
            // With the insert trigger FTS5 wrote an index segment per article (it flushes at every
            // statement savepoint), and merging them took most of the ingest time.
            // `ArticleStore.save` indexes a whole batch in one statement instead; delete and
            // update still go through the triggers.
            try db.execute(sql: "DROP TRIGGER IF EXISTS \"__articles_fts_ai\"")
            // Terms of a whole batch stay in memory until commit (the default 1 MB flushes often).
            try db.execute(sql: "INSERT INTO articles_fts(articles_fts, rank) VALUES ('hashsize', \(32 << 20))")
        }
        migrator.registerMigration("v4-name-keys") { db in
            // Cross-script name keys of each article (see NameKeys). Rows stored before stay NULL
            // until StoryUpdater recomputes their word signals from the stored text.
            try db.alter(table: "articleSignals") { t in t.add(column: "nameKeys", .blob) }
        }
        migrator.registerMigration("v5-stable-stories") { db in
            // Story ids are kept for life: a merged story stays as a row pointing at the story it
            // went into; `position` of storyArticles is the article's place in the story stream.
            try db.alter(table: "stories") { t in
                t.add(column: "mergedInto", .integer)
                t.add(column: "createdAt", .text)
                t.add(column: "updatedAt", .text)
            }
            try db.create(index: "storyArticles_position", on: "storyArticles", columns: ["position"])
            try db.create(index: "articleSignals_day", on: "articleSignals", columns: ["day"])
            // The story engine's state after the last update (see StoryStream+Snapshot), so that
            // the next ingest places only its new articles.
            try db.create(table: "storyEngineState") { t in
                t.primaryKey("name", .text)
                t.column("version", .integer).notNull()
                t.column("articles", .integer).notNull()
                t.column("state", .blob).notNull()
                t.column("savedAt", .text).notNull()
            }
            // The term-count sketch of that state, one row per non-zero counter (see TermCounts):
            // an ingest reads and writes only the counters of its own articles' terms.
            try db.create(table: "storyTermCounts") { t in
                t.primaryKey("slot", .integer)
                t.column("count", .integer).notNull()
            }
        }
        migrator.registerMigration("v5-furniture-documents") { db in
            // The documents learned furniture has counted, by content (see FurnitureDocuments), so
            // that ingesting the same files again does not count their lines again. Every stored
            // article was counted when it was stored.
            try db.create(table: "furnitureDocuments") { t in t.primaryKey("contentKey", .integer) }
            let insert = try db.makeStatement(sql: "INSERT OR IGNORE INTO furnitureDocuments (contentKey) VALUES (?)")
            let originals = try String.fetchCursor(db, sql: "SELECT original FROM articles")
            while let original = try originals.next() { try insert.execute(arguments: [FurnitureDocuments.key(of: original)]) }
        }
        migrator.registerMigration("v6-story-work-queues") { db in
            // What the story stage still has to do, so that an ingest into a large store finds its
            // few new articles without scanning every article and signal (wide rows: 1 GB at
            // 200,000 articles): articles awaiting signals, and articles with signals awaiting a
            // story. Filled from the store's state; kept in the transactions that change it.
            try db.create(table: "awaitingSignals") { t in t.primaryKey("articleSeq", .integer) }
            try db.execute(sql: """
                INSERT INTO awaitingSignals (articleSeq) SELECT a.seq FROM articles a
                LEFT JOIN articleSignals s ON s.articleID = a.id WHERE s.articleID IS NULL
                """)
            try db.create(table: "awaitingStory") { t in t.primaryKey("articleSeq", .integer) }
            try db.execute(sql: """
                INSERT INTO awaitingStory (articleSeq) SELECT a.seq FROM articles a JOIN articleSignals s ON s.articleID = a.id
                LEFT JOIN storyArticles m ON m.articleID = a.id WHERE m.articleID IS NULL
                """)
            // The copy detector's window (the last 50,000 articles of the story stream): each
            // article's MinHash signature and syndication group, and its LSH band keys, so that
            // an ingest looks up the candidates of its own articles instead of loading the window.
            try db.create(table: "copyWindow") { t in
                t.primaryKey("position", .integer)
                t.column("articleID", .text).notNull()
                t.column("groupPosition", .integer).notNull()
                t.column("signature", .blob)
            }
            try db.create(table: "copyBands") { t in
                t.column("bandKey", .integer).notNull()
                t.column("position", .integer).notNull()
            }
            try db.create(index: "copyBands_key", on: "copyBands", columns: ["bandKey", "position"])
            try db.create(index: "copyBands_position", on: "copyBands", columns: ["position"])
            // The story engine's term index (term → the stories that have it, oldest first): an
            // ingest reads and writes only the entries of its own articles' terms.
            try db.create(table: "storyTermIndex") { t in
                t.primaryKey("term", .integer)
                t.column("stories", .blob).notNull()
            }
            // `isnad stories` (latest first) and the story count read this index, not every story.
            try db.execute(sql: """
                CREATE INDEX stories_latest ON stories(lastPublished DESC, articleCount DESC, id)
                WHERE mergedInto IS NULL AND articleCount > 0
                """)
            // Merges follow pointers to a story (`mergedInto = ?`): without an index each merge of a
            // rebuild scanned every story.
            try db.execute(sql: "CREATE INDEX stories_mergedInto ON stories(mergedInto) WHERE mergedInto IS NOT NULL")
            // Signals written before name keys existed (recomputed on the next update).
            try db.execute(sql: "CREATE INDEX articleSignals_withoutNameKeys ON articleSignals(articleID) WHERE nameKeys IS NULL")
        }
        migrator.registerMigration("v7-article-claims") { db in
            // Who said what, per article: the extractor's result as JSON with the version of the
            // rules that made it (newer rules re-read older rows), and the articles still to read.
            try db.create(table: "articleClaims") { t in
                t.primaryKey("articleSeq", .integer)
                t.column("version", .integer).notNull()
                t.column("claims", .text).notNull()
            }
            try db.create(index: "articleClaims_version", on: "articleClaims", columns: ["version"])
            try db.create(table: "awaitingClaims") { t in t.primaryKey("articleSeq", .integer) }
            try db.execute(sql: "INSERT INTO awaitingClaims (articleSeq) SELECT seq FROM articles")
        }
        return migrator
    }
}
