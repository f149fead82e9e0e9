import Foundation

/// The development data beside the project (`$ISNAD_SHARED`, default `../shared`).
public enum SharedData {
    public static var root: String {
        if let custom = ProcessInfo.processInfo.environment["ISNAD_SHARED"], !custom.isEmpty { return custom }
        return (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent("../shared")
    }

    /// Absolute path of a file under the shared folder.
    public static func path(_ relative: String) -> String {
        ((root as NSString).appendingPathComponent(relative) as NSString).standardizingPath
    }

    /// A shared file's path, or an error naming it when it is absent.
    public static func require(_ relative: String) throws -> String {
        let full = path(relative)
        guard FileManager.default.fileExists(atPath: full) else {
            throw MissingSharedData(path: full)
        }
        return full
    }

    public struct MissingSharedData: Error, CustomStringConvertible {
        public var path: String
        public var description: String { "shared data not found: \(path) (set ISNAD_SHARED to the shared folder)" }
    }
}
