import Foundation

/// The persisted clusterer state could not be read back: the store keeps stories, so the caller
/// rebuilds the state by a full replay instead of guessing.
public struct SnapshotError: Error, Sendable, CustomStringConvertible {
    public var offset: Int
    public var message: String
    public var description: String { "story engine state unreadable at byte \(offset): \(message)" }
}

/// Little-endian binary writer for the clusterer's persisted state. Arrays of fixed-width
/// values are copied in bulk: the state holds megabytes of counters and signatures, and a
/// value-at-a-time coder would cost more than the ingest it serves.
struct SnapshotWriter {
    private(set) var data = Data()

    mutating func int(_ value: Int) { fixed(Int64(value)) }
    mutating func double(_ value: Double) { fixed(value.bitPattern) }
    mutating func bool(_ value: Bool) { fixed(UInt8(value ? 1 : 0)) }
    mutating func optionalInt(_ value: Int?) {
        bool(value != nil)
        if let value { int(value) }
    }

    mutating func fixed<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }

    mutating func string(_ value: String) {
        let bytes = Array(value.utf8)
        int(bytes.count)
        data.append(contentsOf: bytes)
    }

    /// A count, then the values' bytes (this machine is little-endian, as every supported one is).
    mutating func array<T: FixedWidthInteger>(_ values: [T]) {
        int(values.count)
        values.withUnsafeBytes { data.append(contentsOf: $0) }
    }

    mutating func floats(_ values: [Float]) { array(values.map(\.bitPattern)) }
    mutating func doubles(_ values: [Double]) { array(values.map(\.bitPattern)) }
}

/// Bounds-checked reader for ``SnapshotWriter``'s output; a short or damaged state is a
/// ``SnapshotError`` naming the offset, never a crash.
struct SnapshotReader {
    let data: Data
    private(set) var offset = 0

    init(_ data: Data) { self.data = data }

    var atEnd: Bool { offset == data.count }

    private mutating func need(_ count: Int, _ what: String) throws(SnapshotError) {
        guard count >= 0, offset <= data.count - count else {
            throw SnapshotError(offset: offset, message: "ends before \(what) (\(count) bytes needed)")
        }
    }

    mutating func fixed<T: FixedWidthInteger>(_ type: T.Type = T.self, _ what: String) throws(SnapshotError) -> T {
        let size = MemoryLayout<T>.size
        try need(size, what)
        let start = data.startIndex + offset
        offset += size
        return data.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: start - data.startIndex, as: T.self)) }
    }

    mutating func int(_ what: String) throws(SnapshotError) -> Int { Int(try fixed(Int64.self, what)) }
    mutating func double(_ what: String) throws(SnapshotError) -> Double { Double(bitPattern: try fixed(UInt64.self, what)) }
    mutating func bool(_ what: String) throws(SnapshotError) -> Bool { try fixed(UInt8.self, what) != 0 }
    mutating func optionalInt(_ what: String) throws(SnapshotError) -> Int? { try bool(what) ? try int(what) : nil }

    mutating func count(_ what: String, elementSize: Int) throws(SnapshotError) -> Int {
        let count = try int(what)
        guard count >= 0, count <= (data.count - offset) / max(1, elementSize) else {
            throw SnapshotError(offset: offset, message: "implausible length \(count) of \(what)")
        }
        return count
    }

    mutating func string(_ what: String) throws(SnapshotError) -> String {
        let count = try self.count(what, elementSize: 1)
        let start = data.startIndex + offset
        offset += count
        return String(decoding: data[start..<start + count], as: UTF8.self)
    }

    mutating func array<T: FixedWidthInteger>(_ type: T.Type = T.self, _ what: String) throws(SnapshotError) -> [T] {
        let size = MemoryLayout<T>.size
        let count = try self.count(what, elementSize: size)
        let start = offset
        offset += count * size
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            data.withUnsafeBytes { raw in
                let source = UnsafeRawBufferPointer(rebasing: raw[start..<start + count * size])
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: source)
            }
            initialized = count
        }
    }

    mutating func floats(_ what: String) throws(SnapshotError) -> [Float] {
        try array(UInt32.self, what).map(Float.init(bitPattern:))
    }

    mutating func doubles(_ what: String) throws(SnapshotError) -> [Double] {
        try array(UInt64.self, what).map(Double.init(bitPattern:))
    }
}
