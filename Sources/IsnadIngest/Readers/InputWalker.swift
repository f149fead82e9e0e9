import Foundation

/// Expands command-line paths into files: folders recursively in name order, hidden files and
/// folders skipped; missing paths and unsupported files reported.
///
/// Links are followed, but every folder is read once: a folder is known by its device and inode,
/// so a link back to a folder already read (`ln -s . x`, `ln -s .. up`, two links to one folder)
/// is not walked again and is reported as a ``IngestError/Kind/linkLoop`` note naming the link.
public enum InputWalker {
    public struct Listing: Sendable {
        public var files: [String] = []
        public var errors: [IngestError] = []
        /// Files inside folders that are not news formats (README.md, images…) and links to
        /// folders already read: reported, not failures.
        public var skipped: [IngestError] = []
    }

    /// A folder's identity on disk, whatever path reached it.
    struct FolderID: Hashable {
        var device: UInt64
        var inode: UInt64

        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    /// Lists the files of `paths`, walking folders.
    public static func files(in paths: [String]) -> Listing {
        var walker = Walker()
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0 else {
                var linkInfo = stat()
                if lstat(path, &linkInfo) == 0 {
                    walker.listing.errors.append(IngestError(path: path, kind: .unreadable, message: "broken link: its target does not exist"))
                } else {
                    walker.listing.errors.append(IngestError(path: path, kind: .notFound, message: "no such file or folder"))
                }
                continue
            }
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                walker.listing.files.append(path)
                continue
            }
            walker.walk(path, info)
        }
        return walker.listing
    }

    /// One walk over all the command-line paths, remembering the folders already read.
    struct Walker {
        var listing = Listing()
        /// Each folder read, with the path it was first read under (for the loop note).
        var seen: [FolderID: String] = [:]

        /// Records a folder; false (and a note) when it was read already.
        mutating func enter(_ path: String, _ info: stat) -> Bool {
            let id = FolderID(info)
            if let first = seen[id] {
                listing.skipped.append(IngestError(
                    path: path, kind: .linkLoop,
                    message: "not read again: it is the same folder as \(first) (a link loop, or a second path to one folder)"))
                return false
            }
            seen[id] = path
            return true
        }

        mutating func walk(_ root: String, _ rootInfo: stat) {
            guard enter(root, rootInfo) else { return }
            var pending = [root]
            let fm = FileManager.default
            while let folder = pending.popLast() {
                let names: [String]
                do {
                    names = try fm.contentsOfDirectory(atPath: folder).sorted()
                } catch {
                    listing.errors.append(IngestError(path: folder, kind: .unreadable, message: "cannot list folder"))
                    continue
                }
                var folders: [(path: String, info: stat, isLink: Bool)] = []
                for name in names where !name.hasPrefix(".") {
                    let path = (folder as NSString).appendingPathComponent(name)
                    var info = stat()
                    guard stat(path, &info) == 0 else {
                        listing.errors.append(IngestError(path: path, kind: .unreadable, message: "broken link: its target does not exist"))
                        continue
                    }
                    if (info.st_mode & S_IFMT) == S_IFDIR {
                        var linkInfo = stat()
                        let isLink = lstat(path, &linkInfo) == 0 && (linkInfo.st_mode & S_IFMT) == S_IFLNK
                        folders.append((path, info, isLink))
                    } else if DocumentReader.format(of: path) != nil {
                        listing.files.append(path)
                    } else {
                        listing.skipped.append(IngestError(path: path, kind: .unsupported,
                                                           message: "skipped: not a supported news file type"))
                    }
                }
                // Real folders claim their identity before links to them, so that the note names the link.
                var entered = Set<String>()
                for candidate in folders where !candidate.isLink && enter(candidate.path, candidate.info) { entered.insert(candidate.path) }
                for candidate in folders where candidate.isLink && enter(candidate.path, candidate.info) { entered.insert(candidate.path) }
                pending.append(contentsOf: folders.map(\.path).filter(entered.contains).reversed())
            }
        }
    }
}
