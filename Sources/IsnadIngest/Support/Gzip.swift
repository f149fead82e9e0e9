import CZlib

/// gzip decompression (crawl dumps and benchmark pages come as `.html.gz`), with a size cap
/// so that a decompression bomb is refused rather than exhausting memory.
public enum Gzip {
    /// Whether bytes start with the gzip magic number.
    public static func isGzip(_ bytes: [UInt8]) -> Bool { bytes.count > 2 && bytes[0] == 0x1F && bytes[1] == 0x8B }

    /// The decompressed bytes, refused past `limit` (a decompression bomb); errors name `path`.
    public static func decompress(_ bytes: [UInt8], path: String, limit: Int) throws(IngestError) -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw IngestError(path: path, kind: .malformed, message: "cannot start gzip decompression")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var input = bytes
        let status: Int32 = input.withUnsafeMutableBufferPointer { inBuffer in
            stream.next_in = inBuffer.baseAddress
            stream.avail_in = uInt(inBuffer.count)
            var result: Int32 = Z_OK
            while result == Z_OK {
                result = chunk.withUnsafeMutableBufferPointer { outBuffer in
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = uInt(outBuffer.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                output.append(contentsOf: chunk[0..<produced])
                if output.count > limit { return -100 }
                if result == Z_BUF_ERROR && stream.avail_in == 0 { return Z_DATA_ERROR }
            }
            return result
        }
        if status == -100 {
            throw IngestError(path: path, kind: .tooLarge, message: "decompressed size exceeds the \(limit >> 20) MiB limit")
        }
        guard status == Z_STREAM_END else {
            throw IngestError(path: path, kind: .malformed, message: "corrupt or truncated gzip data",
                              byteOffset: Int(stream.total_in))
        }
        return output
    }
}
