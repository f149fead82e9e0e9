import Testing
@testable import IsnadText

@Suite("Scalar text")
struct ScalarTextTests {
    @Test("every span slices exactly as the scalars say, across scripts and widths")
    func slices() {
        let text = "انفجار در بندر بیروت 🇱🇧 — Blast at Beirut port: ٢٤ قتيلا، 24 dead; وزارت بهداشت\n\nکتاب‌ها 中文 é\u{301}"
        let scalars = Array(text.unicodeScalars)
        let scalarText = ScalarText(text)
        #expect(scalarText.count == scalars.count)
        for start in 0...scalars.count {
            for end in start...min(scalars.count, start + 70) {
                #expect(scalarText.slice(start, end) == String(String.UnicodeScalarView(scalars[start..<end])))
            }
        }
        #expect(scalarText.slice(-5, 1_000) == text)
        #expect(ScalarText("").slice(0, 0) == "")
    }
}
