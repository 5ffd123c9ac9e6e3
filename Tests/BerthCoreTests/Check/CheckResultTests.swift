@testable import BerthCore
import Foundation
import Testing

/// The JSON of checks and backups names the module as `module`, the word of every other message (issue 28).
@Suite struct ModuleKeyTests {
    static func keys(_ value: some Encodable) throws -> Set<String> {
        let object = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(value)) as? [String: Any]
        return Set(object?.keys.map { $0 } ?? [])
    }

    @Test func checkResultsAndBackupStepsSayModule() throws {
        let check = CheckResult(module: "planka", check: "http", status: .ok, latencyMs: 12, message: "200")
        #expect(try Self.keys(check) == ["module", "check", "status", "latencyMs", "message"])
        let step = BackupStep(kind: .dump, module: "planka", name: "planka", ok: true, durationMs: 3, message: "")
        #expect(try Self.keys(step).contains("module") && !Self.keys(step).contains("plugin"))
        let dump = BackupCatalog.Dump(module: "planka", file: "planka.dump", sizeBytes: 1, time: Date(timeIntervalSince1970: 0))
        #expect(try Self.keys(dump) == ["module", "file", "sizeBytes", "time"])
    }

    @Test func theCheckTableGroupsByModule() {
        let results = [
            CheckResult(module: "planka", check: "http", status: .ok, latencyMs: 12, message: "200"),
            CheckResult(module: "kopia", check: "repository", status: .fail, latencyMs: 3, message: "500"),
        ]
        #expect(results.table.hasPrefix("planka\n  http        ok"))
        #expect(results.table.contains("\n\nkopia\n"))
    }
}
