import IsnadText

/// Recognises short interface labels left by scrapers ("SHARE", "close", "اقرأ أيضا",
/// "بیشتر بخوانید"): a general rule (a short line made of interface words) over a small,
/// multilingual vocabulary, compared by matching key.
public enum PageFurniture {
    /// Whole-line labels (matching keys of the phrase).
    static let phrases: Set<String> = Set([
        "share", "close", "read more", "read also", "see also", "advertisement", "advertising", "sponsored",
        "most read", "most popular", "related", "related articles", "related stories", "related news",
        "comments", "print", "email", "tweet", "subscribe", "sign up", "newsletter", "menu", "home", "search",
        "login", "log in", "back to top", "next", "previous", "share this article", "share this", "more news",
        "skip to content", "cookie settings", "accept cookies", "loading", "top stories", "trending",
        "شارك", "مشاركة", "شارك الخبر", "اغلاق", "إغلاق", "اقرأ أيضا", "اقرأ أيضاً", "إقرأ أيضا", "اقرا ايضا",
        "المواضيع الأكثر قراءة", "الأكثر قراءة", "الاكثر قراءة", "الأكثر مشاهدة", "إعلان", "اعلان", "تابعونا",
        "تابعنا", "طباعة", "أخبار ذات صلة", "مواضيع ذات صلة", "ذات صلة", "التعليقات", "تعليقات", "اقرأ المزيد",
        "المزيد", "الرئيسية", "شاهد أيضا", "شاهد ايضا",
        "اشتراک گذاری", "اشتراک‌گذاری", "اشتراکگذاری", "بستن", "بیشتر بخوانید", "بخوانید", "پربازدیدترین",
        "پربازدید ترین", "تبلیغات", "چاپ", "ارسال به دوستان", "مطالب مرتبط", "اخبار مرتبط", "نظرات",
        "برچسب ها", "برچسب‌ها", "کپی شد", "لینک کوتاه",
    ].map { MatchingKey.keys(of: $0).joined(separator: " ") })

    /// Words that make up interface labels ("Share on Facebook", "Follow us on Twitter").
    static let vocabulary: Set<String> = Set([
        "share", "shares", "facebook", "twitter", "x", "whatsapp", "telegram", "linkedin", "email", "print",
        "close", "follow", "us", "on", "read", "more", "also", "via", "copy", "link", "comment", "comments",
        "subscribe", "newsletter", "advertisement", "instagram", "youtube", "tiktok", "google", "news",
        "شارك", "على", "فيسبوك", "تويتر", "واتساب", "تلغرام", "تابعونا", "تابعنا", "عبر", "اقرأ", "أيضا",
        "ايضا", "المزيد", "نسخ", "الرابط", "طباعة", "إعلان", "اعلان", "المواضيع", "مواضيع", "ذات", "صلة", "الصلة",
        "أخبار", "اخبار", "related", "stories", "articles", "topics", "مطالب", "مرتبط", "اخبار",
        "اشتراک", "در", "فیسبوک", "توییتر", "تلگرام", "واتساپ", "اینستاگرام", "ما", "را", "دنبال", "کنید",
        "بخوانید", "بیشتر", "کپی", "لینک", "چاپ",
    ].flatMap { MatchingKey.keys(of: $0) })

    /// Words that alone never make a line furniture (keeps "Read more about X" style prose safe).
    static let anchors: Set<String> = Set([
        "share", "follow", "read", "subscribe", "print", "close", "advertisement", "comments", "related", "صلة", "الصلة",
        "مرتبط",
        "شارك", "تابعونا", "تابعنا", "اقرأ", "طباعة", "إعلان", "اعلان",
        "اشتراک", "دنبال", "بخوانید", "چاپ",
    ].flatMap { MatchingKey.keys(of: $0) })

    /// Whether a paragraph with these matching keys is an interface label.
    public static func isLabel(keys: [String]) -> Bool {
        guard !keys.isEmpty, keys.count <= 6 else { return false }
        if phrases.contains(keys.joined(separator: " ")) { return true }
        guard anchors.contains(keys[0]) || keys.contains(where: anchors.contains) else { return false }
        let known = keys.filter(vocabulary.contains).count
        return Double(known) >= 0.75 * Double(keys.count)
    }
}
