@testable import BerthCore
import Foundation
import ServicePlugin
import Testing

/// The data files' checksums, written before each snapshot: the script run for real on a folder of this machine.
@Suite struct FileManifestTests {
    @Test func everyFileLessTheExcludedFoldersIsListedSortedAndAChangeIsNamed() async throws {
        let root = Fixtures.temporaryDirectory()
        let files = ["planka/attachments/a b.bin": "one", "planka/attachments/z.bin": "two", "planka/db/base/1": "live", "authentik/media/x": "three"]
        for (path, text) in files {
            try FileManager.default.createDirectory(atPath: (root + "/data/" + path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: root + "/data/" + path, atomically: true, encoding: .utf8)
        }
        let out = root + "/dumps/berth-files.sha256"
        let run = ShellCommand(["/bin/sh", "-c", .plain(FileManifest.script), "berth", .plain(root + "/data"), .plain(out), .plain(root + "/data/planka/db")])
        let result = try await ProcessRunner().run(run, timeout: 30)
        #expect(result.succeeded, "\(result.stderr)")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        let manifest = FileManifest.read(text)
        #expect(manifest.keys.sorted() == ["./authentik/media/x", "./planka/attachments/a b.bin", "./planka/attachments/z.bin"])
        #expect(text.split(separator: "\n").map { String($0.split(separator: " ", maxSplits: 1)[1].drop { $0 == " " }) } == manifest.keys.sorted())
        var changed = manifest
        changed["./planka/attachments/z.bin"] = String(repeating: "0", count: 64)
        changed["./new"] = "1"
        changed["./authentik/media/x"] = nil
        #expect(
            FileManifest.differences(recorded: manifest, found: changed) == [
                "./authentik/media/x is missing", "./new is not in the backup's record", "./planka/attachments/z.bin differs from the backup's record",
            ])
    }

    /// The dump's row counts, as the dump script's awk reads `pg_restore --data-only` output (run here on a sample).
    @Test func theDumpsRowsAreCountedPerCopyBlockEmptyTablesIncluded() async throws {
        let sample = "SET x = 1;\nCOPY public.recovered (id, note) FROM stdin;\n1\ta\n2\tb\\nstill row 2\n\\.\nCOPY public.\"User\" (id) FROM stdin;\n\\.\n"
        let run = ShellCommand(["/bin/sh", "-c", .plain("awk \(DumpScript.rowCounter)")], input: Array(sample.utf8))
        let result = try await ProcessRunner().run(run, timeout: 30)
        #expect(result.stdout == "public.recovered\t2\npublic.User\t0\n", "\(result.stderr)")
        #expect(RestoreDrill.counts("== live\n" + result.stdout).live == ["public.recovered": 2, "public.User": 0])
    }
}
