import Foundation
import IsnadIngest
import IsnadText

/// What the story engine knows of one article: its vector, its distinctive words and numbers,
/// its day and outlet, and a fingerprint of its whole text. Built once per article; clustering
/// and copy detection read nothing else.
public struct StoryArticle: Sendable, Equatable {
    public var id: String
    public var language: String
    public var outlet: String?
    public var title: String
    /// Days since 1970-01-01 (UTC) of the publication date, when known.
    public var day: Int?
    /// Position in the input stream (the order used when dates are missing).
    public var order: Int
    /// Unit vector of title + lead; nil when the encoder was not run or handles the text poorly.
    public var embedding: [Float]?
    /// Distinct hashed matching keys of the lead's words (three letters or more).
    public var terms: [UInt64]
    /// Distinct hashed numbers of the lead (two digits or more, any digit set).
    public var numbers: [UInt64]
    /// Distinct cross-script name keys of the lead (``NameKeys``), the family in the low two bits.
    public var nameKeys: [UInt64]
    /// MinHash signature of the whole text's word 4-shingles.
    public var signature: [UInt32]
    /// Words in the whole text.
    public var wordCount: Int

    public init(id: String, language: String, outlet: String?, title: String, day: Int?, order: Int,
                embedding: [Float]?, terms: [UInt64], numbers: [UInt64], nameKeys: [UInt64] = [],
                signature: [UInt32], wordCount: Int) {
        self.id = id
        self.language = language
        self.outlet = outlet
        self.title = title
        self.day = day
        self.order = order
        self.embedding = embedding
        self.terms = terms
        self.numbers = numbers
        self.nameKeys = nameKeys
        self.signature = signature
        self.wordCount = wordCount
    }

    /// Words of the lead used for term evidence.
    public static let leadWords = 300

    /// Signals of a cleaned article; `embedding` is its title + lead vector.
    public init(_ article: Article, order: Int, embedding: [Float]?) {
        self.init(id: article.id, language: article.language, outlet: article.outlet, title: article.title,
                  published: article.published, order: order, embedding: embedding,
                  text: article.title.isEmpty ? article.text : article.title + "\n" + article.text)
    }

    /// Signals of a text given directly (evaluation data, tests).
    public init(id: String, language: String, outlet: String?, title: String, published: String?, order: Int,
                embedding: [Float]?, text: String) {
        let tokens = WordTokenizer.tokens(in: text)
        var terms = Set<UInt64>(), numbers = Set<UInt64>(), nameKeys = Set<UInt64>()
        var shingleKeys: [UInt64] = []
        shingleKeys.reserveCapacity(tokens.count)
        for (index, token) in tokens.enumerated() {
            let key = MatchingKey.withoutArticle(token.key) ?? token.key
            let hash = Fingerprint.hash(key)
            shingleKeys.append(hash)
            guard index < Self.leadWords else { continue }
            if token.isNumber {
                var digits = Digits.toASCII(token.key).filter(\.isNumber)
                if index + 1 < tokens.count, let scale = Self.scaleWords[tokens[index + 1].key],
                   let value = Digits.parseNumber(token.text), value * scale < 1e15 {
                    digits = String(Int((value * scale).rounded())) // "11 هزار", "11 ألف" and "11,000" meet
                }
                if digits.count >= 2 {
                    numbers.insert(Fingerprint.hash("#" + digits))
                    terms.insert(Fingerprint.hash("#" + digits)) // rare numbers are evidence like rare words
                }
            } else if key.unicodeScalars.count >= 3 {
                terms.insert(hash)
                nameKeys.formUnion(NameKeys.keys(text: token.text, key: token.key))
            }
        }
        self.init(id: id, language: language, outlet: outlet, title: title, day: published.flatMap(Self.day(of:)),
                  order: order, embedding: embedding, terms: terms.sorted(), numbers: numbers.sorted(), nameKeys: nameKeys.sorted(),
                  signature: Fingerprint.minHash(shingleKeys), wordCount: tokens.count)
    }

    /// Words that multiply the number before them, by matching key, in the languages Isnad
    /// reads most (English, Arabic, Persian) and a few more.
    static let scaleWords: [String: Double] = {
        let words: [(String, Double)] = [
            ("thousand", 1e3), ("million", 1e6), ("millions", 1e6), ("billion", 1e9), ("billions", 1e9),
            ("ألف", 1e3), ("آلاف", 1e3), ("مليون", 1e6), ("ملايين", 1e6), ("مليار", 1e9), ("مليارات", 1e9),
            ("هزار", 1e3), ("میلیون", 1e6), ("میلیارد", 1e9),
            ("Tausend", 1e3), ("Millionen", 1e6), ("Million", 1e6), ("Milliarden", 1e9), ("Milliarde", 1e9),
            ("mille", 1e3), ("milliards", 1e9), ("milliard", 1e9), ("mil", 1e3), ("millones", 1e6), ("millón", 1e6),
            ("тысяч", 1e3), ("тысячи", 1e3), ("миллиона", 1e6), ("миллионов", 1e6), ("миллиард", 1e9), ("миллиардов", 1e9),
        ]
        var table: [String: Double] = [:]
        for (word, scale) in words { if let key = WordTokenizer.tokens(in: word).first?.key { table[key] = scale } }
        return table
    }()

    /// Day number of an ISO date or date-time (`2018-03-11`, `2018-03-11T09:30:00Z`); nil for
    /// a date that does not exist (`2018-02-31`).
    public static func day(of published: String) -> Int? {
        let parts = published.prefix(10).split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              CalendarDate(year: year, month: month, day: day).isValid else { return nil }
        // Days from civil (proleptic Gregorian), after Howard Hinnant's published algorithm.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
