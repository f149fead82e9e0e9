import Foundation
import GRDB
import IsnadReport
import IsnadStore
import IsnadStories
import Testing

@Suite("Story signals across versions")
struct SignalUpgradeTests {
    @Test("signals stored before name keys existed are recomputed from the stored text, and stories stay the same")
    func staleSignalsAreRefreshed() throws {
        let folder = try temporaryFolder()
        try write("Beirut port blast kills dozens\n\nA huge explosion at the port of Beirut killed dozens of people on Tuesday, Lebanese officials said, "
                  + "as hospitals across the Lebanese capital filled with the wounded and rescuers searched the ruins of the grain silos.", folder, "en.txt")
        try write("انفجار ضخم في مرفأ بيروت\n\nقتل العشرات في انفجار ضخم هز مرفأ بيروت يوم الثلاثاء، وقال مسؤولون لبنانيون إن مستشفيات العاصمة "
                  + "اللبنانية امتلأت بالجرحى بينما بحث المسعفون بين أنقاض صوامع الحبوب عن ناجين.", folder, "ar.txt")
        let path = (folder as NSString).appendingPathComponent("s.sqlite")
        let store = try ArticleStore(path: path)
        _ = try Ingestor(store: store).run(paths: [folder])
        let first = try StoryUpdater(store: store).update(embedder: nil)
        #expect(first.signalsComputed == 2)
        #expect(try store.signals().allSatisfy { !$0.nameKeys.isEmpty })

        // What a store written before migration v4 holds: no name keys.
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "UPDATE articleSignals SET nameKeys = NULL") }
        #expect(try store.signals().allSatisfy { $0.nameKeys.isEmpty })

        let second = try StoryUpdater(store: store).update(embedder: nil)
        #expect(second.signalsComputed == 0) // no article was encoded again
        #expect(second.stories == first.stories)
        #expect(try store.signals().allSatisfy { !$0.nameKeys.isEmpty })
    }
}
