@testable import BerthCore
import ServicePlugin
import Testing

/// `backup_copy_to:` and `backup_keep:` at the top of `berth.yaml`: read, checked, and in every environment's context.
@Suite struct BackupCopyAndKeepConfigTests {
    static func config(_ lines: String) throws -> BerthConfig { try Fixtures.config(lines + Fixtures.exampleText) }

    @Test func readsBothAndPassesThemToTheStack() throws {
        let config = try Self.config("backup_copy_to: \"rest:https://vault.example.org/tangram/\"\nbackup_keep: { daily: 3, monthly: 12 }\n")
        #expect(config.backupCopyTo == .rest(url: "https://vault.example.org/tangram/"))
        #expect(config.backupKeep == BackupKeep(daily: 3, weekly: 4, monthly: 12))
        let stack = try Fixtures.stack("backup_copy_to: /mnt/second/restic\n" + Fixtures.withServices("  restic: {}"), environment: "production")
        #expect(stack.context.backupCopyTo == .folder("/mnt/second/restic"))
        #expect(stack.diagnostics.isEmpty, "\(stack.diagnostics)")
        #expect(try Fixtures.config().backupCopyTo == nil && Fixtures.config().backupKeep == BackupKeep())
    }

    @Test func badValuesNameTheirPathAndLine() {
        for (lines, message) in [
            ("backup_copy_to: \"ftp://vault\"\n", "backup_copy_to: must be an absolute folder, s3:, rest:, webdav:, sftp:, got 'ftp://vault'"),
            ("backup_copy_to: \"rest:https://me:pw@vault.example.org/\"\n", "backup_copy_to: a rest: repository is rest:http(s)://HOST[:PORT]/PATH"),
            ("backup_keep: { daily: 0, weekly: 0, monthly: 0 }\n", "backup_keep: keeps nothing"),
            ("backup_keep: { hourly: 3 }\n", "backup_keep.hourly"),
            ("backup_keep: { daily: -1 }\n", "backup_keep.daily"),
        ] {
            #expect {
                try Self.config(lines)
            } throws: { error in
                let found = (error as? DiagnosticsError)?.diagnostics.map(\.description) ?? []
                return found.count == 1 && found[0].contains(message) && found[0].contains("berth.yaml:1")
            }
        }
    }
}
