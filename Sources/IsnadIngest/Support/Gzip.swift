import CZlib

/// gzip decompression (crawl dumps and benchmark pages come as `.html.gz`), with a size cap
/// so that a decompression bomb is refused rather than exhausting memory.
///
/// A gzip file may hold several members one after another (`cat a.gz b.gz`, pigz, crawl
/// dumps); every member is read and their contents joined, as `gzip -d` does. Zero bytes after
/// the last member (block padding) are ignored; any other data there is an error naming its
/// byte offset, never silently dropped.
public enum Gzip {
    /// Whether bytes start with the gzip magic number.
    public static func isGzip(_ bytes: [UInt8]) -> Bool { bytes.count > 2 && bytes[0] == 0x1F && bytes[1] == 0x8B }

    /// Why decompression stopped early.
    private enum Failure {
        case tooLarge
        case corrupt(offset: Int)
        case trailing(offset: Int)
        case start
    }

    /// The decompressed bytes of every member, refused past `limit` (a decompression bomb); errors name `path`.
    public static func decompress(_ bytes: [UInt8], path: String, limit: Int) throws(IngestError) -> [UInt8] {
        var output: [UInt8] = []
        let failure: Failure? = bytes.withUnsafeBufferPointer { input in
            guard let base = input.baseAddress else { return .corrupt(offset: 0) }
            var stream = z_stream()
            guard inflateInit2_(&stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                return .start
            }
            defer { inflateEnd(&stream) }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            var memberStart = 0
            while true {
                // One member, from `memberStart`.
                stream.next_in = UnsafeMutablePointer(mutating: base + memberStart)
                stream.avail_in = uInt(input.count - memberStart)
                var result: Int32 = Z_OK
                while result == Z_OK {
                    result = chunk.withUnsafeMutableBufferPointer { outBuffer in
                        stream.next_out = outBuffer.baseAddress
                        stream.avail_out = uInt(outBuffer.count)
                        return inflate(&stream, Z_NO_FLUSH)
                    }
                    output.append(contentsOf: chunk[0..<(chunk.count - Int(stream.avail_out))])
                    if output.count > limit { return .tooLarge }
                    if result == Z_BUF_ERROR && stream.avail_in == 0 { result = Z_DATA_ERROR }
                }
                guard result == Z_STREAM_END else { return .corrupt(offset: memberStart + Int(stream.total_in)) }
                memberStart += Int(stream.total_in)
                let rest = input[memberStart...]
                if rest.allSatisfy({ $0 == 0 }) { return nil }
                guard rest.count > 2, rest[memberStart] == 0x1F, rest[memberStart + 1] == 0x8B else {
                    return .trailing(offset: memberStart)
                }
                guard inflateReset(&stream) == Z_OK else { return .start }
            }
        }
        switch failure {
        case nil:
            return output
        case .tooLarge:
            throw IngestError(path: path, kind: .tooLarge, message: "decompressed size exceeds the \(ByteSize.describe(limit)) limit (raise it with --max-file-size)")
        case .corrupt(let offset):
            throw IngestError(path: path, kind: .malformed, message: "corrupt or truncated gzip data", byteOffset: offset)
        case .trailing(let offset):
            throw IngestError(path: path, kind: .malformed,
                              message: "data after the end of the gzip stream is not another gzip member", byteOffset: offset)
        case .start:
            throw IngestError(path: path, kind: .malformed, message: "cannot start gzip decompression")
        }
    }
}
