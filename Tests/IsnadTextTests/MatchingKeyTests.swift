import Testing
@testable import IsnadText

@Suite("Matching keys")
struct MatchingKeyTests {
    @Test("Arabic and Persian letter variants meet")
    func letterVariants() {
        #expect(MatchingKey.key("مركز") == MatchingKey.key("مرکز"))
        #expect(MatchingKey.key("سوريا") == MatchingKey.key("سوریا"))
        #expect(MatchingKey.key("مستشفى") == MatchingKey.key("مستشفي"))
        #expect(MatchingKey.key("المدينة") == MatchingKey.key("المدينه"))
        #expect(MatchingKey.key("إعلان") == MatchingKey.key("اعلان"))
        #expect(MatchingKey.key("أحمد") == MatchingKey.key("احمد"))
        #expect(MatchingKey.key("آذار") == MatchingKey.key("اذار"))
    }

    @Test("harakat, tatweel, ZWNJ and bidi marks are dropped")
    func diacriticsAndJoiners() {
        #expect(MatchingKey.key("مُتَحَدِّث") == MatchingKey.key("متحدث"))
        #expect(MatchingKey.key("الغـــوطة") == MatchingKey.key("الغوطة"))
        #expect(MatchingKey.key("كتاب\u{200C}ها") == MatchingKey.key("کتابها"))
        #expect(MatchingKey.key("\u{200F}دمشق") == "دمشق")
    }

    @Test("every digit set maps to ASCII")
    func digits() {
        #expect(MatchingKey.key("٢٤") == "24")
        #expect(MatchingKey.key("۲۴") == "24")
        #expect(MatchingKey.key("१२") == "12")
        #expect(Digits.parseNumber("١٬٢٠٠") == 1200)
        #expect(Digits.parseNumber("۳٫۵") == 3.5)
        #expect(Digits.parseNumber("1,000") == 1000)
        #expect(Digits.parseNumber("abc") == nil)
    }

    @Test("Latin is lowercased and loses accents; other scripts are kept")
    func latin() {
        #expect(MatchingKey.key("Élysée") == "elysee")
        #expect(MatchingKey.key("Zolotukhin") == "zolotukhin")
        #expect(MatchingKey.key("Ankara'da") == "ankara'da")
        #expect(MatchingKey.key("Москва") == "москва")
        #expect(MatchingKey.key("नमस्ते") == "नमस्ते")
    }
}

@Suite("Word tokens")
struct TokenizerTests {
    @Test("offsets are Unicode scalar offsets into the original")
    func offsets() {
        let text = "قال متحدث باسم مركز المصالحة الروسي\u{00A0}اللواء فلاديمير زولوتوخين"
        let tokens = WordTokenizer.tokens(in: text)
        let scalars = ScalarText(text)
        #expect(tokens.count == 9)
        for token in tokens {
            #expect(scalars.slice(token.start, token.end) == token.text)
        }
        #expect(tokens[6].text == "اللواء")  // split at the NBSP
    }

    @Test("ZWNJ stays inside Persian words; numbers keep separators")
    func persianAndNumbers() {
        let tokens = WordTokenizer.tokens(in: "عقب‌نشینی ۱٬۲۰۰ نفر و 3.5 million, done.")
        #expect(tokens.map(\.text) == ["عقب‌نشینی", "۱٬۲۰۰", "نفر", "و", "3.5", "million", "done"])
        #expect(tokens[1].isNumber)
        #expect(tokens[1].key == "1200")
    }

    @Test("Han and kana are indexed per character")
    func ideographs() {
        let tokens = WordTokenizer.tokens(in: "北京大学 test")
        #expect(tokens.map(\.text) == ["北", "京", "大", "学", "test"])
    }

    @Test("sentences end at Arabic and Latin stops, not at decimals or initials")
    func sentences() {
        let text = "قال المتحدث إن 3.5 ألف شخص خرجوا. هل انتهى الأمر؟ Mr. J. Smith arrived. Done!"
        let scalars = ScalarText(text)
        let parts = SentenceSplitter.sentences(in: text).map { scalars.slice($0) }
        #expect(parts == ["قال المتحدث إن 3.5 ألف شخص خرجوا.", "هل انتهى الأمر؟", "Mr. J. Smith arrived.", "Done!"])
    }
}

@Suite("Dates and hashes")
struct DateTests {
    @Test("Jalali and Hijri dates convert to Gregorian")
    func calendars() {
        #expect(CalendarDate.fromJalali(year: 1396, month: 12, day: 21).description == "2018-03-12")
        #expect(CalendarDate.fromJalali(year: 1403, month: 1, day: 1).description == "2024-03-20")
        let hijri = CalendarDate.fromHijri(year: 1439, month: 6, day: 24)
        #expect(abs(hijri.julianDay - CalendarDate(year: 2018, month: 3, day: 12).julianDay) <= 1)
        #expect(CalendarDate(year: 2018, month: 3, day: 11).weekday == 0)  // a Sunday
    }

    @Test("metadata dates and datelines in three languages")
    func parsing() {
        #expect(DateParser.normalize("2018-03-11T09:30:00+03:00") == "2018-03-11")
        #expect(DateParser.normalize("Sun, 11 Mar 2018 09:30:00 GMT") == "2018-03-11")
        #expect(DateParser.normalize("20180311") == "2018-03-11")
        #expect(DateParser.dateline(in: "دمشق، 11 آذار/مارس 2018 - قال") == "2018-03-11")
        #expect(DateParser.dateline(in: "الاثنين ١٢ من آذار ٢٠١٨") == "2018-03-12")
        #expect(DateParser.dateline(in: "تهران، ۲۱ اسفند ۱۳۹۶ - گزارش") == "2018-03-12")
        #expect(DateParser.dateline(in: "GENEVA, March 12, 2018 (Reuters) -") == "2018-03-12")
        #expect(DateParser.normalize("not a date") == nil)
    }

    @Test("SHA-256 matches the standard test vectors")
    func sha256() {
        #expect(ContentHash.sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(ContentHash.sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let long = String(repeating: "a", count: 1000)
        #expect(ContentHash.sha256Hex(long) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}
