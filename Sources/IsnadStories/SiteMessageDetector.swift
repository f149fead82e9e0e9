/// Recognises pages whose text is a message from the site rather than a report: "page not
/// found", sign-in and registration walls, paywalls, cookie and ad-blocker notices, "are you a
/// robot?". Crawls are full of them, and they resemble each other across outlets and languages,
/// so left alone they form one large false story. Each article's centered vector (see
/// ``LanguageMeans``) is compared with centered vectors of a few such messages written for Isnad
/// in English, Arabic and Persian; the encoder carries the likeness to other languages. On the
/// development data real reports stay below 0.15 and site messages score 0.30 to 0.6.
struct SiteMessageDetector: Sendable {
    /// Centered unit prototypes, with their kind ("login", "cookies", …).
    let prototypes: [(kind: String, vector: [Float])]

    init(means: LanguageMeans = LanguageMeans()) {
        prototypes = SiteMessagePrototypes.all.map { prototype in
            let mean = means.mean(prototype.language, dimension: prototype.vector.count)
            return (prototype.kind, Self.unit(zip(prototype.vector, mean).map { $0 - $1 }))
        }
    }

    /// The closest kind of site message and its centered cosine with `centered` (a unit vector).
    func closest(to centered: [Float]) -> (kind: String, similarity: Float)? {
        var best: (kind: String, similarity: Float)?
        for prototype in prototypes where prototype.vector.count == centered.count {
            var dot: Float = 0
            for i in centered.indices { dot += centered[i] * prototype.vector[i] }
            if dot > (best?.similarity ?? -2) { best = (prototype.kind, dot) }
        }
        return best
    }

    /// What a kind is called in a decision note.
    static func describe(_ kind: String) -> String {
        switch kind {
        case "not-found": return "an error or page-not-found message"
        case "login": return "a sign-in or registration page"
        case "browser-check": return "a browser check (scripts, cookies, robot test) or error page"
        case "subscribe": return "a subscription or paywall page"
        case "cookies": return "a cookie or privacy notice"
        case "adblock": return "an ad-blocker notice"
        default: return "a site message"
        }
    }

    static func unit(_ vector: [Float]) -> [Float] {
        let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? vector.map { $0 / norm } : vector
    }
}
