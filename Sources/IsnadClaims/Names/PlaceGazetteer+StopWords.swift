import IsnadText

/// One-word spellings the gazetteer leaves out because they are far more often a common word or
/// a person's name than the place.
///
/// GeoNames lists, for each city, its names in many languages. One-word names among them are
/// often ordinary words of Arabic, Persian or English: `كان` (was) is a name of Caen, `كيف` (how)
/// of Kyiv, `سنه` (year) of Sanandaj, `صور` (pictures) of Tyre, `خبر` (news) of Khobar,
/// `مالی` (financial) the Persian for Mali, `بشار` a name of Béchar, `Name` of Namur, `Can`
/// of Caen, `Sam` of Damascus, `Nice` and `Reading` English cities. Typing every `كان` as a
/// place costs far more than missing a small city's one-word name, so they are dropped; the
/// place's other and multi-word spellings stay (`الدار البيضاء` is Casablanca though `البيضاء`,
/// white, is dropped; `الخليل` is Hebron though the given name `خليل` is dropped).
///
/// The lists are frequent function words (from the brief: من في على إلى …, از در به با …)
/// plus the worst collisions found by running the gazetteer over news text with entity tags
/// (ANERcorp, AQMAR, PEYMA, ArmanPersoNER, WikiNEuRal, PolNeAR): one-word spellings seen
/// mostly as ordinary words or as persons' names. A spelling is also dropped when it is a
/// listed word with a joined و, ب, ل or ف (`وفي`, `بانه` = بأنه, `وان` = وأن), since
/// ``PlaceGazetteer/match(_:at:)`` strips those letters from text; and a word of text that is
/// listed is never stripped (`فرانس`, as in فرانس برس, is not ف + `رانس`, Reims; `باراک`
/// is not ب + Arak). Adjectives that fold like a country's Persian name (`تركية`, Turkish, and
/// ترکیه) still match: only context can tell them apart.
enum PlaceStopWords {
    /// و ب ل ف: letters that join the next word (and, in/with, for, so).
    static let joinedLetters: Set<UInt32> = [0x0648, 0x0628, 0x0644, 0x0641]

    /// Whether a key (words joined by a space) is listed, alone or after a joined و/ب/ل/ف.
    static func isCommon(_ key: String) -> Bool {
        if words.contains(key) { return true }
        let scalars = key.unicodeScalars
        guard let first = scalars.first, joinedLetters.contains(first.value) else { return false }
        return words.contains(String(scalars.dropFirst()))
    }

    /// Every list, as matching keys.
    static let words: Set<String> = Set((arabic + persian + english).map { MatchingKey.key($0) })

    /// Arabic function words, then common nouns and adjectives that are city names, then given
    /// names that are city names (bare forms only where the article form is the place: الخليل).
    static let arabic: [String] = [
        "من", "في", "على", "إلى", "عن", "مع", "أن", "إن", "أو", "ثم", "حتى", "منذ", "لدى", "عند",
        "غير", "دون", "ضد", "نحو", "مثل", "كل", "بعض", "أي", "ما", "لا", "لم", "لن", "قد", "هل",
        "هذا", "هذه", "ذلك", "تلك", "الذي", "التي", "الذين", "هو", "هي", "هم", "نحن", "أنه", "أنها",
        "كان", "كانت", "يكون", "قال", "قالت", "يوم", "اليوم", "أمس", "غدا", "بعد", "قبل", "حول",
        "بين", "عبر", "خلال", "شهر", "سنة", "عام", "أول", "آخر", "كيف", "بلا", "أيضا",
        "مدينة", "المدينة", "دولة", "الدولة", "جديد", "جديدة", "الجديد", "الجديدة", "عين", "العين",
        "باب", "الباب", "صور", "الصور", "خمس", "الخمس", "جزيرة", "الجزيرة", "عالية", "سلالة",
        "يوميا", "طراز", "خرج", "منزلة", "زاوية", "الزاوية", "بيضاء", "البيضاء", "أبيض", "الأبيض",
        "عمارة", "العمارة", "قصور", "القصور", "عبور", "العبور", "أمل", "هوية", "سلطات", "ميل",
        "حصار", "معسكر", "خبر", "الخبر", "داخلة", "ميدان", "بركة", "بركان", "عشاق", "وادي",
        "الوادي", "هام", "بني", "يشير", "سمي", "منا", "سار", "أقصر", "أمان", "كورونا", "نوك", "كيل",
        "أبي", "أبا", "بشار", "سالم", "خليل", "رشيد", "جميل", "أحمدي", "كندي", "بولتون", "سعيدة",
        "مينا", "ريان", "ايزال", "لاجين", "فيغو", "أمية", "جين", "كين", "الجميل", "فلاديمير",
        "رالي", "البحري", "الهندية", "العثمانية", "البرازيلية", "الصوفية", "الليل", "الديربي",
        "البنى", "الأم", "فرانس", "رقة", "جيزة", "ليل",
    ]

    /// Persian function words, then common words that are city or country names.
    static let persian: [String] = [
        "از", "در", "به", "با", "که", "این", "آن", "را", "برای", "تا", "هم", "نیز", "شد", "کرد",
        "جدید", "مالی", "دوشنبه", "کاری", "هوایی", "بالای", "اندیشه", "تازه", "نیم", "آستانه",
        "بدین", "مردان", "روسی", "اردو", "سینه", "تور", "روان", "سومی", "برگ", "تراز", "سان",
        "بندر", "گاو", "گرا", "دلی", "سوری", "ماری", "مسیله", "بریده", "مان", "آرا", "آوری",
        "آوریل", "هوائی", "میانه", "ریزی", "چمن", "بولتن", "باری", "تویوتا", "باراک", "مرادی",
        "ولادیمیر", "فداکار", "کبک", "کلاغ", "دی‌سی", "سیمی", "کوبه", "بارشی",
    ]

    /// English words that are city names (in GeoNames' English or other-language names), then
    /// given and family names more often a person's than the city's.
    static let english: [String] = [
        "of", "the", "and", "university", "mobile", "nice", "reading", "bath", "split", "orange",
        "can", "name", "man", "gold", "tour", "tours", "turn", "roles", "rest", "male",
        "independence", "spoken", "basic", "soul", "drug", "salt", "derby", "midway", "lone",
        "springs", "commonwealth", "bat", "luck", "metro", "hub", "sale", "logos", "tunes", "homo",
        "monster", "rom", "delta", "terminus", "paradise", "centennial", "log", "enterprise",
        "conception", "torn", "tape", "oral", "pet", "google", "surprise", "bid", "barking",
        "americana", "lime", "genes", "dual", "franca", "grenade", "bone", "lion", "solo", "sour",
        "okay", "caller", "stoke", "shaping", "valley", "hail", "revel", "corona", "sues",
        "pristine", "thorn", "rouse", "ruse", "erode", "hang", "mango", "pare", "bimbo",
        "bush", "george", "kennedy", "hamilton", "batman", "santana", "van", "von", "warren", "mary",
        "elizabeth", "sam", "stalin", "hindenburg", "molotov", "jackson", "newton", "winston",
        "eugene", "stanley", "ben", "victor", "vladimir", "adams", "norman", "nigel", "leon",
        "milton", "caroline", "henderson", "franklin", "sophia", "chandler", "gilbert", "brent",
        "kyle", "luc", "lester", "brando", "bolivar", "duran", "dudley", "edison", "carnot",
        "montgomery", "anand", "krishna", "khanna", "greenwood", "vaughan", "nancy", "manning",
        "lincoln", "jersey", "rugby", "the valley", "toyota", "reunion",
    ]
}
