import Foundation

/// Character encodings Isnad detects and decodes.
public enum TextEncoding: String, Sendable, Codable, CaseIterable {
    case utf8 = "utf-8"
    case utf16LE = "utf-16le"
    case utf16BE = "utf-16be"
    case windows1256 = "windows-1256"
    case iso8859_6 = "iso-8859-6"
    case windows1252 = "windows-1252"

    /// Parses a charset label as found in HTML/XML declarations and HTTP headers.
    public init?(label: String) {
        let l = label.lowercased().trimmingCharacters(in: .whitespacesAndQuotes)
        switch l {
        case "utf-8", "utf8": self = .utf8
        case "utf-16le": self = .utf16LE
        case "utf-16be", "utf-16": self = .utf16BE
        case "windows-1256", "cp1256", "x-cp1256": self = .windows1256
        case "iso-8859-6", "iso8859-6", "iso_8859-6", "arabic", "asmo-708": self = .iso8859_6
        case "windows-1252", "cp1252", "iso-8859-1", "latin1", "iso8859-1", "us-ascii", "ascii": self = .windows1252
        default: return nil
        }
    }
}

/// Decoded text and how it was decoded.
public struct DecodedText: Sendable {
    /// The text exactly as decoded (BOM removed; line endings and NBSP kept): every offset points here.
    public var text: String
    public var encoding: TextEncoding
}

