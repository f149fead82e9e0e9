import Foundation

/// Expands command-line paths into files: folders recursively in name order, hidden files and
/// folders skipped; missing paths and unsupported files reported.
///
/// Links are followed, but every folder is read once: a folder is known by its device and inode,
/// so a link back to a folder already read (`ln -s . x`, `ln -s .. up`, two links to one folder)
/// is not walked again and is reported as a ``IngestError/Kind/linkLoop`` note naming the link.
/// Names are read as bytes (`readdir`), so files whose names are not valid UTF-8 are found.
public enum InputWalker {
    public struct Listing: Sendable {
        public var files: [InputPath] = []
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
        files(in: paths.map(InputPath.init))
    }

    /// Lists the files of `paths` (as the file system's bytes), walking folders.
    public static func files(in paths: [InputPath]) -> Listing {
        var walker = Walker()
        for path in paths {
            var info = stat()
            guard path.withCString({ stat($0, &info) }) == 0 else {
                var linkInfo = stat()
                if path.withCString({ lstat($0, &linkInfo) }) == 0 {
                    walker.listing.errors.append(IngestError(path: path.display, kind: .unreadable, message: "broken link: its target does not exist"))
                } else {
                    walker.listing.errors.append(IngestError(path: path.display, kind: .notFound, message: "no such file or folder"))
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

    /// The names in a folder as bytes, `.`/`..` and hidden names left out; nil when it cannot be listed.
    static func names(in folder: InputPath) -> [[UInt8]]? {
        guard let directory = folder.withCString({ opendir($0) }) else { return nil }
        defer { closedir(directory) }
        var names: [[UInt8]] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if name.isEmpty || name[0] == UInt8(ascii: ".") { continue }
            names.append(name)
        }
        return names
    }

    /// One walk over all the command-line paths, remembering the folders already read.
    struct Walker {
        var listing = Listing()
        /// Each folder read, with the path it was first read under (for the loop note).
        var seen: [FolderID: String] = [:]

        /// Records a folder; false (and a note) when it was read already.
        mutating func enter(_ path: InputPath, _ info: stat) -> Bool {
            let id = FolderID(info)
            if let first = seen[id] {
                listing.skipped.append(IngestError(
                    path: path.display, kind: .linkLoop,
                    message: "not read again: it is the same folder as \(first) (a link loop, or a second path to one folder)"))
                return false
            }
            seen[id] = path.display
            return true
        }

        mutating func walk(_ root: InputPath, _ rootInfo: stat) {
            guard enter(root, rootInfo) else { return }
            var pending = [root]
            while let folder = pending.popLast() {
                guard let names = InputWalker.names(in: folder) else {
                    listing.errors.append(IngestError(path: folder.display, kind: .unreadable,
                                                      message: "cannot list folder: \(String(cString: strerror(errno)))"))
                    continue
                }
                let paths = names.map(folder.appending).sorted {
                    $0.display != $1.display ? $0.display < $1.display : $0.bytes.lexicographicallyPrecedes($1.bytes)
                }
                var folders: [(path: InputPath, info: stat, isLink: Bool)] = []
                for path in paths {
                    var info = stat()
                    guard path.withCString({ stat($0, &info) }) == 0 else {
                        listing.errors.append(IngestError(path: path.display, kind: .unreadable, message: "broken link: its target does not exist"))
                        continue
                    }
                    if (info.st_mode & S_IFMT) == S_IFDIR {
                        var linkInfo = stat()
                        let isLink = path.withCString({ lstat($0, &linkInfo) }) == 0 && (linkInfo.st_mode & S_IFMT) == S_IFLNK
                        folders.append((path, info, isLink))
                    } else if DocumentReader.format(of: path.display) != nil {
                        listing.files.append(path)
                    } else {
                        listing.skipped.append(IngestError(path: path.display, kind: .unsupported,
                                                           message: "skipped: not a supported news file type"))
                    }
                }
                // Real folders claim their identity before links to them, so that the note names the link.
                var entered = Set<InputPath>()
                for candidate in folders where !candidate.isLink && enter(candidate.path, candidate.info) { entered.insert(candidate.path) }
                for candidate in folders where candidate.isLink && enter(candidate.path, candidate.info) { entered.insert(candidate.path) }
                pending.append(contentsOf: folders.map(\.path).filter(entered.contains).reversed())
            }
        }
    }
}
