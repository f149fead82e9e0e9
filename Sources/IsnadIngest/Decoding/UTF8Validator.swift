import Foundation

/// Strict UTF-8 validation that reports where and why input is invalid.
enum UTF8Validator {
    struct Result {
        var firstError: Int?
        var reason: String
        /// Valid multi-byte sequences seen before the first error: evidence the file is UTF-8.
        var multibyteSequences: Int
    }

    static func validate(_ bytes: [UInt8]) -> Result { validate(bytes[...]) }

    /// Offsets in the result are relative to the slice's start.
    static func validate(_ slice: ArraySlice<UInt8>) -> Result {
        slice.withUnsafeBufferPointer { validate($0) }
    }

    static func validate(_ bytes: UnsafeBufferPointer<UInt8>) -> Result {
        guard let base = bytes.baseAddress else { return Result(firstError: nil, reason: "", multibyteSequences: 0) }
        var i = 0
        var multibyte = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                // ASCII runs, eight bytes at a time.
                while i + 8 <= n,
                      UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                }
                continue
            }
            let length: Int
            var minSecond: UInt8 = 0x80
            var maxSecond: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; minSecond = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; maxSecond = 0x9F
            case 0xF0: length = 4; minSecond = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; maxSecond = 0x8F
            default:
                return Result(firstError: i, reason: String(format: "byte 0x%02X cannot start a character", b), multibyteSequences: multibyte)
            }
            if i + length > n {
                return Result(firstError: i, reason: "truncated \(length)-byte sequence at end of input", multibyteSequences: multibyte)
            }
            let second = bytes[i + 1]
            if second < minSecond || second > maxSecond {
                return Result(firstError: i, reason: "incomplete \(length)-byte sequence", multibyteSequences: multibyte)
            }
            var k = 2
            while k < length {
                if bytes[i + k] & 0xC0 != 0x80 {
                    return Result(firstError: i, reason: "incomplete \(length)-byte sequence", multibyteSequences: multibyte)
                }
                k += 1
            }
            multibyte += 1
            i += length
        }
        return Result(firstError: nil, reason: "", multibyteSequences: multibyte)
    }
}
