import Dispatch
import Foundation
import Testing
@testable import IsnadIngest

@Suite("Folder walking: links followed once, loops reported")
struct WalkerTests {
    /// Lists `paths` on another thread, giving up after `seconds` (a walk that never ends must
    /// fail the test, not hang it).
    static func listing(_ paths: [String], within seconds: Double = 20) -> InputWalker.Listing? {
        final class Box: @unchecked Sendable { var listing: InputWalker.Listing? }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            box.listing = InputWalker.files(in: paths)
            done.signal()
        }
        guard done.wait(timeout: .now() + seconds) == .success else { return nil }
        return box.listing
    }

    @Test("two links to `.` end the walk; each is a note naming the link; the file is read once")
    func twoLinksToSelf() throws {
        let folder = try Fixtures.temporaryFolder()
        let root = (folder as NSString).appendingPathComponent("L")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try Fixtures.write("انفجار في المرفأ\n\nقالت وزارة الصحة إن عدد الضحايا ارتفع إلى مئة.", to: root, "a.txt")
        try FileManager.default.createSymbolicLink(atPath: (root as NSString).appendingPathComponent("x"), withDestinationPath: ".")
        try FileManager.default.createSymbolicLink(atPath: (root as NSString).appendingPathComponent("y"), withDestinationPath: ".")
        let listing = try #require(Self.listing([root]), "the walk did not end")
        #expect(listing.files.map(\.display) == [(root as NSString).appendingPathComponent("a.txt")])
        #expect(listing.errors.isEmpty)
        let loops = listing.skipped.filter { $0.kind == .linkLoop }
        #expect(loops.map { ($0.path as NSString).lastPathComponent } == ["x", "y"])
        #expect(loops.first?.description.contains("same folder as \(root)") == true)
    }

    @Test("a link to a parent and a second link to a sibling folder are not walked again")
    func parentAndSibling() throws {
        let folder = try Fixtures.temporaryFolder()
        let news = (folder as NSString).appendingPathComponent("news/2020")
        try FileManager.default.createDirectory(atPath: news, withIntermediateDirectories: true)
        try Fixtures.write("Blast in Beirut port\n\nThe health ministry said the toll rose to one hundred.", to: news, "beirut.txt")
        try FileManager.default.createSymbolicLink(atPath: (news as NSString).appendingPathComponent("up"), withDestinationPath: "..")
        // Sorted before the real folder: the real folder is still the one read, the link the one noted.
        try FileManager.default.createSymbolicLink(atPath: (folder as NSString).appendingPathComponent("news/1-latest"), withDestinationPath: "2020")
        let listing = try #require(Self.listing([(folder as NSString).appendingPathComponent("news")]), "the walk did not end")
        #expect(listing.files.map { ($0.display as NSString).lastPathComponent } == ["beirut.txt"])
        #expect(listing.files.first?.display.contains("/2020/") == true)
        #expect(Set(listing.skipped.filter { $0.kind == .linkLoop }.map { ($0.path as NSString).lastPathComponent }) == ["1-latest", "up"])
    }

    @Test("a folder given twice is read once")
    func sameFolderTwice() throws {
        let folder = try Fixtures.temporaryFolder()
        try Fixtures.write("خبر\n\nمتن خبر درباره بندر بیروت.", to: folder, "khabar.txt")
        let listing = try #require(Self.listing([folder, folder]))
        #expect(listing.files.count == 1)
        #expect(listing.skipped.map(\.kind) == [.linkLoop])
    }
}
