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
