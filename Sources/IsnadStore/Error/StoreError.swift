import GRDB

/// A store could not be opened, read or written. The message names the file and what to do;
/// `cause` says whose problem it is, and `underlying` keeps SQLite's own error.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// Whose problem it is, so that a user knows whether to fix a command, free disk space or
    /// restore a backup.
    public enum Cause: String, Sendable {
        /// The path, a permission, an argument or a missing store: the user can fix the command.
        case user
        /// Another process holds the store (a second `isnad ingest`): wait and run again.
        case busy
        /// The disk is full or failing (I/O error): free space or check the disk.
        case disk
        /// The file is not an Isnad store, or is damaged: restore a backup or rebuild it.
        case damaged
        /// Anything else (a defect of Isnad's, reported with SQLite's message).
        case other
    }

    public var path: String
    public var message: String
    public var cause: Cause
    /// SQLite's error, when there was one.
    public var underlying: DatabaseError?

    public init(path: String, message: String, cause: Cause = .other, underlying: DatabaseError? = nil) {
        self.path = path
        self.message = message
        self.cause = cause
        self.underlying = underlying
    }

    /// `context` ("cannot save articles") and what SQLite said, with the cause it points to.
    init(path: String, _ context: String, _ error: any Error) {
        guard let database = error as? DatabaseError else {
            self.init(path: path, message: "\(context): \(error)")
            return
        }
        let cause: Cause
        let advice: String
        switch database.resultCode {
        case .SQLITE_FULL:
            (cause, advice) = (.disk, "the disk is full; free some space and run the command again (nothing committed was lost)")
        case .SQLITE_IOERR:
            (cause, advice) = (.disk, "the disk reported an I/O error; check the disk, then run the command again")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            (cause, advice) = (.busy, "another process is writing this store (a second `isnad ingest`?); wait for it to finish and run again")
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH:
            (cause, advice) = (.user, "the store cannot be written with your permissions; use a store you own (--store)")
        case .SQLITE_CANTOPEN:
            (cause, advice) = (.user, "the store cannot be opened; check that its folder exists and you may write there")
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            (cause, advice) = (.damaged, "this file is not an Isnad store or is damaged; restore a backup, or ingest into a new store")
        default:
            (cause, advice) = (.other, "SQLite error \(database.resultCode.rawValue)")
        }
        self.init(path: path, message: "\(context): \(advice) [\(database.message ?? "\(database.resultCode)")]",
                  cause: cause, underlying: database)
    }

    public var description: String { "\(path): \(message)" }
}
