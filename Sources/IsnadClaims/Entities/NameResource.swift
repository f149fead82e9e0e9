/// What entity naming needs from a names table: whether a word is a common given name (a
/// person's name starts here) and a Latin spelling of Arabic-script name words.
public protocol NameResource: Sendable {
    func isGivenName(_ word: String) -> Bool
    func romanize(_ words: [String]) -> String
}
