import ServicePlugin
import Testing

@Suite struct YAMLEmitterTests {
    @Test(arguments: [
        ("plain", "plain"), ("80:80", "\"80:80\""), ("yes", "\"yes\""), ("true", "\"true\""), ("1.0", "\"1.0\""),
        ("16-alpine", "\"16-alpine\""), ("", "\"\""), ("a\"b", "\"a\\\"b\""), ("line\nbreak", "\"line\\nbreak\""),
        ("/opt/data", "/opt/data"), ("Host(`x`)", "\"Host(`x`)\""), ("*", "\"*\""), ("- x", "\"- x\""),
    ])
    func quotesWhatYAMLWouldMisread(input: String, expected: String) {
        #expect(YAMLEmitter.scalar(input) == expected)
    }

    @Test func nestsMapsListsAndTags() {
        let value: YAMLValue = .map([
            ("a", .list([.map([("b", 1), ("c", .list(["x"]))]), "z"])),
            ("t", .tagged("Env", "KEY")),
            ("empty", .list([])),
            ("flag", true),
        ])
        #expect(
            YAMLEmitter.emit(value) == """
                a:
                  - b: 1
                    c:
                      - x
                  - z
                t: !Env KEY
                empty: []
                flag: true

                """)
    }
}
