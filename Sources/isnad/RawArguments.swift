import Foundation
import IsnadIngest

/// The exact bytes of path arguments.
///
/// Swift's `CommandLine.arguments` (and so the argument parser) repairs bytes that are not valid
/// UTF-8 with U+FFFD, which names a file that does not exist. Each parsed path is matched, in
/// order, to the raw `argv` entry it was decoded from, whose bytes are the real path.
enum RawArguments {
    /// `parsed` paths with the bytes the user typed.
    static func inputs(for parsed: [String]) -> [InputPath] {
        var raw: [[UInt8]] = []
        for index in 1..<max(1, Int(CommandLine.argc)) {
            guard let argument = CommandLine.unsafeArgv[index] else { continue }
            raw.append(Array(UnsafeRawBufferPointer(start: argument, count: strlen(argument))))
        }
        return inputs(for: parsed, raw: raw)
    }

    /// `parsed` paths matched in order to the `raw` arguments whose repaired text they are.
    static func inputs(for parsed: [String], raw: [[UInt8]]) -> [InputPath] {
        var cursor = 0
        return parsed.map { path in
            for index in cursor..<raw.count where String(decoding: raw[index], as: UTF8.self) == path {
                cursor = index + 1
                return InputPath(bytes: raw[index])
            }
            return InputPath(path)
        }
    }
}
