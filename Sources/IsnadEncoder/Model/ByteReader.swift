/// Bounds-checked little-endian reads over a mapped file, so that a truncated or damaged
/// weight file yields an error naming the offset instead of a crash.
struct ByteReader {
    let file: MappedFile
    private(set) var offset: Int

    init(_ file: MappedFile, at offset: Int = 0) {
        self.file = file
        self.offset = offset
    }

    mutating func need(_ count: Int, _ what: String) throws(EncoderError) {
        guard count >= 0, offset <= file.size - count else {
            throw EncoderError.corrupt(file.path, offset: offset,
                "the file ends before \(what) (needs \(count) bytes, \(max(0, file.size - offset)) left)")
        }
    }

    mutating func bytes(_ count: Int, _ what: String) throws(EncoderError) -> UnsafeRawBufferPointer {
        try need(count, what)
        defer { offset += count }
        return UnsafeRawBufferPointer(start: file.base + offset, count: count)
    }

    mutating func u8(_ what: String) throws(EncoderError) -> UInt8 {
        try need(1, what)
        defer { offset += 1 }
        return file.base.load(fromByteOffset: offset, as: UInt8.self)
    }

    mutating func u16(_ what: String) throws(EncoderError) -> UInt16 {
        try need(2, what)
        defer { offset += 2 }
        return UInt16(littleEndian: file.base.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
    }

    mutating func u32(_ what: String) throws(EncoderError) -> UInt32 {
        try need(4, what)
        defer { offset += 4 }
        return UInt32(littleEndian: file.base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    mutating func i32(_ what: String) throws(EncoderError) -> Int {
        Int(Int32(bitPattern: try u32(what)))
    }

    mutating func u64(_ what: String) throws(EncoderError) -> UInt64 {
        try need(8, what)
        defer { offset += 8 }
        return UInt64(littleEndian: file.base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    mutating func f32(_ what: String) throws(EncoderError) -> Float {
        Float(bitPattern: try u32(what))
    }
}
