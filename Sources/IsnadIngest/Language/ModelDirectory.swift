import Foundation

/// Where installed models live: `$ISNAD_MODELS`, else `~/.cache/isnad/models`.
/// `make models` fills it; nothing in it is committed.
public enum ModelDirectory {
    public static var path: String {
        if let custom = ProcessInfo.processInfo.environment["ISNAD_MODELS"], !custom.isEmpty { return custom }
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".cache/isnad/models")
    }

    /// The language-identification model file.
    public static var languageModel: String { (path as NSString).appendingPathComponent("langid/model.npz") }
}

/// A model needed by a command is missing or unusable; the message says how to fix it.
public struct ModelError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var problem: String
    public var description: String {
        "\(path): \(problem). Install the models with `make models` (or set ISNAD_MODELS to the folder that holds them)."
    }
}
