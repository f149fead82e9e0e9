import Foundation
import IsnadEvaluation
import IsnadIngest

/// Shared helpers: the seeds from ../shared, temporary folders, and encoders for test input.
enum Fixtures {
    static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    /// The shared folder: $ISNAD_SHARED or ../shared beside the package (the one lookup, ``SharedData``).
    static var shared: String { SharedData.root }

    static func seedsFolder() throws -> String {
        let path = ((shared as NSString).appendingPathComponent("corpus/seeds") as NSString).standardizingPath
        guard FileManager.default.fileExists(atPath: path) else {
            throw MissingFixture(description: "seed articles not found at \(path) (set ISNAD_SHARED)")
        }
        return path
    }

    static func seed(_ prefix: String) throws -> String {
        let folder = try seedsFolder()
        let name = try FileManager.default.contentsOfDirectory(atPath: folder).sorted().first { $0.hasPrefix(prefix) }
        guard let name else { throw MissingFixture(description: "no seed \(prefix)* in \(folder)") }
        return (folder as NSString).appendingPathComponent(name)
    }

    struct MissingFixture: Error, CustomStringConvertible { var description: String }

    /// A fresh temporary folder.
    static func temporaryFolder(_ name: String = "isnad-test") throws -> String {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @discardableResult
    static func write(_ bytes: [UInt8], to folder: String, _ name: String) throws -> String {
        let path = (folder as NSString).appendingPathComponent(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @discardableResult
    static func write(_ text: String, to folder: String, _ name: String) throws -> String {
        try write(Array(text.utf8), to: folder, name)
    }

    /// Encodes text in Windows-1256 through the inverse of Python-published mapping, as a legacy
    /// Arabic site would have served it.
    static func windows1256(_ text: String) throws -> [UInt8] {
        try legacy(text, encoding: .windows1256)
    }

    static func legacy(_ text: String, encoding: TextEncoding) throws -> [UInt8] {
        var inverse: [UInt32: UInt8] = [:]
        for byte in 0x80...0xFF {
            let bytes: [UInt8] = [UInt8(byte)]
            if let decoded = try? TextDecoder.decode(bytes + Array("abc".utf8), path: "-", declared: encoding),
               let scalar = decoded.text.unicodeScalars.first, scalar.value >= 0x80 {
                inverse[scalar.value] = UInt8(byte)
            }
        }
        var out: [UInt8] = []
        for scalar in text.unicodeScalars {
            if scalar.value < 0x80 { out.append(UInt8(scalar.value)) }
            else if let b = inverse[scalar.value] { out.append(b) }
            else { throw MissingFixture(description: "U+\(String(scalar.value, radix: 16)) not in \(encoding.rawValue)") }
        }
        return out
    }
}
