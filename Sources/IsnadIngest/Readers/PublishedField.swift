import IsnadText

/// Reads the publication date a document's metadata gives, with what the document says about
/// its language (see ``NumericCalendar`` for how Solar Hijri and Hijri years are told apart).
/// A date that cannot be right is dropped with a note naming the file, the place, the value and
/// the reason; the document is kept.
enum PublishedField {
    /// The first of `candidates` (in order of trust) that reads as a date, as ISO `yyyy-MM-dd`;
    /// when none does but one was refused, the note for the first refusal. Unreadable values
    /// (not dates at all) are passed over silently, as before.
    static func read(_ candidates: [String], languageHint: String?, text: String, path: String,
                     line: Int? = nil, today: CalendarDate = .today()) -> (published: String?, note: IngestError?) {
        guard !candidates.isEmpty else { return (nil, nil) }
        let context = DateContext(language: language(hint: languageHint, text: text), today: today)
        var note: IngestError?
        for value in candidates {
            switch DateParser.publication(value, context: context) {
            case .date(let date):
                return (date.description, nil)
            case .refused(let reason):
                if note == nil {
                    note = IngestError(path: path, kind: .dateDropped,
                                       message: "publication date '\(value)' dropped (the article is kept): \(reason)", line: line)
                }
            case .unreadable:
                continue
            }
        }
        return (nil, note)
    }

    /// The language a date should be read in: the metadata's, else `fa` for Arabic-script text
    /// with more letters only Persian uses (پ چ ژ گ ک ی) than letters only Arabic uses
    /// (ة ى ي ك), `ar` for other Arabic-script text, nil otherwise.
    static func language(hint: String?, text: String) -> String? {
        if let hint, !hint.isEmpty { return hint }
        var persian = 0, arabicOnly = 0, arabicScript = 0
        for scalar in text.unicodeScalars.prefix(2_000) {
            switch scalar.value {
            case 0x067E, 0x0686, 0x0698, 0x06AF, 0x06A9, 0x06CC: persian += 1
            case 0x0629, 0x0649, 0x064A, 0x0643: arabicOnly += 1; arabicScript += 1
            case 0x0621...0x064A: arabicScript += 1
            default: break
            }
        }
        if persian > arabicOnly { return "fa" }
        return arabicScript >= 3 ? "ar" : nil
    }
}
