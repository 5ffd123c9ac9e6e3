import BerthCore
import Foundation
import PropertyBased
import Testing

/// Property-based fuzzing of the two readers of admin-owned text: whatever the bytes, no crash,
/// no hang (each input is parsed within a bound), and problems instead of silence.
@Suite struct ParserFuzzTests {
    /// The characters that steer the `.env` grammar, plus ordinary and multi-byte text.
    static let envAlphabet: [Character] = Array("AZaz_09 =:\"'\\$#{}-+?.\n\t\r\u{00A0}é✓export") + ["\r\n"]
    /// The characters that steer YAML and berth.yaml's readers.
    static let yamlAlphabet: [Character] = Array("ab:{}[],-#&*!|>'\"\\ \n\t.0/~?%@`") + Array("nametraefiklocalservicesenvironments")

    static let envText = Gen<Character?>.element(of: envAlphabet).map { $0 ?? "A" }.string(of: 0...300)
    static let yamlText = Gen<Character?>.element(of: yamlAlphabet).map { $0 ?? "a" }.string(of: 0...300)

    @Test func envParserTakesAnyTextWithinBounds() async {
        await propertyCheck(count: 3000, input: Self.envText) { text in
            let start = Date()
            let file = EnvFile(path: ".env", text: text)
            #expect(Date().timeIntervalSince(start) < 1, "a 300-character .env took too long")
            // Every entry and problem points at a real line.
            let lines = text.unicodeScalars.filter { $0 == "\n" }.count + 1
            #expect(file.entries.allSatisfy { (1...lines).contains($0.line) && $0.endLine >= $0.line && $0.endLine <= lines })
            #expect(file.problems.allSatisfy { (1...lines).contains($0.line) })
        }
    }

    @Test func configLoaderTakesAnyTextWithinBounds() async {
        await propertyCheck(count: 1500, input: Self.yamlText) { text in
            let start = Date()
            do {
                _ = try ConfigLoader().parse(text, file: "berth.yaml")
            } catch let error as DiagnosticsError {
                #expect(!error.diagnostics.isEmpty)
                #expect(error.diagnostics.allSatisfy { $0.location.map { $0.hasPrefix("berth.yaml:") } ?? !$0.path.isEmpty })
            } catch {
                Issue.record("berth.yaml reader threw \(error) instead of diagnostics")
            }
            #expect(Date().timeIntervalSince(start) < 1, "a 300-character berth.yaml took too long")
        }
    }

    @Test func configLoaderTakesMutatedExamples() async {
        let example = Fixtures.exampleText
        let edits = Gen<Int>.int(in: 0...(example.count - 1)).array(of: 1...8)
        let inserts = Gen<Character?>.element(of: Self.yamlAlphabet).map { $0 ?? "a" }.array(of: 1...8)
        await propertyCheck(count: 1500, input: edits, inserts) { positions, characters in
            var text = Array(example)
            for (position, character) in zip(positions, characters) where position < text.count { text[position] = character }
            do { _ = try ConfigLoader().parse(String(text), file: "berth.yaml") } catch is DiagnosticsError {} catch {
                Issue.record("berth.yaml reader threw \(error) instead of diagnostics")
            }
        }
    }
}
