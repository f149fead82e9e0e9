import Foundation

/// The name table is missing or unusable. Like a missing encoder model it names the file and
/// says how to install it; callers then go on with ``NameRomanizer/rulesOnly``.
public struct NameResourceError: Error, Sendable, CustomStringConvertible {
    /// The file that was read.
    public var path: String
    /// What is wrong with it ("not found", "not an SQLite database", …).
    public var problem: String

    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String {
        "\(path): \(problem). Install the models with `make models` (or set ISNAD_MODELS to the folder that holds them)."
    }
}

extension NameResourceError {
    /// Throws unless `path` is a file: the same check, and words, for every name resource.
    static func requireFile(_ path: String, naming what: String) throws(NameResourceError) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw NameResourceError(path: path, problem: "\(what) not found")
        }
        guard !isFolder.boolValue else { throw NameResourceError(path: path, problem: "is a folder, not the \(what)") }
    }
}
