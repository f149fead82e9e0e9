import Foundation
import GRDB

/// Opening a store for reading only (`isnad articles`, `article`, `search`, `stories`, `story`).
///
/// A reader must work on a store it may only read (a file 0444 in a folder 0555) and must leave
/// nothing behind: SQLite in WAL mode creates `-wal` and `-shm` files for any connection that can,
/// read-only ones included, and a read-only connection does not remove them when it closes. Made
/// by another user, they lock the store's owner out. So a reader never writes, never migrates,
/// and when the store has no `-wal` file (it was closed cleanly and no writer is connected:
/// every committed page is in the main file) it opens the file as immutable, which needs
/// neither file. When a `-wal` exists, a writer is at work or did not close: the reader uses the
/// existing `-wal` and `-shm` read-only and creates nothing.
///
/// Limitation: a writer that starts while an immutable reader is reading and checkpoints into
/// the main file before the read ends can make that read fail or see a mix of versions; the
/// store itself is never affected, and reads take a fraction of a second.
extension ArticleStore {
    /// Opens the existing store at `path` for reading only; a missing path is an error telling
    /// how to create the store, never an empty new store.
    public static func openForReading(path: String) throws(StoreError) -> ArticleStore {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw StoreError(path: path, message: "no store here: run `isnad ingest PATH...` first (or pass --store)", cause: .user)
        }
        return try ArticleStore(path: path, readOnly: true)
    }

    /// What SQLite is given to open a store read-only: the path when a `-wal` file exists, else
    /// an immutable URI (`file:/abs/path?immutable=1`), which creates no `-wal` or `-shm`.
    static func readOnlyLocation(_ path: String) -> String {
        if FileManager.default.fileExists(atPath: path + "-wal") { return path }
        let absolute = path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "/-._~")
        let encoded = absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute
        return "file:" + encoded + "?immutable=1"
    }

    /// Refuses a store whose schema this version would have to migrate (a reader cannot).
    static func checkReadable(_ queue: any DatabaseReader, path: String) throws -> Void {
        let current = try queue.read { db in try StoreMigrations.migrator.hasCompletedMigrations(db) }
        guard current else {
            throw StoreError(path: path, message: "the store was written by an older version of Isnad and must be upgraded: "
                + "run `isnad recluster` once with write access to it", cause: .user)
        }
    }
}
