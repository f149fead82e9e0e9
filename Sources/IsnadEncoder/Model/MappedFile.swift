#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only memory map of a whole file: the 70 MB weight file is paged in on demand and
/// shared between processes instead of being copied onto the heap.
final class MappedFile: @unchecked Sendable {
    let path: String
    let base: UnsafeRawPointer
    let size: Int

    init(path: String) throws(EncoderError) {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            if errno == ENOENT {
                throw EncoderError(.modelMissing, "\(path): no such file (\(reason)).")
            }
            throw EncoderError(.modelCorrupt, "\(path): cannot open the weight file: \(reason).")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw EncoderError(.modelCorrupt, "\(path): cannot read file status: \(String(cString: strerror(errno))).")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw EncoderError(.modelCorrupt, "\(path): is not a regular file.")
        }
        let size = Int(info.st_size)
        guard size > 0 else { throw EncoderError.corrupt(path, offset: 0, "the file is empty") }
        let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0)
        guard let mapped, mapped != MAP_FAILED else {
            throw EncoderError(.resources, "\(path): cannot map the file into memory: \(String(cString: strerror(errno))).")
        }
        self.base = UnsafeRawPointer(mapped)
        self.size = size
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: base), size)
    }
}
