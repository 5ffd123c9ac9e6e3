@testable import BerthCore
import Testing

@Suite struct VersionPinsTests {
    let lock = VersionPins(pins: ["planka": ["postgres": "16-alpine", "planka": "2.1.0"], "authentik": ["server": "2026.8.5", "postgresql": "16-alpine"]])

    @Test func writesSortedAndReadsBackTheSame() throws {
        #expect(
            lock.text == """
                # berth.lock: image versions pinned by `berth update apply`. Commit it.
                # `berth render` reads it; a `version:` in berth.yaml wins over it.
                version: 1
                pins:
                  authentik:
                    postgresql: "16-alpine"
                    server: "2026.8.5"
                  planka:
                    planka: "2.1.0"
                    postgres: "16-alpine"

                """)
        let read = try VersionPins.parse(lock.text, file: "berth.lock")
        #expect(read == lock)
        #expect(read.text == lock.text)
    }

    @Test func problemsNameTheFileAndLine() {
        #expect(throws: BerthError.usage("berth.lock: version must be 1")) { try VersionPins.parse("pins: {}\n", file: "berth.lock") }
        #expect(throws: BerthError.usage("berth.lock:3: pins.planka.planka must be a tag")) {
            try VersionPins.parse("version: 1\npins:\n  planka: { planka: [] }\n", file: "berth.lock")
        }
    }
}
