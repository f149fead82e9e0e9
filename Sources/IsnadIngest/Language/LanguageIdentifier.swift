import Foundation
import IsnadText

/// A language decision: ISO 639-1 code (or `und`) and a confidence in 0…1.
public struct LanguageGuess: Sendable, Hashable {
    public var language: String
    public var confidence: Double
}

/// Language identification: the py3langid naive Bayes model over byte n-grams (97 languages,
/// read from its `.npz` by this code), combined with script rules that settle the
/// Arabic-script languages (Persian پ چ ژ گ ک ی; Urdu ٹ ڈ ڑ ں ے) where byte n-grams waver.
public final class LanguageIdentifier: Sendable {
    /// Fewer letters than this (Han, kana and Hangul count double) give `und`.
    public static let minimumLetters = 6

    /// Scalars of text looked at: a title and the lead settle the language (each byte costs a
    /// random read of the 57 MB model, so more text is slower without being more accurate).
    public static let sampleLength = 320

    private let model: NaiveBayesModel?

    /// Loads the model from the model directory, or works by script alone when it is missing
    /// (then `modelError` says how to install it).
    public init(modelPath: String = ModelDirectory.languageModel) {
        do {
            model = try NaiveBayesModel(path: modelPath)
            modelError = nil
        } catch let error as ModelError {
            model = nil
            modelError = error
        } catch {
            model = nil
            modelError = ModelError(path: modelPath, problem: "\(error)")
        }
    }

    /// Why the statistical model is not in use, when it is not.
    public let modelError: ModelError?

    /// Shared instance, loaded once per process.
    public static let shared = LanguageIdentifier()

    /// Identifies the language of `text` (use title and a few paragraphs; 2,000 scalars suffice).
    public func identify(_ text: String) -> LanguageGuess {
        let sample = String(String.UnicodeScalarView(text.unicodeScalars.prefix(Self.sampleLength)))
        let stats = ScriptStatistics(sample)
        guard stats.weightedLetters >= Self.minimumLetters else { return LanguageGuess(language: "und", confidence: 0) }
        if let unique = stats.uniqueScriptLanguage { return LanguageGuess(language: unique, confidence: 0.99) }
        guard let model else { return stats.scriptOnlyGuess }
        if stats.dominant == .arabic {
            // Letters settle most Arabic-script text; the model is consulted only when they do not.
            if let decided = ArabicScriptRules.decideByLetters(stats: stats) { return decided }
            let scores = model.scores(for: sample)
            return ArabicScriptRules.decide(stats: stats, probabilities: scores.restricted(to: ArabicScriptRules.languages))
        }
        if stats.dominant == .han {
            return LanguageGuess(language: "zh", confidence: 0.95)
        }
        var scores = model.scores(for: sample)
        scores.fold()
        return scores.best
    }

    /// The statistical model's classes for the whole of `text`, best first, without script rules
    /// or folding: what py3langid's `rank` gives with normalised probabilities (for comparison).
    public func modelRanking(_ text: String) -> [(language: String, probability: Double)] {
        guard let model else { return [] }
        return model.scores(for: text).probabilities.sorted { $0.value > $1.value }.map { ($0.key, $0.value) }
    }
}

/// Letter counts per script, and the decisions scripts alone can make.
struct ScriptStatistics {
    var counts: [Script: Int] = [:]
    var arabicLetters: [UInt32: Int] = [:]

    init(_ text: String) {
        for s in text.unicodeScalars {
            guard let script = Script.of(s) else { continue }
            counts[script, default: 0] += 1
            if script == .arabic { arabicLetters[s.value, default: 0] += 1 }
        }
    }

    var weightedLetters: Int {
        counts.reduce(0) { $0 + ($1.key == .han || $1.key == .kana || $1.key == .hangul ? 2 * $1.value : $1.value) }
    }

    var dominant: Script? {
        if (counts[.kana] ?? 0) > 0 && (counts[.kana] ?? 0) + (counts[.han] ?? 0) >= (counts.values.max() ?? 0) { return .kana }
        return counts.max { $0.value < $1.value }?.key
    }

    /// Languages that are the only major user of their script.
    var uniqueScriptLanguage: String? {
        switch dominant {
        case .hangul: return "ko"
        case .kana: return "ja"
        case .thai: return "th"
        case .greek: return "el"
        default: return nil
        }
    }

    /// Without the statistical model: a guess from the script (Arabic-script rules included).
    var scriptOnlyGuess: LanguageGuess {
        switch dominant {
        case .arabic: return ArabicScriptRules.decide(stats: self, probabilities: [:])
        case .hebrew: return LanguageGuess(language: "he", confidence: 0.6)
        case .han: return LanguageGuess(language: "zh", confidence: 0.6)
        case .devanagari: return LanguageGuess(language: "hi", confidence: 0.5)
        case .bengali: return LanguageGuess(language: "bn", confidence: 0.5)
        case .cyrillic: return LanguageGuess(language: "ru", confidence: 0.3)
        default: return LanguageGuess(language: "und", confidence: 0)
        }
    }
}
