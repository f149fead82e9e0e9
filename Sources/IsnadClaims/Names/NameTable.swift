import Foundation
import GRDB

/// The `units` table of the name resource, reduced to what romanization needs: one Latin
/// spelling per folded Arabic-script key and the keys that are frequent given names.
struct NameTable: Sendable {
    /// Folded key (words joined by one space) → most frequent Latin spelling.
    var spellings: [String: String] = [:]
    /// Folded keys seen as given names at least ``givenMinimum`` times.
    var givenNames: Set<String> = []
    /// Most words in one key (the longest multi-word unit).
    var longestUnit = 1

    /// A given name needs this many attestations: single ones include surnames mislabelled.
    static let givenMinimum = 3

    /// Reads the table read-only. Counts are summed per spelling over every country, role and
    /// source, after folding keys the way ``NameKey`` folds input words, so both sides meet.
    static func read(path: String) throws(NameResourceError) -> NameTable {
        try NameResourceError.requireFile(path, naming: "name table")
        var counts: [String: [String: Int]] = [:]
        var given: [String: Int] = [:]
        do {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.label = "names"
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            let hasUnits = try queue.read { db in
                guard try db.tableExists("units") else { return false }
                // Rows in key order (the file's index): each raw key's rows are summed locally,
                // then merged under its folded key; faster than GROUP BY in SQL.
                let rows = try Row.fetchCursor(db, sql: "SELECT arabic_key, latin, role = 'given', count FROM units ORDER BY arabic_key")
                var raw = ""
                var spellings: [String: Int] = [:]
                var givenCount = 0
                func flush() {
                    let key = NameKey.fold(raw)
                    if !key.isEmpty, !spellings.isEmpty {
                        if counts[key] == nil {
                            counts[key] = spellings
                        } else {
                            counts[key, default: [:]].merge(spellings, uniquingKeysWith: +)
                        }
                        if givenCount > 0 { given[key, default: 0] += givenCount }
                    }
                    spellings = [:]  // a fresh small dictionary: the stored one keeps its own capacity
                    givenCount = 0
                }
                while let row = try rows.next() {
                    guard let arabic: String = row[0], var latin: String = row[1] else { continue }
                    if latin.first?.isWhitespace == true || latin.last?.isWhitespace == true {
                        latin = latin.trimmingCharacters(in: .whitespaces)
                    }
                    guard !latin.isEmpty else { continue }
                    if arabic != raw {
                        flush()
                        raw = arabic
                    }
                    let count: Int = row[3] ?? 0
                    spellings[latin, default: 0] += count
                    if row[2] == true { givenCount += count }
                }
                flush()
                return true
            }
            guard hasUnits else {
                throw NameResourceError(path: path, problem: "no `units` table: not the name table of arabic-name-romanizer")
            }
        } catch let error as NameResourceError {
            throw error
        } catch let error as DatabaseError {
            throw NameResourceError(path: path, problem: problem(error))
        } catch {
            throw NameResourceError(path: path, problem: "unreadable (\(error))")
        }
        guard !counts.isEmpty else {
            throw NameResourceError(path: path, problem: "the `units` table holds no names")
        }
        var table = NameTable()
        table.spellings.reserveCapacity(counts.count)
        for (key, spellings) in counts {
            // Most frequent; ties alphabetical, so loading is deterministic.
            var best: (spelling: String, count: Int)?
            for (spelling, count) in spellings {
                if let current = best, current.count > count || (current.count == count && current.spelling < spelling) { continue }
                best = (spelling, count)
            }
            if let best { table.spellings[key] = best.spelling }
            table.longestUnit = max(table.longestUnit, key.utf8.reduce(1) { $1 == 0x20 ? $0 + 1 : $0 })
        }
        table.givenNames = Set(given.lazy.filter { $0.value >= givenMinimum }.map(\.key))
        return table
    }

    /// The problem of a failed open or query in words a user can act on.
    private static func problem(_ error: DatabaseError) -> String {
        switch error.resultCode {
        case .SQLITE_NOTADB: return "not an SQLite database (damaged or partly written)"
        case .SQLITE_CORRUPT: return "damaged SQLite database"
        case .SQLITE_CANTOPEN: return "cannot be opened"
        case .SQLITE_PERM, .SQLITE_READONLY: return "not readable"
        default: return "unreadable name table (\(error.message ?? "\(error.resultCode)"))"
        }
    }
}
