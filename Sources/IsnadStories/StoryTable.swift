/// The clusterer's stories by id, in a dense array: the centroid scan reads one field of
/// hundreds of stories per article, and a dictionary of structs would copy (retain and
/// release) every field of each story it hands out. Reads take the story in place.
struct StoryTable: Sendable {
    private(set) var states: [StoryState] = []
    private var slots: [Int: Int32] = [:]

    init(_ list: [StoryState] = []) {
        for state in list { insert(state) }
    }

    func contains(_ id: Int) -> Bool { slots[id] != nil }

    /// A copy of the story (for snapshots and tests; hot paths use the accessors below).
    subscript(id: Int) -> StoryState? { slots[id].map { states[Int($0)] } }

    func isOpen(_ id: Int) -> Bool {
        guard let slot = slots[id] else { return false }
        return states[Int(slot)].open
    }

    func centroid(_ id: Int) -> [Float]? {
        guard let slot = slots[id] else { return nil }
        return states[Int(slot)].centroid
    }

    /// Runs `body` on the story without copying it.
    func read<R>(_ id: Int, _ body: (StoryState) -> R) -> R? {
        guard let slot = slots[id] else { return nil }
        return body(states[Int(slot)])
    }

    /// Changes the story in place; false when there is no such story.
    @discardableResult
    mutating func modify(_ id: Int, _ body: (inout StoryState) -> Void) -> Bool {
        guard let slot = slots[id] else { return false }
        body(&states[Int(slot)])
        return true
    }

    /// Adds the story, or replaces the one with its id.
    mutating func insert(_ state: StoryState) {
        if let slot = slots[state.id] { states[Int(slot)] = state; return }
        slots[state.id] = Int32(states.count)
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
        slots = [:]
        for state in list { insert(state) }
    }
}
