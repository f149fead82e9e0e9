/// The names table serves who-said-what as its name resource.
extension NameRomanizer: NameResource {}

extension NameRomanizer {
    /// The installed table, read once per process, else rules only; `problem` says why the table
    /// is not used (statements still come out without it).
    public static let shared: (romanizer: NameRomanizer, problem: NameResourceError?) = {
        do throws(NameResourceError) { return (try load(), nil) } catch { return (rulesOnly, error) }
    }()
}
