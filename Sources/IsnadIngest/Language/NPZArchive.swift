import Foundation

/// Reads NumPy `.npz` archives (uncompressed ZIP, ZIP64 sizes allowed) of `.npy` arrays:
/// the format of the py3langid model. Only what that model needs: little-endian numbers,
/// fixed-width Unicode strings, C order.
struct NPZArchive {
    struct ArrayEntry {
        var descr: String
        var shape: [Int]
        var data: Data  // a slice of the mapped file: no copy
    }

    struct FormatError: Error, CustomStringConvertible {
        var path: String
        var message: String
        var description: String { "\(path): \(message)" }
    }

    let path: String
    private(set) var entries: [String: ArrayEntry] = [:]

    init(path: String) throws {
        self.path = path
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw FormatError(path: path, message: "cannot read model file (\(error.localizedDescription))")
        }
        var offset = 0
        while offset + 30 <= data.count {
            let signature = data.readLE32(offset)
            guard signature == 0x0403_4B50 else { break }  // local file header; central directory follows
            let method = data.readLE16(offset + 8)
            var compressed = Int(data.readLE32(offset + 18))
            let nameLength = Int(data.readLE16(offset + 26))
            let extraLength = Int(data.readLE16(offset + 28))
            let nameStart = offset + 30
            guard nameStart + nameLength + extraLength <= data.count else {
                throw FormatError(path: path, message: "truncated ZIP header at byte \(offset)")
            }
            let name = String(decoding: data[nameStart..<(nameStart + nameLength)], as: UTF8.self)
            if compressed == 0xFFFF_FFFF {
                var e = nameStart + nameLength
                let end = e + extraLength
                while e + 4 <= end {
                    let id = data.readLE16(e)
                    let size = Int(data.readLE16(e + 2))
                    if id == 0x0001 && size >= 16 { compressed = Int(data.readLE64(e + 12)) }
                    e += 4 + size
                }
            }
            guard method == 0 else { throw FormatError(path: path, message: "entry \(name) is compressed; expected a stored .npz") }
            let start = nameStart + nameLength + extraLength
            guard start + compressed <= data.count else {
                throw FormatError(path: path, message: "entry \(name) is truncated (file cut short?)")
            }
            let body = data[(data.startIndex + start)..<(data.startIndex + start + compressed)]
            entries[(name as NSString).deletingPathExtension] = try Self.parseNPY(body, name: name, path: path)
            offset = start + compressed
        }
        if entries.isEmpty { throw FormatError(path: path, message: "not a NumPy .npz archive") }
    }

    static func parseNPY(_ data: Data, name: String, path: String) throws -> ArrayEntry {
        guard data.count >= 10, data.starts(with: [0x93] + Array("NUMPY".utf8)) else {
            throw FormatError(path: path, message: "entry \(name) is not a .npy array")
        }
        let major = data[data.startIndex + 6]
        let headerLength = major == 1 ? Int(data.readLE16(8)) : Int(data.readLE32(8))
        let headerStart = major == 1 ? 10 : 12
        guard headerStart + headerLength <= data.count else { throw FormatError(path: path, message: "entry \(name) header truncated") }
        let header = String(decoding: data[(data.startIndex + headerStart)..<(data.startIndex + headerStart + headerLength)], as: UTF8.self)
        guard let descr = Self.value(of: "descr", in: header)?.trimmingCharacters(in: CharacterSet(charactersIn: "'\" ")),
              let shapeText = Self.value(of: "shape", in: header) else {
            throw FormatError(path: path, message: "entry \(name) has an unreadable header")
        }
        if header.contains("'fortran_order': True") { throw FormatError(path: path, message: "entry \(name) is Fortran-ordered") }
        let shape = shapeText.trimmingCharacters(in: CharacterSet(charactersIn: "() "))
            .split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let body = data[(data.startIndex + headerStart + headerLength)..<data.endIndex]
        return ArrayEntry(descr: descr, shape: shape, data: body)
    }

    static func value(of key: String, in header: String) -> String? {
        guard let range = header.range(of: "'\(key)':") else { return nil }
        let rest = header[range.upperBound...].drop(while: { $0 == " " })
        if rest.first == "(" {
            guard let close = rest.firstIndex(of: ")") else { return nil }
            return String(rest[...close])
        }
        return rest.split(separator: ",", maxSplits: 1).first.map(String.init)
    }

    /// A typed numeric array, checked against the expected dtype and element count.
    func numbers<T: FixedWidthInteger>(_ name: String, as: T.Type, descr expected: String) throws -> [T] {
        guard let entry = entries[name] else { throw FormatError(path: path, message: "model lacks array '\(name)'") }
        guard entry.descr == expected else {
            throw FormatError(path: path, message: "array '\(name)' has type \(entry.descr), expected \(expected)")
        }
        let count = entry.shape.reduce(1, *)
        guard entry.data.count >= count * MemoryLayout<T>.size else {
            throw FormatError(path: path, message: "array '\(name)' is truncated")
        }
        var result = [T](repeating: 0, count: count)
        result.withUnsafeMutableBytes { target in
            entry.data.withUnsafeBytes { source in
                target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[0..<(count * MemoryLayout<T>.size)]))
            }
        }
        return result
    }

    func floats(_ name: String) throws -> [Float] {
        let bits: [UInt32] = try numbers(name, as: UInt32.self, descr: "<f4")
        return bits.map { Float(bitPattern: $0) }
    }

    func shape(_ name: String) -> [Int] { entries[name]?.shape ?? [] }

    /// Fixed-width UTF-32 strings (`<U3`).
    func strings(_ name: String) throws -> [String] {
        guard let entry = entries[name], entry.descr.hasPrefix("<U"), let width = Int(entry.descr.dropFirst(2)) else {
            throw FormatError(path: path, message: "model lacks string array '\(name)'")
        }
        let count = entry.shape.reduce(1, *)
        var result: [String] = []
        for i in 0..<count {
            var scalars = String.UnicodeScalarView()
            for k in 0..<width {
                let v = entry.data.readLE32((i * width + k) * 4)
                if v == 0 { break }
                if let s = Unicode.Scalar(v) { scalars.append(s) }
            }
            result.append(String(scalars))
        }
        return result
    }
}

extension Data {
    func readLE16(_ offset: Int) -> UInt16 {
        let i = startIndex + offset
        return UInt16(self[i]) | UInt16(self[i + 1]) << 8
    }

    func readLE32(_ offset: Int) -> UInt32 {
        let i = startIndex + offset
        return UInt32(self[i]) | UInt32(self[i + 1]) << 8 | UInt32(self[i + 2]) << 16 | UInt32(self[i + 3]) << 24
    }

    func readLE64(_ offset: Int) -> UInt64 {
        UInt64(readLE32(offset)) | UInt64(readLE32(offset + 4)) << 32
    }
}
