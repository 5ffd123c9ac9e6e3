@testable import BerthCore
import Testing

/// A secret piped in or printed by a command loses its one final line break, however the line ends, and nothing else.
@Suite struct LineBreakTests {
    @Test(arguments: [
        ("s3cret\n", "s3cret"), ("s3cret\r\n", "s3cret"), ("s3cret\r", "s3cret"), ("s3cret", "s3cret"),
        ("s3cret\n\n", "s3cret\n"), ("s3cret\r\n\r\n", "s3cret\r\n"), ("two\r\nlines\r\n", "two\r\nlines"), ("", ""), ("\r\n", ""),
    ])
    func dropsOneFinalLineBreak(text: String, expected: String) {
        #expect(text.withoutFinalLineBreak == expected)
        #expect(!text.withoutFinalLineBreak.unicodeScalars.contains("\r") || expected.unicodeScalars.contains("\r"))
    }
}
