@testable import BerthCore
import Testing

@Suite struct TagShapeTests {
    @Test func readsPrefixNumbersAndSuffix() throws {
        let cases: [(String, String, [Int], String)] = [
            ("v3.0", "v", [3, 0], ""), ("16-alpine", "", [16], "-alpine"), ("2024.12.2", "", [2024, 12, 2], ""),
            ("7.4.2-alpine", "", [7, 4, 2], "-alpine"), ("0.18.2", "", [0, 18, 2], ""), ("v3.7.13", "v", [3, 7, 13], ""),
            ("2027.1.0-rc1", "", [2027, 1, 0], "-rc1"),
        ]
        for (tag, prefix, numbers, suffix) in cases {
            let shape = try #require(TagShape(tag))
            #expect(shape.prefix == prefix && shape.numbers == numbers && shape.suffix == suffix, "\(tag)")
        }
        #expect(TagShape("latest") == nil)
    }

    @Test func classifiesTheNewestCandidateOfEachStep() throws {
        let tags = ["2026.5.1", "2026.5.2", "2026.8.0", "2027.1.0-rc1", "16-alpine", "17-alpine", "2026.4.9", "latest", "v2026.9.0"]
        #expect(try #require(TagShape("2026.5.1")).newest(among: tags) == [.patch: "2026.5.2", .minor: "2026.8.0"])
        #expect(try #require(TagShape("2026.8.0")).newest(among: tags).isEmpty)
        #expect(try #require(TagShape("16-alpine")).newest(among: tags) == [.major: "17-alpine"])
        #expect(try #require(TagShape("2025.12.0")).newest(among: tags) == [.major: "2026.8.0"])
    }

    @Test func preReleasesAreSkipped() throws {
        for tag in ["2027.1.0-rc1", "3.1.0-beta.2", "1.0.0-alpha", "5.0-nightly", "2.0.0-testing", "1.2.3-dev", "4.0.0.RC2"] {
            #expect(try #require(TagShape(tag)).isPrerelease, "\(tag)")
        }
        for tag in ["7.4.2-alpine", "2.1.0", "16-bookworm"] {
            #expect(try #require(TagShape(tag)).isPrerelease == false, "\(tag)")
        }
    }

    @Test func floatingTagsAreTheOnesWithOneNumber() throws {
        #expect(try #require(TagShape("16-alpine")).isFloating)
        #expect(try #require(TagShape("7.4.2-alpine")).isFloating == false)
    }
}
