import Foundation

/// A path to read, kept as the bytes the file system uses, with a display form for messages
/// and the store.
///
/// Linux file names are bytes, not text: a name written by an old Windows tool or a legacy
/// crawler may be Windows-1256 or Latin-1 (`caf\xE9.txt`), which is not valid UTF-8. A Swift
/// `String` cannot hold such a name (it repairs it with U+FFFD, naming another file), so paths
/// stay bytes from the command line or `readdir` to `open`. ``display`` is the UTF-8 text with
/// every byte that is not valid UTF-8 written `\xNN`, so a user can find the file
/// (`ls $'caf\xe9.txt'`); it is the path Isnad stores and prints.
public struct InputPath: Sendable, Hashable, CustomStringConvertible {
    /// The path's bytes, without a terminating NUL.
    public let bytes: [UInt8]
    /// The path as text: UTF-8 as is, other bytes as `\xNN`.
    public let display: String

    /// A path from text (always valid Unicode, so its UTF-8 bytes are the path).
    public init(_ path: String) {
        bytes = Array(path.utf8)
        display = path
    }

    /// A path from the file system's bytes (a NUL, which no path can hold, ends it).
    public init(bytes: some Sequence<UInt8>) {
        let bytes = Array(bytes.prefix { $0 != 0 })
        self.bytes = bytes
        display = Self.displayForm(bytes)
    }

    public var description: String { display }

    /// Whether the bytes were valid UTF-8 (the display form is then the exact path).
    public var isValidUTF8: Bool { String(validating: bytes, as: UTF8.self) != nil }

    /// The path of `name` inside this folder.
    public func appending(_ name: [UInt8]) -> InputPath {
        if bytes.isEmpty { return InputPath(bytes: name) }
        if bytes.last == UInt8(ascii: "/") { return InputPath(bytes: bytes + name) }
        return InputPath(bytes: bytes + [UInt8(ascii: "/")] + name)
    }

    /// Calls `body` with the path as a NUL-terminated C string, for `stat`, `open` and `opendir`.
    public func withCString<Result>(_ body: (UnsafePointer<CChar>) throws -> Result) rethrows -> Result {
        try (bytes + [0]).withUnsafeBufferPointer { buffer in
            try buffer.withMemoryRebound(to: CChar.self) { chars in
                // A non-empty buffer always has a base address; the fallback keeps the code free of `!`.
                guard let base = chars.baseAddress else { return try body("") }
                return try body(base)
            }
        }
    }

    /// `bytes` as UTF-8 text, each byte of an invalid sequence written `\xNN`.
    static func displayForm(_ bytes: [UInt8]) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var text = ""
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                text.unicodeScalars.append(Unicode.UTF8.decode(encoded))
                offset += encoded.count
            case .error(let length):
                for byte in bytes[offset..<(offset + length)] { text += "\\x" + String(format: "%02X", byte) }
                offset += length
            case .emptyInput:
                return text
            }
        }
    }
}
