@testable import BerthCore
import ServicePlugin
import Testing

/// The crontab install runs for real in `sh`; only `crontab` is a stub on PATH, keeping its table in a file.
@Suite struct CrontabLineTests {
    @Test func productionAndStagingKeepOneLineEach() async throws {
        let bin = Fixtures.temporaryDirectory("crontab")
        let table = "\(bin)/table"
        Fixtures.write("#!/bin/sh\nif [ \"$1\" = -l ]; then cat \"\(table)\" 2>/dev/null; else cat > \"\(table)\"; fi\n", to: "\(bin)/crontab", mode: 0o755)
        Fixtures.write("17 3 * * * /usr/bin/true # someone else's line\n", to: table)
        let runner = PathRunner(prefix: bin)
        let production = try SharingFixture.stack("production"), staging = try SharingFixture.stack("staging")
        func install(_ stack: Stack, _ line: String) async throws {
            let command = ShellCommand([.plain("sh"), "-c", .plain(BackupScript.installScript), "sh", .plain(BackupScript.cronTag(stack)), .plain(line)])
            #expect(try await runner.run(command, timeout: 10).succeeded)
        }
        let productionLine = BackupScript.cronLine(production, time: "05:00", root: "/opt/services")
        let stagingLine = BackupScript.cronLine(staging, time: "05:00", root: "/opt/services-staging")
        try await install(staging, stagingLine)
        try await install(production, productionLine)
        // Deploying production again replaces its own line only; staging's tag ends with production's.
        try await install(production, productionLine)
        #expect(Fixtures.read(table) == "17 3 * * * /usr/bin/true # someone else's line\n\(stagingLine)\n\(productionLine)\n")
        try await install(staging, "")
        #expect(Fixtures.read(table) == "17 3 * * * /usr/bin/true # someone else's line\n\(productionLine)\n")
    }
}
