import Foundation
import IsnadEncoder
import Testing

@Suite("Encoder model file")
struct ModelFileTests {
    @Test("a missing model says how to install it")
    func missing() throws {
        let folder = NSTemporaryDirectory() + "isnad-no-models-\(UUID().uuidString)"
        do {
            _ = try ModelLocator.locate(environment: ["ISNAD_MODELS": folder])
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .modelMissing)
            #expect(error.description.contains("make models") && error.description.contains(folder))
        }
    }

    /// Writes the first `length` bytes of the real weight file (or garbage) to a temporary file.
    static func damaged(_ bytes: (Data) -> Data) throws -> String {
        let real = try Data(contentsOf: URL(fileURLWithPath: ModelLocator.defaultWeightsPath()), options: .alwaysMapped)
        let path = NSTemporaryDirectory() + "isnad-damaged-\(UUID().uuidString).bin"
        try bytes(real).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("truncated, corrupted, empty and non-model files are errors naming the file", arguments: [
        "truncated-header", "truncated-vocabulary", "truncated-tensors", "bad-magic", "bad-directory", "empty", "folder",
    ])
    func damagedFiles(kind: String) throws {
        let path: String
        switch kind {
        case "truncated-header": path = try Self.damaged { $0.prefix(30) }
        case "truncated-vocabulary": path = try Self.damaged { $0.prefix(1_500_000) }
        case "truncated-tensors": path = try Self.damaged { $0.prefix(60_000_000) }
        case "bad-magic": path = try Self.damaged { var d = $0.prefix(5_000_000); d[0] = 0x58; return d }
        case "bad-directory": path = try Self.damaged { data in
            var d = data
            // Overwrite the first tensor entry's offset (after name length 8 "emb.word", type, count).
            let entry = 4_632_326
            for i in 0..<8 { d[entry + 2 + 8 + 1 + 4 + i] = 0xFF }
            return d
        }
        case "empty": path = try Self.damaged { _ in Data() }
        default: path = NSTemporaryDirectory()
        }
        defer { if kind != "folder" { try? FileManager.default.removeItem(atPath: path) } }
        do {
            _ = try E5Encoder(path: path, threads: 1)
            Issue.record("expected an error for \(kind)")
        } catch {
            #expect(error.kind == .modelCorrupt)
            #expect(error.description.contains(path))
        }
    }

    @Test("the real model loads with the expected shape")
    func shape() throws {
        let encoder = try TestEncoder.shared.get()
        #expect(encoder.configuration.hidden == 384 && encoder.configuration.layers == 12)
        #expect(encoder.configuration.maxPositions == 512 && encoder.tokenizer.pieceCount == 250_002)
        #expect(encoder.dimension == 384)
    }
}
