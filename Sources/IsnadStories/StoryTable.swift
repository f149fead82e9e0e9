/// The clusterer's stories by id, in a dense array: the centroid scan reads one field of
/// hundreds of stories per article, and a dictionary of structs would copy (retain and
/// release) every field of each story it hands out. Reads take the story in place.
struct StoryTable: Sendable {
    private(set) var states: [StoryState] = []
    /// Slot in `states` of each story id (-1: not held), by id: ids are given in order, so an
    /// array indexed by id is small and spares a hash lookup per story in the centroid scan.
    private var slotByID: [Int32] = []
    /// Whether each story id is open, by id: the term index lookup asks this of hundreds of
    /// ids per article, so it is an array read, not a hash lookup.
    private var openByID: [Bool] = []
    /// The centroids, one row each in one block: the centroid scan reads hundreds of them for
    /// every article, and rows of one block stream from memory where separate arrays would each
    /// cost a cache miss. A row is freed when its story loses its centroid (closed, merged).
    private var centroidRows: [Float] = []
    private var centroidDimension = 0
    private var rowByID: [Int32] = []
    private var freeRows: [Int32] = []

    private mutating func noteOpen(_ id: Int, _ open: Bool) {
        guard id >= 0 else { return }
        if id >= openByID.count {
            guard open else { return }
            openByID.append(contentsOf: repeatElement(false, count: id - openByID.count + 1))
        }
        openByID[id] = open
    }

    init(_ list: [StoryState] = []) {
        for state in list { insert(state) }
    }

    @inline(__always)
    private func slot(_ id: Int) -> Int? {
        guard id >= 0, id < slotByID.count else { return nil }
        let slot = slotByID[id]
        return slot < 0 ? nil : Int(slot)
    }

    func contains(_ id: Int) -> Bool { slot(id) != nil }

    /// A copy of the story (for snapshots and tests; hot paths use the accessors below).
    subscript(id: Int) -> StoryState? { slot(id).map { states[$0] } }

    @inline(__always)
    func isOpen(_ id: Int) -> Bool { id >= 0 && id < openByID.count && openByID[id] }

    func centroid(_ id: Int) -> [Float]? {
        guard let slot = slot(id) else { return nil }
        return states[slot].centroid
    }

    /// Cosine of `vector` (unit length) to the centroid of each story of `ids` that has one, in
    /// the order of `ids`.
    func cosines(to vector: [Float], of ids: [Int32]) -> [(story: Int, cosine: Float)] {
        var result: [(story: Int, cosine: Float)] = []
        result.reserveCapacity(ids.count)
        let dimension = centroidDimension
        vector.withUnsafeBytes { v in
            centroidRows.withUnsafeBytes { rows in
                for id in ids {
                    let story = Int(id)
                    let row = story >= 0 && story < rowByID.count ? Int(rowByID[story]) : -1
                    if row >= 0 {
                        let start = row * dimension * MemoryLayout<Float>.stride
                        let centroid = UnsafeRawBufferPointer(rebasing: rows[start..<start + dimension * MemoryLayout<Float>.stride])
                        result.append((story, dot(v, centroid, count: min(vector.count, dimension))))
                    } else if let centroid = centroid(story) {
                        // A centroid of another length than the block's rows (vectors of two models).
                        result.append((story, dot(vector, centroid)))
                    }
                }
            }
        }
        return result
    }

    /// Puts the story's centroid in its row (or frees the row when it has none).
    private mutating func syncCentroid(_ id: Int, _ centroid: [Float]?) {
        guard id >= 0 else { return }
        if id >= rowByID.count {
            guard centroid != nil else { return }
            rowByID.append(contentsOf: repeatElement(-1, count: id - rowByID.count + 1))
        }
        if centroidDimension == 0, let centroid { centroidDimension = centroid.count }
        guard let centroid, centroid.count == centroidDimension, centroidDimension > 0 else {
            if rowByID[id] >= 0 { freeRows.append(rowByID[id]); rowByID[id] = -1 }
            return
        }
        var row = Int(rowByID[id])
        if row < 0 {
            if let free = freeRows.popLast() { row = Int(free) } else {
                row = centroidRows.count / centroidDimension
                centroidRows.append(contentsOf: repeatElement(0, count: centroidDimension))
            }
            rowByID[id] = Int32(row)
        }
        let start = row * centroidDimension
        centroidRows.withUnsafeMutableBufferPointer { rows in
            centroid.withUnsafeBufferPointer { source in
                guard let target = rows.baseAddress, let from = source.baseAddress else { return }
                (target + start).update(from: from, count: centroidDimension)
            }
        }
    }

    /// Runs `body` on the story without copying it.
    func read<R>(_ id: Int, _ body: (StoryState) -> R) -> R? {
        guard let slot = slot(id) else { return nil }
        return body(states[slot])
    }

    /// Changes the story in place; false when there is no such story.
    @discardableResult
    mutating func modify(_ id: Int, _ body: (inout StoryState) -> Void) -> Bool {
        guard let slot = slot(id) else { return false }
        body(&states[slot])
        noteOpen(id, states[slot].open)
        syncCentroid(id, states[slot].centroid)
        return true
    }

    /// Adds the story, or replaces the one with its id.
    mutating func insert(_ state: StoryState) {
        noteOpen(state.id, state.open)
        guard state.id >= 0 else { return }
        syncCentroid(state.id, state.centroid)
        if let slot = slot(state.id) { states[slot] = state; return }
        if state.id >= slotByID.count { slotByID.append(contentsOf: repeatElement(-1, count: state.id - slotByID.count + 1)) }
        slotByID[state.id] = Int32(states.count)
        states.append(state)
    }

    /// Gives every story its new id (`map` old → new; others keep theirs).
    mutating func rename(_ map: [Int: Int]) {
        let list = states.map { state -> StoryState in
            var copy = state
            copy.id = map[state.id] ?? state.id
            return copy
        }
        states = []
        slotByID = []
        openByID = []
        centroidRows = []
        rowByID = []
        freeRows = []
        for state in list { insert(state) }
    }
}
