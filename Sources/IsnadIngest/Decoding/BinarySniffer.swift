/// Recognises common binary formats by their first bytes, to refuse them with a precise name.
enum BinarySniffer {
    static let signatures: [(bytes: [UInt8], name: String)] = [
        (Array("%PDF".utf8), "PDF"),
        ([0x89, 0x50, 0x4E, 0x47], "PNG image"),
        ([0xFF, 0xD8, 0xFF], "JPEG image"),
        (Array("GIF8".utf8), "GIF image"),
        ([0x50, 0x4B, 0x03, 0x04], "ZIP archive (also .docx/.xlsx/.epub)"),
        ([0x50, 0x4B, 0x05, 0x06], "empty ZIP archive"),
        ([0x1F, 0x8B], "gzip archive"),
        ([0x42, 0x5A, 0x68], "bzip2 archive"),
        ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "xz archive"),
        ([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], "7-Zip archive"),
        ([0x7F, 0x45, 0x4C, 0x46], "ELF executable"),
        ([0xD0, 0xCF, 0x11, 0xE0], "MS Office document (.doc/.xls)"),
        (Array("SQLite format 3".utf8), "SQLite database"),
        ([0x52, 0x49, 0x46, 0x46], "RIFF media (WAV/AVI/WebP)"),
        ([0x00, 0x00, 0x00], "binary data"),
    ]

    /// The name of the binary format `bytes` starts with, or nil.
    static func signature(of bytes: [UInt8]) -> String? {
        for (magic, name) in signatures where bytes.starts(with: magic) {
            return name
        }
        if bytes.count > 8, bytes[4...7].elementsEqual(Array("ftyp".utf8)) { return "MP4/ISO media" }
        return nil
    }
}
