extension StoryState {
    func write(to writer: inout SnapshotWriter) {
        writer.int(id)
        writer.int(memberCount)
        writer.bool(centroidSum != nil)
        if let centroidSum { writer.floats(centroidSum) }
        writer.array(Array(terms.keys))
        writer.array(Array(terms.values))
        writer.array(Array(numbers))
        writer.array(Array(nameKeys.keys))
        writer.array(Array(nameKeys.values))
        writer.fixed(nameFamilies)
        writer.optionalInt(firstDay)
        writer.optionalInt(lastDay)
        writer.int(lastOrder)
        Self.write(languages, to: &writer)
        Self.write(vectorLanguages, to: &writer)
        writer.bool(open)
    }

    init(from reader: inout SnapshotReader) throws(SnapshotError) {
        self.init(id: try reader.int("story id"))
        memberCount = try reader.int("member count")
        if try reader.bool("centroid flag") {
            centroidSum = try reader.floats("centroid")
            refreshCentroid()
        }
        let termKeys = try reader.array(UInt64.self, "terms")
        let termCounts = try reader.array(Int32.self, "term counts")
        guard termKeys.count == termCounts.count else { throw SnapshotError(offset: reader.offset, message: "term table of story \(id)") }
        terms = Dictionary(uniqueKeysWithValues: zip(termKeys, termCounts))
        numbers = Set(try reader.array(UInt64.self, "numbers"))
        let keys = try reader.array(UInt64.self, "name keys")
        let bits = try reader.array(UInt8.self, "name key families")
        guard keys.count == bits.count else { throw SnapshotError(offset: reader.offset, message: "name keys of story \(id)") }
        nameKeys = Dictionary(uniqueKeysWithValues: zip(keys, bits))
        nameFamilies = try reader.fixed(UInt8.self, "name families")
        firstDay = try reader.optionalInt("first day")
        lastDay = try reader.optionalInt("last day")
        lastOrder = try reader.int("last order")
        languages = try Self.readCounts(&reader)
        vectorLanguages = try Self.readCounts(&reader)
        open = try reader.bool("open flag")
    }

    private static func write(_ counts: [String: Int32], to writer: inout SnapshotWriter) {
        writer.int(counts.count)
        for (key, value) in counts.sorted(by: { $0.key < $1.key }) {
            writer.string(key)
            writer.fixed(value)
        }
    }

    private static func readCounts(_ reader: inout SnapshotReader) throws(SnapshotError) -> [String: Int32] {
        var result: [String: Int32] = [:]
        for _ in 0..<(try reader.count("language counts", elementSize: 9)) {
            let key = try reader.string("language")
            result[key] = try reader.fixed(Int32.self, "language count")
        }
        return result
    }
}
