import Foundation
import GRDB
import Testing
import IsnadStore

@Suite("Learned furniture counts")
struct FurnitureCountTests {
    /// Five Arabic reports from one outlet folder, each ending with the outlet's channel line.
    func outletFolder() throws -> String {
        let folder = try temporaryFolder()
        let reports = [
            ("ghouta", "خروج دفعة جديدة من المدنيين من الغوطة الشرقية", "قال مركز المصالحة إن مئات المدنيين خرجوا صباح اليوم عبر ممر مخيم الوافدين."),
            ("aleppo", "افتتاح سوق الخضار في حلب بعد ترميمه", "أعادت محافظة حلب افتتاح السوق القديم بعد أعمال ترميم استمرت عامين."),
            ("daraa", "وصول قافلة مساعدات إلى ريف درعا", "دخلت قافلة تضم ثلاثين شاحنة محملة بالمواد الغذائية والطبية إلى بلدات ريف درعا الشرقي."),
            ("homs", "إعادة تأهيل محطة مياه في حمص", "أنهت ورشات المؤسسة العامة لمياه الشرب تأهيل محطة الضخ الرئيسية في حي الوعر."),
            ("latakia", "انطلاق موسم قطاف الحمضيات في اللاذقية", "بدأ المزارعون في ريف اللاذقية قطاف البرتقال وسط توقعات بإنتاج يفوق العام الماضي."),
        ]
        for (name, title, body) in reports {
            try write("\(title)\n\n\(body)\n\nتابعونا على قناة تيليغرام", folder, "\(name).txt")
        }
        return folder
    }

    /// The counts the store persisted: documents per group and the largest line count.
    func persistedCounts(_ path: String) throws -> (documents: Int, line: Int) {
        let db = try DatabaseQueue(path: path)
        return try db.read { db in
            (try Int.fetchOne(db, sql: "SELECT SUM(documents) FROM furnitureGroups") ?? 0,
             try Int.fetchOne(db, sql: "SELECT MAX(documents) FROM furnitureLines") ?? 0)
        }
    }

    @Test("ingesting the same files again, or a copy of one, does not count them again")
    func reingest() throws {
        let folder = try outletFolder()
        let path = (folder as NSString).appendingPathComponent("s.sqlite")
        let store = try ArticleStore(path: path)
        _ = try Ingestor(store: store).run(paths: [folder])
        #expect(try persistedCounts(path) == (5, 5))

        _ = try Ingestor(store: store).run(paths: [folder])
        _ = try Ingestor(store: store).run(paths: [folder])
        #expect(try persistedCounts(path) == (5, 5))

        // The same content under another name, in the same run as a genuinely new report.
        let copy = try String(contentsOfFile: (folder as NSString).appendingPathComponent("homs.txt"), encoding: .utf8)
        try write(copy, folder, "homs-copy.txt")
        try write("ارتفاع منسوب نهر العاصي في حماة\n\nحذرت مديرية الموارد المائية سكان القرى المحاذية للنهر من ارتفاع منسوب المياه.\n\nتابعونا على قناة تيليغرام",
                  folder, "hama.txt")
        _ = try Ingestor(store: store).run(paths: [folder])
        #expect(try persistedCounts(path) == (6, 6))
    }

    @Test("a store written before counted documents were recorded: its articles count as counted")
    func storeFromBefore() throws {
        let folder = try outletFolder()
        let path = (folder as NSString).appendingPathComponent("s.sqlite")
        _ = try Ingestor(store: try ArticleStore(path: path)).run(paths: [folder])
        // Undo the migration, as in a store of the previous version.
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "DROP TABLE furnitureDocuments")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v5-furniture-documents'")
        }
        _ = try Ingestor(store: try ArticleStore(path: path)).run(paths: [folder])
        #expect(try persistedCounts(path) == (5, 5))
    }

    @Test("a file repeated within one run counts once")
    func copiesInOneRun() throws {
        let folder = try outletFolder()
        let copy = try String(contentsOfFile: (folder as NSString).appendingPathComponent("daraa.txt"), encoding: .utf8)
        try write(copy, folder, "daraa-again.txt")
        let path = (folder as NSString).appendingPathComponent("s.sqlite")
        // One file per batch, so the copy is counted while its twin's batch is being written.
        _ = try Ingestor(store: try ArticleStore(path: path), batchSize: 1).run(paths: [folder])
        #expect(try persistedCounts(path) == (5, 5))
    }
}
