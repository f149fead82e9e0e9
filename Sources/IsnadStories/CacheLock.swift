import Foundation

/// An advisory lock (`flock`) on a lock file beside a cache file, held while a body runs:
/// exclusive for a writer, shared for readers. A process asking for a conflicting lock waits
/// until the holder is done (or dies: the kernel releases its locks).
enum CacheLock {
    /// Runs `body` holding the lock at `lockPath`. A reader that cannot create the lock file (a
    /// read-only cache folder) reads without it; a writer that cannot is an error.
    static func holding<T>(_ lockPath: String, exclusive: Bool,
                           _ body: () throws(EmbeddingCacheError) -> T) throws(EmbeddingCacheError) -> T {
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            if !exclusive { return try body() }
            throw EmbeddingCacheError(path: lockPath, message: "cannot create the lock file (\(String(cString: strerror(errno))))")
        }
        defer { close(fd) }
        while flock(fd, exclusive ? LOCK_EX : LOCK_SH) != 0 {
            guard errno == EINTR else {
                throw EmbeddingCacheError(path: lockPath, message: "cannot lock the cache (\(String(cString: strerror(errno))))")
            }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
