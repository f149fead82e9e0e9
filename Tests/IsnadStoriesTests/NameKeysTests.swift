import IsnadStories
import IsnadText
import Testing

@Suite("Cross-script name keys")
struct NameKeysTests {
    private func keys(_ word: String) -> Set<UInt64> {
        Set(WordTokenizer.tokens(in: word).flatMap { NameKeys.keys(text: $0.text, key: $0.key) }.map { $0 & ~3 })
    }

    @Test("a name written in Latin, Arabic, Persian or Cyrillic letters shares a key")
    func namesMatchAcrossScripts() {
        let groups = [["Beirut", "بيروت", "بیروت", "وبيروت"], ["Erdogan", "Erdoğan", "أردوغان"], ["Macron", "ماكرون", "Макрон"],
                      ["Tehran", "طهران", "تهران"], ["Lebanon", "لبنان"], ["Putin", "Путин", "بوتين", "پوتین"], ["Aramco", "أرامكو", "آرامکو"]]
        for group in groups {
            let first = keys(group[0])
            #expect(!first.isEmpty, "\(group[0]) has no key")
            for other in group.dropFirst() {
                #expect(!first.isDisjoint(with: keys(other)), "\(group[0]) and \(other) share no key")
            }
        }
    }

    @Test("lower-case Latin words, short skeletons and different names get no shared key")
    func ordinaryWordsAndOtherNames() {
        #expect(keys("harbour").isEmpty)
        #expect(keys("Iran").isEmpty) // R N: too short to tell from ordinary words
        #expect(keys("Beirut").isDisjoint(with: keys("Baghdad")))
        #expect(keys("Macron").isDisjoint(with: keys("أردوغان")))
    }
}

@Suite("Numbers across languages")
struct NumberSignalTests {
    private func numbers(_ text: String, _ language: String) -> Set<UInt64> {
        Set(StoryArticle(id: "n", language: language, outlet: nil, title: "", published: nil, order: 0, embedding: nil, text: text).numbers)
    }

    @Test("a number with a scale word meets the same number written out in digits")
    func scaleWords() {
        let english = numbers("The death toll passed 11,000 on Wednesday, and 2.3 million people need shelter.", "en")
        let persian = numbers("شمار جان‌باختگان از ۱۱ هزار نفر گذشت و ۲٫۳ میلیون نفر به سرپناه نیاز دارند.", "fa")
        let arabic = numbers("تجاوز عدد القتلى 11 ألف شخص، ويحتاج 2.3 مليون شخص إلى مأوى.", "ar")
        #expect(english.count == 2)
        #expect(english == persian)
        #expect(english == arabic)
        #expect(numbers("Rescuers reached 11 villages.", "en").isDisjoint(with: english))
    }
}
