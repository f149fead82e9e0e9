import Foundation
import IsnadStories
import Testing

@Suite("Embedding cache")
struct EmbeddingCacheTests {
    static let leads = [
        "قوات النظام تدخل بلدة حمورية في الغوطة الشرقية\nخرج آلاف المدنيين عبر الممر الإنساني صباح الخميس.",
        "خروج هزاران غیرنظامی از غوطه شرقی\nمرکز آشتی روسیه اعلام کرد که کاروان‌ها از گذرگاه عبور کردند.",
        "Thousands flee Eastern Ghouta as government forces advance\nCivilians crossed the corridor on Thursday morning.",
        "Le Conseil de sécurité se réunit sur la Ghouta orientale\nLa réunion a été demandée par la France.",
    ]

    static func folder() throws -> String {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("isnad-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func vector(_ seed: Int, dimension: Int = 8) -> [Float] {
        (0..<dimension).map { Float(seed * 100 + $0) / 7 }
    }

    static func fileSize(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? -1
    }

    @Test("a torn last record is ignored and reported, earlier vectors kept, and the next save stays aligned")
    func tornTail() throws {
        let path = try Self.folder() + "/vectors.bin"
        let record = 32 + 4 * 8
        var cache = EmbeddingCache(path: path, dimension: 8)
        for (index, lead) in Self.leads.prefix(3).enumerated() { cache.store(Self.vector(index), for: EmbeddingCache.key(lead)) }
        try cache.save()
        #expect(cache.recovery == nil)

        // A writer killed half-way through a fourth record.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(repeating: 0xA7, count: record / 2))
        try handle.close()

        var reopened = EmbeddingCache(path: path, dimension: 8)
        let recovery = try #require(reopened.recovery)
        #expect(recovery.contains("torn") && recovery.contains("\(record / 2) bytes") && recovery.contains(path))
        for (index, lead) in Self.leads.prefix(3).enumerated() {
            #expect(reopened.vector(for: EmbeddingCache.key(lead)) == Self.vector(index))
        }
        reopened.store(Self.vector(3), for: EmbeddingCache.key(Self.leads[3]))
        try reopened.save()

        let again = EmbeddingCache(path: path, dimension: 8)
        #expect(again.recovery == nil)
        #expect(try Self.fileSize(path) == 4 * record)
        for (index, lead) in Self.leads.enumerated() {
            #expect(again.vector(for: EmbeddingCache.key(lead)) == Self.vector(index))
        }
    }

    @Test("vectors are kept per model file: keyed by the weights' SHA-256, whatever the file is called")
    func keyedByModel() throws {
        let root = try Self.folder()
        let cacheFolder = root + "/cache"
        func model(_ name: String, _ content: String) throws -> String {
            try FileManager.default.createDirectory(atPath: root + "/" + name, withIntermediateDirectories: true)
            let path = root + "/" + name + "/e5-small-q4.bin"
            try Data(content.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
        let weightsA = "E5Q4 weights, release A " + String(repeating: "0123456789abcdef", count: 512)
        let weightsB = "E5Q4 weights, release B " + String(repeating: "0123456789abcdef", count: 512)
        let a = try model("a", weightsA), b = try model("b", weightsB), copyOfA = try model("c", weightsA)

        #expect(try ModelDigest.sha256(ofFile: a, cacheDirectory: cacheFolder) == EmbeddingCache.key(weightsA))
        var cacheA = try EmbeddingCache.forModel(file: a, lead: 256, directory: cacheFolder)
        let cacheB = try EmbeddingCache.forModel(file: b, lead: 256, directory: cacheFolder)
        let cacheCopy = try EmbeddingCache.forModel(file: copyOfA, lead: 256, directory: cacheFolder)
        #expect(cacheA.path != cacheB.path)
        #expect(cacheA.path == cacheCopy.path)
        #expect(try EmbeddingCache.forModel(file: a, lead: 128, directory: cacheFolder).path != cacheA.path)

        let key = EmbeddingCache.key(Self.leads[0])
        cacheA.store(Self.vector(1, dimension: 384), for: key)
        try cacheA.save()
        #expect(try EmbeddingCache.forModel(file: b, lead: 256, directory: cacheFolder).vector(for: key) == nil)
        #expect(try EmbeddingCache.forModel(file: copyOfA, lead: 256, directory: cacheFolder).vector(for: key) == Self.vector(1, dimension: 384))
    }

    @Test("a model's digest is computed once per version of the file")
    func digestMemo() throws {
        let root = try Self.folder()
        let cacheFolder = root + "/cache"
        let path = root + "/e5-small-q4.bin"
        try Data("weights v1".utf8).write(to: URL(fileURLWithPath: path))
        let first = try ModelDigest.sha256(ofFile: path, cacheDirectory: cacheFolder)
        #expect(first == EmbeddingCache.key("weights v1"))

        // The memo next to the model answers while size and time are unchanged: plant a marker in it.
        let memo = path + ".sha256"
        let line = try String(contentsOfFile: memo, encoding: .utf8)
        let marker = String(repeating: "ab", count: 32)
        try line.replacingOccurrences(of: first, with: marker).write(toFile: memo, atomically: true, encoding: .utf8)
        #expect(try ModelDigest.sha256(ofFile: path, cacheDirectory: cacheFolder) == marker)

        // A new version of the file (another size and time) is hashed again.
        try Data("weights version 2".utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: path)
        #expect(try ModelDigest.sha256(ofFile: path, cacheDirectory: cacheFolder) == EmbeddingCache.key("weights version 2"))
        #expect(throws: EmbeddingCacheError.self) { try ModelDigest.sha256(ofFile: root + "/missing.bin", cacheDirectory: cacheFolder) }
    }

    @Test("writers appending at once (each with its own file handle, as two processes) never interleave records")
    func concurrentWriters() throws {
        let path = try Self.folder() + "/vectors.bin"
        let writers = 6, perWriter = 200
        DispatchQueue.concurrentPerform(iterations: writers) { writer in
            var cache = EmbeddingCache(path: path, dimension: 8)
            for index in 0..<perWriter {
                let seed = writer * perWriter + index
                cache.store(Self.vector(seed), for: EmbeddingCache.key("\(Self.leads[seed % 4]) #\(seed)"))
                try? cache.save()  // one record per save: many chances to collide
            }
        }
        let loaded = EmbeddingCache(path: path, dimension: 8)
        #expect(loaded.recovery == nil)
        #expect(try Self.fileSize(path) == writers * perWriter * (32 + 4 * 8))
        for seed in 0..<writers * perWriter {
            #expect(loaded.vector(for: EmbeddingCache.key("\(Self.leads[seed % 4]) #\(seed)")) == Self.vector(seed))
        }
    }
}
