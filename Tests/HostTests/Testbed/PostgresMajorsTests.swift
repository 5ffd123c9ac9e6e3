import Foundation
import Testing

/// The test bed's `library/postgres:<N>-alpine` images hold PostgreSQL N, and nothing else: tests that
/// move a database between majors (or refuse to) see what the real images would do. The test bed
/// builds each major from its own source (`scripts/testbed.d/postgres15/README.md`).
@Suite(.serialized, .tags(.testbed), .needsTestbed) struct PostgresMajorsTests {
    static let repository = "library/postgres"

    static func testbedUp() throws {
        let up = try Run.shell("scripts/testbed up >/dev/null", in: Run.packageRoot)
        try #require(up.status == 0, "scripts/testbed up: \(up.output)")
    }

    /// Every `<N>-alpine` tag the registry holds for `library/postgres`, with its N.
    static func majorTags() throws -> [(tag: String, major: Int)] {
        let list = try Run.shell("curl -fsS -m 10 http://\(Testbed.registry)/v2/\(repository)/tags/list")
        #expect(list.status == 0, "\(list.output)")
        let object = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [String: Any]
        let tags = object?["tags"] as? [String] ?? []
        return tags.compactMap { tag in
            guard tag.hasSuffix("-alpine"), let major = Int(tag.dropLast("-alpine".count)) else { return nil }
            return (tag, major)
        }
        .sorted { $0.major < $1.major }
    }

    /// The major of a `postgres --version` line: "postgres (PostgreSQL) 17.12 (Debian …)" → 17.
    static func major(ofVersion line: String) -> Int? {
        guard let range = line.range(of: "(PostgreSQL) ") else { return nil }
        return Int(line[range.upperBound...].prefix { $0.isNumber })
    }

    @Test func everyMajorTagHoldsThatMajor() throws {
        try Self.testbedUp()
        let tags = try Self.majorTags()
        // The majors the tests move data between; the test bed builds them all.
        #expect(Set(tags.map(\.major)).isSuperset(of: [14, 15, 17, 18]), "tags: \(tags.map(\.tag))")
        for (tag, major) in tags {
            let version = try Run.program("/usr/bin/env", ["docker", "run", "--rm", "--network", "none", "\(Testbed.registry)/\(Self.repository):\(tag)", "postgres", "--version"])
            #expect(version.status == 0, "\(tag): \(version.output)")
            #expect(Self.major(ofVersion: version.stdout) == major, "\(Self.repository):\(tag) holds \(version.stdout)")
        }
    }

    @Test func seventeenRefusesADataFolderFourteenInitialised() throws {
        try Self.testbedUp()
        let data = Scratch.directory("pgmajors") + "/data"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        _ = try Run.program("/bin/chown", ["1000:1000", data])
        let name = "berth-pgmajors-\(UUID().uuidString.prefix(8).lowercased())"
        defer { _ = try? Run.shell("docker rm -f \(name) >/dev/null 2>&1") }
        let run = "--network none --user 1000:1000 -v \(data):/var/lib/postgresql/data -e POSTGRES_HOST_AUTH_METHOD=trust"

        // 14 initialises the folder, answers, and stops cleanly.
        let started = try Run.shell("docker run -d --name \(name) \(run) \(Testbed.registry)/\(Self.repository):14-alpine")
        try #require(started.status == 0, "\(started.output)")
        let ready = try Run.shell("for i in $(seq 1 120); do docker exec \(name) pg_isready -q && exit 0; sleep 0.5; done; exit 1")
        let logs = try Run.shell("docker logs \(name)").output
        #expect(ready.status == 0, "\(logs)")
        #expect(try Run.shell("docker stop -t 20 \(name) && docker rm \(name)").status == 0)
        let pgVersion = try String(contentsOfFile: data + "/PG_VERSION", encoding: .utf8)
        #expect(pgVersion.trimmingCharacters(in: .whitespacesAndNewlines) == "14")

        // 17 on the same folder: the server exits at once, saying why.
        let refused = try Run.shell("timeout 60 docker run --rm \(run) \(Testbed.registry)/\(Self.repository):17-alpine")
        #expect(refused.status != 0 && refused.status != 124, "\(refused.output)")
        #expect(refused.output.contains("database files are incompatible with server"), "\(refused.output)")
        #expect(refused.output.contains("initialized by PostgreSQL version 14"), "\(refused.output)")
    }
}