/// Turns bytes into text, detecting the encoding, and refuses rather than producing mojibake.
///
/// Order: BOM (UTF-8, UTF-16 LE/BE); binary signatures and NUL bytes are refused; valid UTF-8;
/// UTF-8 with errors after valid multi-byte sequences is refused with the byte offset; otherwise
/// a legacy code page: Windows-1256 or ISO-8859-6 when high bytes form Arabic words,
/// Windows-1252 when they are accents inside Latin words.
public enum TextDecoder {
    /// Decodes `bytes` read from `path` (the path only labels errors). `declared` is an encoding
    /// stated by the document itself (HTML meta charset, XML declaration) and wins when it decodes.
    public static func decode(_ bytes: [UInt8], path: String, declared: TextEncoding? = nil) throws(IngestError) -> DecodedText {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return DecodedText(text: try utf8(bytes, from: 3, path: path), encoding: .utf8)
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return DecodedText(text: try utf16(bytes, littleEndian: true, path: path), encoding: .utf16LE)
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return DecodedText(text: try utf16(bytes, littleEndian: false, path: path), encoding: .utf16BE)
        }
        if let kind = BinarySniffer.signature(of: bytes) {
            throw IngestError(path: path, kind: .binary, message: "binary file (\(kind)), not text", byteOffset: 0)
        }
        if let nul = bytes.firstIndex(of: 0) {
            throw IngestError(
                path: path, kind: .binary,
                message: "NUL byte: binary data, or UTF-16 without a byte-order mark (save it with a BOM or as UTF-8)",
                byteOffset: nul)
        }
        if let declared, declared != .utf8, declared != .utf16LE, declared != .utf16BE {
            if let text = singleByte(bytes, table: table(for: declared)) {
                return DecodedText(text: text, encoding: declared)
            }
        }
        let check = UTF8Validator.validate(bytes)
        if check.firstError == nil {
            return DecodedText(text: String(decoding: bytes, as: UTF8.self), encoding: .utf8)
        }
        if let offset = check.firstError, check.multibyteSequences > 0 || declared == .utf8 {
            throw IngestError(
                path: path, kind: .invalidEncoding,
                message: "invalid UTF-8 (\(check.reason)); the file looks like UTF-8 with damaged or truncated bytes",
                byteOffset: offset)
        }
        return try legacy(bytes, path: path)
    }

    /// The encoding of `bytes` without building the text when it is UTF-8 (HTML goes to libxml2
    /// as bytes); for other encodings the decoded text too.
    public static func detect(_ bytes: [UInt8], path: String, declared: TextEncoding? = nil) throws(IngestError) -> (TextEncoding, String?) {
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes[3...] : bytes[...]
        if !bytes.starts(with: [0xFF, 0xFE]), !bytes.starts(with: [0xFE, 0xFF]), declared == nil || declared == .utf8,
           BinarySniffer.signature(of: bytes) == nil, !containsNUL(bytes), UTF8Validator.validate(body).firstError == nil {
            return (.utf8, nil)
        }
        let decoded = try decode(bytes, path: path, declared: declared)
        return (decoded.encoding, decoded.text)
    }

    /// Whether a NUL byte occurs (memchr: pages are hundreds of KB).
    static func containsNUL(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return false }
            return memchr(base, 0, buffer.count) != nil
        }
    }

    static func table(for encoding: TextEncoding) -> [UInt16] {
        switch encoding {
        case .iso8859_6: return LegacyCodePages.iso8859_6
        case .windows1252: return LegacyCodePages.windows1252
        default: return LegacyCodePages.windows1256
        }
    }

    static func utf8(_ bytes: [UInt8], from start: Int, path: String) throws(IngestError) -> String {
        let body = bytes[start...]
        let check = UTF8Validator.validate(body)
        if let offset = check.firstError {
            throw IngestError(path: path, kind: .invalidEncoding, message: "invalid UTF-8 (\(check.reason))",
                              byteOffset: offset + start)
        }
        return String(decoding: body, as: UTF8.self)
    }

    static func utf16(_ bytes: [UInt8], littleEndian: Bool, path: String) throws(IngestError) -> String {
        guard bytes.count % 2 == 0 else {
            throw IngestError(path: path, kind: .invalidEncoding, message: "UTF-16 text with an odd number of bytes (truncated)",
                              byteOffset: bytes.count - 1)
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2 - 1)
        var i = 2
        while i + 1 < bytes.count {
            let unit = littleEndian ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1])
            units.append(unit)
            i += 2
        }
        var scalars = String.UnicodeScalarView()
        var iterator = units.makeIterator()
        var parser = UTF16.ForwardParser()
        var position = 2
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                scalars.append(UTF16.decode(encoded))
                position += encoded.count * 2
            case .emptyInput:
                return String(scalars)
            case .error(let length):
                throw IngestError(path: path, kind: .invalidEncoding, message: "invalid UTF-16 (unpaired surrogate)",
                                  byteOffset: position + (length - 1) * 2)
            }
        }
    }

    static func singleByte(_ bytes: [UInt8], table: [UInt16]) -> String? {
        var scalars = String.UnicodeScalarView()
        for b in bytes {
            if b < 0x80 {
                scalars.append(Unicode.Scalar(b))
            } else {
                let v = table[Int(b) - 0x80]
                guard v != 0, let s = Unicode.Scalar(v) else { return nil }
                scalars.append(s)
            }
        }
        return String(scalars)
    }

    /// Chooses among the single-byte code pages by what the high bytes become.
    static func legacy(_ bytes: [UInt8], path: String) throws(IngestError) -> DecodedText {
        var highLetters = 0
        var asciiLetters = 0
        for b in bytes {
            if b >= 0xC0 { highLetters += 1 }
            else if (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) { asciiLetters += 1 }
        }
        let arabicLike = highLetters > asciiLetters
        if arabicLike {
            let cp1256 = singleByte(bytes, table: LegacyCodePages.windows1256)
            let iso = singleByte(bytes, table: LegacyCodePages.iso8859_6)
            switch (cp1256, iso) {
            case (let a?, let b?):
                // Both decode: prefer the one whose words are not a mix of Arabic and Latin letters.
                return mixedScriptWords(b) < mixedScriptWords(a)
                    ? DecodedText(text: b, encoding: .iso8859_6) : DecodedText(text: a, encoding: .windows1256)
            case (let a?, nil): return DecodedText(text: a, encoding: .windows1256)
            case (nil, let b?): return DecodedText(text: b, encoding: .iso8859_6)
            case (nil, nil): break
            }
        }
        if let text = singleByte(bytes, table: LegacyCodePages.windows1252) {
            return DecodedText(text: text, encoding: .windows1252)
        }
        let offset = bytes.firstIndex { $0 >= 0x80 } ?? 0
        throw IngestError(path: path, kind: .invalidEncoding,
                          message: "not UTF-8 and not decodable as Windows-1256, ISO-8859-6 or Windows-1252",
                          byteOffset: offset)
    }

    static func mixedScriptWords(_ text: String) -> Int {
        var mixed = 0
        for word in text.split(whereSeparator: { $0.isWhitespace || $0.isPunctuation }) {
            var arabic = false
            var latinHigh = false
            for s in word.unicodeScalars {
                if s.value >= 0x0600 && s.value <= 0x06FF { arabic = true }
                if s.value >= 0xC0 && s.value <= 0x24F { latinHigh = true }
            }
            if arabic && latinHigh { mixed += 1 }
        }
        return mixed
    }
}

extension CharacterSet {
    static let whitespacesAndQuotes: CharacterSet = CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "\"'"))
}
