import Foundation

/// A fresh folder for one test's files.
func temporaryFolder() throws -> String {
    let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("isnad-claims-\(UUID().uuidString)")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
}

/// Resident and peak resident bytes of this process, from /proc (0 where there is none).
func memory() -> (resident: Int, peak: Int) {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return (0, 0) }
    func kilobytes(_ field: String) -> Int {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }) else { return 0 }
        return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) << 10
    }
    return (kilobytes("VmRSS"), kilobytes("VmHWM"))
}
