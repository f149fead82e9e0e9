import Foundation
import GRDB
import Testing
import IsnadIngest
import IsnadStore

/// Tests run as root, which file permissions do not stop: these check what `Configuration.readonly`
/// and the immutable open guarantee (no write succeeds, no `-wal`/`-shm` appears). The command-line
/// suite runs the readers as another user to check the permissions themselves.
@Suite("Read-only stores")
struct ReadOnlyStoreTests {
    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// A store of three articles, written and closed cleanly (no `-wal` left).
    static func closedStore() throws -> (folder: String, path: String) {
        let folder = try temporaryFolder()
        let news = (folder as NSString).appendingPathComponent("news")
        try FileManager.default.createDirectory(atPath: news, withIntermediateDirectories: true)
        try write("مرکز آشتی روسیه\n\nسخنگوی مرکز گفت نمایندگان با رهبران گروه دیدار کردند.", news, "fa.txt")
        try write("مركز المصالحة الروسي\n\nقال المتحدث باسم المركز إن ٢٤ مدنيا خرجوا من الغوطة.", news, "ar.txt")
        try write("Russian reconciliation centre\n\nThe spokesman said 24 civilians left the area on Sunday.", news, "en.txt")
        let path = (folder as NSString).appendingPathComponent("s.sqlite")
        do {
            let store = try ArticleStore(path: path)
            _ = try Ingestor(store: store).run(paths: [news])
        }
        return (folder, path)
    }

    @Test("a store 0444 in a folder 0555 is read; the reader writes nothing, not even -wal/-shm")
    func readOnlyFile() throws {
        let (folder, path) = try Self.closedStore()
        try #require(!Self.exists(path + "-wal") && !Self.exists(path + "-shm"), "the writer did not close cleanly")
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder) }
        do {
            let store = try ArticleStore.openForReading(path: path)
            #expect(try store.count() == 3)
            #expect(try store.summaries().count == 3)
            #expect(try Set(store.search("مرکز").map(\.language)) == ["ar", "fa"])
            #expect(try store.stories().isEmpty)
            #expect(!Self.exists(path + "-wal") && !Self.exists(path + "-shm"), "a reader created -wal/-shm")
            // Read-only for real (root ignores the file mode, not the connection's flag).
            #expect(throws: StoreError.self) { try store.save([]) }
        }
        #expect(!Self.exists(path + "-wal") && !Self.exists(path + "-shm"), "a reader left -wal/-shm")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["news", "s.sqlite"])
    }

    @Test("while a writer is connected (a -wal exists) a reader sees its commits and creates nothing")
    func readerBesideWriter() throws {
        let (folder, path) = try Self.closedStore()
        let writer = try ArticleStore(path: path)
        let more = (folder as NSString).appendingPathComponent("more")
        try FileManager.default.createDirectory(atPath: more, withIntermediateDirectories: true)
        try write("Blast at Beirut port\n\nLebanon's health ministry said the toll rose to one hundred.", more, "beirut.txt")
        _ = try Ingestor(store: writer).run(paths: [more])
        #expect(Self.exists(path + "-wal"))
        let before = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        let reader = try ArticleStore.openForReading(path: path)
        #expect(try reader.count() == 4)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == before)
    }

    @Test("a missing store is an error naming `isnad ingest`, and no file is created")
    func missingStore() throws {
        let folder = try temporaryFolder()
        let path = (folder as NSString).appendingPathComponent("none.sqlite")
        do {
            _ = try ArticleStore.openForReading(path: path)
            Issue.record("a missing store was opened")
        } catch {
            #expect(error.description.contains("isnad ingest"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }
}
