/// Decides among Arabic-script languages with letters only some of them use, then the model.
enum ArabicScriptRules {
    static let languages: Set<String> = ["ar", "fa", "ur", "ps", "ku", "sdh", "ug", "ary", "arz", "sd", "pa", "ks"]

    static let urdu: Set<UInt32> = [0x0679, 0x0688, 0x0691, 0x06BA, 0x06D2, 0x06C1, 0x06BE]  // ٹ ڈ ڑ ں ے ہ ھ
    static let pashto: Set<UInt32> = [0x067C, 0x0689, 0x0693, 0x069A, 0x0696, 0x0681, 0x0685, 0x06D0, 0x06CD]  // ټ ډ ړ ښ ږ ځ څ ې ۍ
    static let persian: Set<UInt32> = [0x067E, 0x0686, 0x0698, 0x06AF, 0x06A9, 0x06CC]  // پ چ ژ گ ک ی
    static let arabic: Set<UInt32> = [0x0629, 0x0649, 0x064A, 0x0643]  // ة ى ي ك
    static let kurdish: Set<UInt32> = [0x06B5, 0x06CE, 0x06C6, 0x06A4, 0x0695]  // ڵ ێ ۆ ڤ ڕ

    static func decide(stats: ScriptStatistics, probabilities: [String: Double]) -> LanguageGuess {
        func count(_ set: Set<UInt32>) -> Int { set.reduce(0) { $0 + (stats.arabicLetters[$1] ?? 0) } }
        let urduCount = count(urdu)
        let pashtoCount = count(pashto)
        let persianCount = count(persian)
        let arabicCount = count(arabic)
        let kurdishCount = count(kurdish)
        let letters = max(1, stats.counts[.arabic] ?? 1)

        func guess(_ language: String) -> LanguageGuess {
            let p = probabilities[language] ?? 0
            return LanguageGuess(language: language, confidence: max(p, 0.9))
        }
        if kurdishCount >= 2 { return guess(best(probabilities, among: ["ku", "sdh"]) ?? "ku") }
        if pashtoCount >= 2 && pashtoCount >= urduCount { return guess("ps") }
        // Urdu: its own letters (ے ں ٹ ڈ ڑ and heh forms) appear in nearly every sentence.
        if urduCount >= 2 && Double(urduCount) >= 0.02 * Double(letters) { return guess("ur") }
        if persianCount >= 2 && persianCount > 2 * arabicCount { return guess("fa") }
        if arabicCount >= 2 && persianCount == 0 {
            return guess("ar")
        }
        if let model = best(probabilities, among: ["ar", "fa", "ur", "ps", "ary", "arz"]) {
            let language = ["ary", "arz"].contains(model) ? "ar" : model
            let p = probabilities[model] ?? 0
            return LanguageGuess(language: language, confidence: p)
        }
        // No model: letter evidence alone.
        if persianCount > arabicCount { return LanguageGuess(language: "fa", confidence: 0.6) }
        return LanguageGuess(language: "ar", confidence: 0.6)
    }

    /// The decision letters alone make, without the statistical model; nil when they leave it open.
    static func decideByLetters(stats: ScriptStatistics) -> LanguageGuess? {
        let guess = decide(stats: stats, probabilities: [:])
        return guess.confidence >= 0.9 ? guess : nil
    }

    static func best(_ probabilities: [String: Double], among: [String]) -> String? {
        among.compactMap { code in probabilities[code].map { (code, $0) } }.max { $0.1 < $1.1 }?.0
    }
}
