import Foundation
import ServicePlugin
import Testing

@testable import BerthCore

/// Each pattern of the schema side by side with the reader's check it mirrors, on values either side of the line.
@Suite struct ConfigSchemaPatternTests {
    typealias Pattern = ConfigSchema.Pattern

    static func matches(_ pattern: String, _ value: String) -> Bool {
        let expression = try! NSRegularExpression(pattern: ConfigSchema.anchored(pattern))
        return expression.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) != nil
    }

    static let long = String(repeating: "a", count: 63)

    static let checks: [(String, String, @Sendable (String) -> Bool, [String])] = [
        ("DNS label", Pattern.dnsLabel, { Validators.dnsLabel($0) == nil }, ["a", "planka", "web-1", "1", long, "-a", "a-", "A", "a_b", "", long + "a", "a.b"]),
        ("hostname", Pattern.hostname, { Validators.hostname($0) == nil }, ["example.org", "a.b.c", "x-1.example.org", "example", "Example.org", "a..b", "-a.org", "a.org."]),
        ("host path", Pattern.hostPath, { Validators.hostPath($0) == nil }, ["/opt/x", "/.hidden", "/a..b", "/a.b/c_d-e", "/", "//x", "/x/", "/x/./y", "/x/../y", "/x y", "x", "/x;y"]),
        ("local file", Pattern.localFile, { ConfigReader.localFile($0) == nil }, ["ca.pem", "dir/ca.pem", "/abs/ca.pem", "x..y", "../ca.pem", "a/../b", "a b", "a$b"]),
        ("duration", Pattern.duration, { Validators.duration($0) == nil }, ["30s", "1h30m", "250ms", "1.5h", "2us", "s", "30", "30S", "1 h", "-1s"]),
        ("identifier", Pattern.identifier, { Validators.identifier($0) == nil }, ["planka", "Db_1", "_", long, "", long + "a", "a-b", "a b"]),
        ("e-mail", Pattern.email, { Validators.email($0) == nil }, ["a@example.org", "a.b+c@x.y", "a@b", "@x.org", "a b@x.org", "a@@x.org", "<a@x.org>"]),
        ("uid:gid", Pattern.userSpec, { Validators.userSpec($0) == nil }, ["1000:1000", "0", "1000", "a:b", "1000:", ":1000", "12345678901"]),
        ("daily time", Pattern.dailyTime, { Validators.dailyTime($0) == nil }, ["05:00", "23:59", "off", "24:00", "5:00", "05:60", "Off"]),
        ("project name", Pattern.projectName, { Validators.projectName($0) == nil }, ["tangram", "a_b-1", "1x", "-a", "A", "a b", ""]),
        ("image tag", Pattern.imageTag, { Validators.isImageTag($0) }, ["1.23.5", "latest", "_x", "16-alpine", ".x", "-x", "a b", "", String(repeating: "a", count: 129)]),
        ("repository", Pattern.repository, { ConfigReader.repository($0) == nil }, ["nginx", "ghcr.io/org/app", "127.0.0.1:5000/org/app", "a/b_c", "Nginx", "nginx:1", "a//b", "a/"]),
        ("env key", Pattern.envKey, { EnvFile.isValidKey($0) }, ["APP_KEY", "_x", "a1", "1A", "A-B", "", "A.B"]),
        ("app host", ConfigSchema.appHost, { ConfigReader.appHost($0) == nil }, ["@", "www", "api.example.org", "Www", "w w", "a..b", "@@"]),
        (
            "registry mirror", ConfigSchema.registryMirror, { ConfigReader.registryHost(ConfigReader.withoutHTTP($0)) == nil },
            ["127.0.0.1:5000", "registry.example.org", "localhost:5000", "http://127.0.0.1:5000", "http://x/", "x", "a.org:x", "https://a.org"]
        ),
        (
            "ACME directory", ConfigSchema.acmeDirectory, { ConfigReader.acmeDirectory($0) == nil },
            ["https://ca.example.org/acme/directory", "https://ca:9000/dir", "http://ca.example.org/", "https://ca.example.org/a b", "https:///x", "https://a/{x}"]
        ),
        (
            "IPv6", Pattern.ipv6, { Validators.isIPv6($0) },
            [
                "::1", "::", "fe80::1", "2001:db8::8a2e:370:7334", "::ffff:192.0.2.1", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:1.2.3.4", "1::", ":::", "1::2::3",
                "12345::", "127.0.0.1:", "g::1", "1:2:3:4:5:6:7:8:9", "1:2",
            ]
        ),
        (
            "resolved address", ConfigSchema.resolvedAddress, { ConfigReader.address($0) != nil },
            ["127.0.0.1", "127.0.0.1:8443", "::1", "[::1]:8443", "256.0.0.1", "127.0.0.1:", "host:443", "[::1]"]
        ),
        (
            "release URL", Pattern.releaseURL, { BerthRelease.urlProblem($0) == nil },
            ["https://example.org/berth-1.0.tar.gz", "file:///srv/berth.tar.gz", "https://x/a?b=c&d=%20", "http://x/b.tar.gz", "file:/x", "https://x/a b", "https://x/'a'"]
        ),
        (
            "backup repository", Pattern.backupRepository(BackupRepository.Scheme.allCases),
            { BackupRepository.parse($0, allowed: BackupRepository.Scheme.allCases).problem == nil && ($0.first != "/" || Validators.hostPath($0) == nil) },
            [
                "/opt/restic", "s3:https://s3.example.org/bucket/prefix", "rest:https://vault.example.org:8000/t/", "webdav:https://dav.example.org/t",
                "sftp:backup@vault.example.org:/srv/t", "ftp://x", "s3:https://s3.example.org/", "rest:https://me:pw@vault.example.org/", "sftp:vault:/srv", "/x/",
            ]
        ),
    ]

    @Test(arguments: checks)
    func agreesWithTheReader(_ name: String, _ pattern: String, _ reader: @Sendable (String) -> Bool, _ samples: [String]) {
        for sample in samples {
            #expect(Self.matches(pattern, sample) == reader(sample), "\(name): '\(sample)': reader \(reader(sample) ? "accepts" : "refuses") it")
        }
        // Each list holds values either side of the line, so the comparison can fail both ways.
        #expect(samples.contains(where: reader) && !samples.allSatisfy(reader), "\(name)")
    }
}
