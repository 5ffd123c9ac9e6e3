import Foundation
import Testing

/// Kopia cannot run here: its test-bed stand-in reads Kopia's backends and flags and reaches the store, against the
/// real S3 (moto) of `scripts/testbed-offsite up`, and fails, saying so, on one that does not answer.
@Suite(.serialized, .tags(.testbed), .needsTestbed, .needsOffsite) struct KopiaBackendsStandInTests {
    /// `kopia ARGUMENTS` in a throwaway container of the stand-in image, with `environment`.
    /// Its config folder is `config`, as the module mounts one.
    static func kopia(_ arguments: [String], config: String, environment: [String: String] = [:]) throws -> Run {
        let variables = environment.sorted { $0.key < $1.key }.flatMap { ["-e", "\($0.key)=\($0.value)"] }
        return try Run.program("/usr/bin/env", ["docker", "run", "--rm", "--network", "host", "-v", "\(config):/app/config"] + variables + ["\(Testbed.registry)/kopia/kopia:0.23.1"] + arguments)
    }

    @Test func anS3RepositoryThatAnswersIsConnectedAndOneThatDoesNotIsRefused() throws {
        let offsite = try #require(Offsite.current)
        let endpoint = String(offsite.s3.dropFirst("http://".count))
        let keys = ["AWS_ACCESS_KEY_ID": "berthtest", "AWS_SECRET_ACCESS_KEY": "berth-secret-key", "KOPIA_PASSWORD": "kopia-repository-password"]
        let flags = ["--bucket=berth-kopia", "--prefix=tangram/", "--disable-tls"]
        let config = Scratch.directory("kopia-config")
        let made = try Self.kopia(["repository", "create", "s3", "--endpoint=\(endpoint)"] + flags, config: config, environment: keys)
        #expect(made.status == 0 && made.output.contains("s3"), "\(made.output)")
        // What it connected to is recorded, without a credential.
        let record = try String(contentsOfFile: config + "/standin-repository", encoding: .utf8)
        #expect(record.contains("berth-kopia") && !record.contains("berth-secret-key") && !record.contains("kopia-repository-password"), "\(record)")
        let closed = try Self.kopia(["repository", "connect", "s3", "--endpoint=10.78.0.1:9009"] + flags, config: config, environment: keys)
        #expect(closed.status == 1 && closed.output.contains("kopia stand-in: cannot reach s3 endpoint"), "\(closed.output)")
    }
}
