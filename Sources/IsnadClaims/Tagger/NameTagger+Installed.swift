extension NameTagger {
    /// Languages `make models` trains a tagger for (when `../shared` holds their data).
    public static let trainedLanguages = ["ar", "fa", "en"]

    /// The taggers `make models` installed, read once per process, and why the others are
    /// missing (names are then found by rules only).
    public static let installed: (taggers: [NameTagger], problems: [NameResourceError]) = {
        var taggers: [NameTagger] = [], problems: [NameResourceError] = []
        for language in trainedLanguages {
            do throws(NameResourceError) {
                let model = try NameTaggerModel.load(path: NameTaggerModel.defaultPath(language: language))
                taggers.append(NameTagger(model: model, features: .standard(language: language)))
            } catch {
                problems.append(error)
            }
        }
        return (taggers, problems)
    }()
}
