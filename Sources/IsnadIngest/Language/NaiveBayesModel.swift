import Foundation
import IsnadText

/// Class scores of one text.
struct LanguageScores {
    var probabilities: [String: Double]

    /// Renormalised over a subset of languages.
    func restricted(to languages: Set<String>) -> [String: Double] {
        let kept = probabilities.filter { languages.contains($0.key) }
        let total = kept.values.reduce(0, +)
        guard total > 0 else { return kept }
        return kept.mapValues { $0 / total }
    }

    /// Folds regional or historical classes into the language a news reader expects.
    static let folds: [String: String] = [
        "ary": "ar", "arz": "ar", "wuu": "zh", "yue": "zh", "nn": "no", "hbo": "he", "uzs": "uz", "sdh": "ku",
        "gug": "gn", "zxx": "und",
    ]

    mutating func fold() {
        var folded: [String: Double] = [:]
        for (code, p) in probabilities { folded[Self.folds[code] ?? code, default: 0] += p }
        probabilities = folded
    }

    var best: LanguageGuess {
        guard let top = probabilities.max(by: { $0.value < $1.value }) else { return LanguageGuess(language: "und", confidence: 0) }
        return LanguageGuess(language: top.key, confidence: top.value)
    }
}

/// The py3langid model: a byte-level DFA whose states emit n-gram features, and per-feature
/// class log-probabilities. Scores are Σ log(1 + count) · P(feature|class) + prior, then a
/// softmax tempered by √bytes (py3langid's calibration).
final class NaiveBayesModel: Sendable {
    let classes: [String]
    let prior: [Float]
    let featureClass: [UInt16]  // features × classes, float16 as in the file (half the memory of Float)
    let nextMove: [UInt32]
    let stateRow: [UInt16]
    let stateFeature: [Int32]

    init(path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ModelError(path: path, problem: "language model not installed")
        }
        do {
            let npz = try NPZArchive(path: path)
            classes = try npz.strings("classes")
            prior = try npz.floats("pc")
            featureClass = try npz.numbers("ptc", as: UInt16.self, descr: "<f2")
            nextMove = try npz.numbers("nextmove", as: UInt32.self, descr: "<u4")
            stateRow = try npz.numbers("nextmove_row", as: UInt16.self, descr: "<u2")
            stateFeature = try npz.numbers("out_feat", as: Int32.self, descr: "<i4")
            let shape = npz.shape("ptc")
            guard shape.count == 2, shape[1] == classes.count, prior.count == classes.count,
                  stateFeature.count == stateRow.count, featureClass.count == shape[0] * shape[1],
                  nextMove.count == (Int(stateRow.max() ?? 0) + 1) * 256,
                  stateFeature.allSatisfy({ $0 < shape[0] }) else {
                throw ModelError(path: path, problem: "language model arrays do not fit together (corrupt or other version)")
            }
        } catch let error as NPZArchive.FormatError {
            throw ModelError(path: path, problem: "unreadable language model: \(error.message)")
        }
    }

    /// IEEE half → single precision with integer operations (portable, and far faster than the
    /// runtime's software conversion on CPUs targeted without F16C).
    @inline(__always)
    static func widen(_ h: UInt16) -> Float {
        let sign = UInt32(h & 0x8000) << 16
        let exponent = UInt32(h >> 10) & 0x1F
        let mantissa = UInt32(h & 0x03FF)
        if exponent == 0 {
            // zero or subnormal: mantissa · 2^-24
            return Float(bitPattern: sign) + (sign == 0 ? 1 : -1) * Float(mantissa) * 0x1p-24
        }
        if exponent == 0x1F { return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13)) }
        return Float(bitPattern: sign | ((exponent + 112) << 23) | (mantissa << 13))
    }

    /// The n-gram features of `bytes`, sorted (runs of one feature are its count): one walk of
    /// the DFA from its start state over every byte, as py3langid's `visit_counts` does. (Walking
    /// the text in several lanes from the start state, tried for speed, lost the n-grams that
    /// cross each cut: in a sentence that is a tenth of its features, enough to send Spanish to
    /// Extremaduran and Indonesian to Malay. Samples are a few hundred bytes; one walk is cheap.)
    func features(of bytes: [UInt8]) -> [Int32] {
        var features: [Int32] = []
        features.reserveCapacity(bytes.count)
        let rowCount = stateRow.count
        var state = 0
        for byte in bytes {
            let next = Int(nextMove[Int(stateRow[state]) << 8 | Int(byte)])
            // The model's arrays are checked at load; a state out of range would be a corrupt
            // table, and restarting the walk is the safe answer.
            guard next < rowCount else { state = 0; continue }
            state = next
            let feature = stateFeature[state]
            if feature >= 0 { features.append(feature) }
        }
        features.sort()
        return features
    }

    /// The text as py3langid encodes it: lowercased when every cased letter is a capital (and
    /// there is one), then NFC, then UTF-8.
    static func encode(_ text: String) -> [UInt8] {
        var cased = false, allUpper = true
        for scalar in text.unicodeScalars where scalar.properties.isCased {
            cased = true
            if !scalar.properties.isUppercase { allUpper = false; break }
        }
        let prepared = cased && allUpper ? text.lowercased() : text
        return Array(prepared.precomposedStringWithCanonicalMapping.utf8)
    }

    func scores(for text: String) -> LanguageScores {
        let bytes = Self.encode(text)
        let features = self.features(of: bytes)
        let n = classes.count
        var raw = prior
        if features.isEmpty { return LanguageScores(probabilities: [:]) }
        featureClass.withUnsafeBufferPointer { table in
            raw.withUnsafeMutableBufferPointer { scores in
                var start = 0
                while start < features.count {
                    let feature = features[start]
                    var end = start + 1
                    while end < features.count && features[end] == feature { end += 1 }
                    let weight = Float(log1p(Double(end - start)))
                    let row = UnsafeBufferPointer(rebasing: table[(Int(feature) * n)..<(Int(feature) * n + n)])
                    for c in 0..<n { scores[c] += weight * Self.widen(row[c]) }
                    start = end
                }
            }
        }
        let temperature = 1.0 / Double(max(1, bytes.count)).squareRoot()
        let maxScore = Double(raw.max() ?? 0) * temperature
        var probabilities: [String: Double] = [:]
        var total = 0.0
        var exps = [Double](repeating: 0, count: n)
        for c in 0..<n {
            exps[c] = exp(Double(raw[c]) * temperature - maxScore)
            total += exps[c]
        }
        for c in 0..<n {
            // Duplicate labels (script aliases) add up.
            probabilities[classes[c], default: 0] += exps[c] / total
        }
        return LanguageScores(probabilities: probabilities)
    }
}
