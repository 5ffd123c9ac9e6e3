import BerthCore
import Foundation
import Testing

@Suite struct EnvCheckerTests {
    /// A one-module tree: a compose file, a sample and an .env.
    func tree(sample: String, env: String?, compose: String = "services:\n  app:\n    image: x\n", envMode: Int = 0o600) -> String {
        let root = Fixtures.temporaryDirectory("envcheck")
        Fixtures.write(compose, to: "\(root)/app/docker-compose.yaml")
        Fixtures.write(sample, to: "\(root)/app/sample.env")
        if let env { Fixtures.write(env, to: "\(root)/app/.env", mode: envMode) }
        return root
    }

    let sample = """
        # Password.
        # berth: required, secret
        SECRET=
        # berth: optional, kind=url
        HOME_URL=
        # berth: optional, kind=port
        PORT=

        """

    func messages(_ root: String) throws -> [String] {
        try EnvChecker(root: root).check().map { $0.description.replacingOccurrences(of: root, with: "ROOT") }
    }

    @Test func aMatchingTreeIsClean() throws {
        #expect(try messages(tree(sample: sample, env: "SECRET=s3cret\nHOME_URL=https://x.example.org\nPORT=25\n")).isEmpty)
    }

    @Test func missingKey() throws {
        #expect(try messages(tree(sample: sample, env: "SECRET=s3cret\nPORT=25\n")) == ["ROOT/app/.env:1: missing key HOME_URL, declared at sample.env:5"])
    }

    @Test func extraKey() throws {
        #expect(try messages(tree(sample: sample, env: "SECRET=s\nHOME_URL=\nPORT=\nEXTRA=1\n")) == ["ROOT/app/.env:4: key EXTRA is not declared in sample.env"])
    }

    @Test func emptyRequiredKey() throws {
        #expect(try messages(tree(sample: sample, env: "SECRET=\nHOME_URL=\nPORT=\n")) == ["ROOT/app/.env:1: SECRET is required but empty"])
    }

    @Test func badURLAndPortNeverEchoTheValue() throws {
        let found = try messages(tree(sample: sample, env: "SECRET=hunter2\nHOME_URL=not a url\nPORT=99999\n"))
        #expect(
            found == [
                "ROOT/app/.env:2: HOME_URL must be a URL with a scheme and a host",
                "ROOT/app/.env:3: PORT must be a port number from 1 to 65535",
            ])
        #expect(!found.joined().contains("not a url") && !found.joined().contains("hunter2"))
    }

    /// A private key pasted unquoted over several lines: its base64 reads as keys, which must not be printed.
    @Test func aSecretPastedOverSeveralLinesIsReportedByLineOnly() throws {
        let env =
            "SECRET=-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\nSEKRIT-privatekeymaterial\nqhkiG9w0BAQEFAASC==\n-----END PRIVATE KEY-----\nHOME_URL=\nPORT=\n"
        let found = try messages(tree(sample: sample, env: env))
        for material in ["MIIEvQ", "SEKRIT", "privatekeymaterial", "qhkiG9w0"] { #expect(!found.joined().contains(material), "\(found)") }
        #expect(found.contains("ROOT/app/.env:3: this line is not KEY=value (its text is not shown: it may be part of a secret pasted over several lines), and not declared in sample.env"), "\(found)")
    }

    @Test func duplicateKey() throws {
        #expect(try messages(tree(sample: sample, env: "SECRET=a\nHOME_URL=\nPORT=\nSECRET=b\n")) == ["ROOT/app/.env:4: duplicate key SECRET (first at line 1)"])
    }

    @Test func malformedLineIsReportedWithoutItsText() throws {
        let found = try messages(tree(sample: sample, env: "SECRET=a\nHOME_URL=\nPORT=\nhunter2 oops\n"))
        #expect(found == ["ROOT/app/.env:4: malformed: a key cannot contain a blank"])
    }

    @Test func undeclaredInterpolation() throws {
        let compose = "services:\n  app:\n    image: x\n    environment:\n      A: ${SECRET}\n      B: $${ESCAPED}\n      C: ${KOPIA_PASSWORD:?x}\n"
        #expect(
            try messages(tree(sample: sample, env: "SECRET=a\nHOME_URL=\nPORT=\n", compose: compose))
                == ["ROOT/app/docker-compose.yaml:7: ${KOPIA_PASSWORD} is interpolated but sample.env does not declare it"])
    }

    @Test func envWithoutSampleAndSampleWithoutEnv() throws {
        let root = tree(sample: sample, env: nil)
        Fixtures.write("A=1\n", to: "\(root)/other/.env", mode: 0o600)
        #expect(
            try messages(root) == [
                "ROOT/app/sample.env:1: no .env beside this sample.env; run `berth env init`",
                "ROOT/other/.env:1: no sample.env beside this .env",
            ])
    }

    @Test func looseModeIsReported() throws {
        #expect(try messages(tree(sample: sample, env: "SECRET=a\nHOME_URL=\nPORT=\n", envMode: 0o644)).first?.contains("mode is 644; .env files must be 0600") == true)
    }

    @Test(.enabled(if: Fixtures.hasReference, "no ../shared/reference/tangram-production beside the project"))
    func theReferenceKopiaFolderFailsOnItsUndeclaredPassword() throws {
        let found = try EnvChecker(root: Fixtures.reference).check().map(\.description)
        #expect(found.contains { $0.hasSuffix("kopia/docker-compose.yaml:15: ${KOPIA_PASSWORD} is interpolated but sample.env does not declare it") })
    }

    @Test func aMissingDirectoryIsAUsageError() {
        #expect(throws: BerthError.self) { try EnvChecker(root: "/nonexistent/berth").check() }
    }

    @Test func valuesAreReadAsComposeReadsThem() throws {
        // An inline comment, a multi-line quoted value, export and CRLF are all fine.
        let env = "export SECRET=\"first\r\nsecond\"\r\nHOME_URL='https://x.example.org' # home\r\nPORT=587 # note\r\n"
        #expect(try messages(tree(sample: sample, env: env)).isEmpty)
    }

    @Test func aSymlinkedEnvIsNamedAsALinkNotAMode() throws {
        let root = tree(sample: sample, env: nil)
        Fixtures.write("SECRET=s\nHOME_URL=\nPORT=\n", to: "\(root)/real.env", mode: 0o600)
        try FileManager.default.createSymbolicLink(atPath: "\(root)/app/.env", withDestinationPath: "../real.env")
        #expect(try messages(root) == ["ROOT/app/.env:1: is a symbolic link to ../real.env; Berth reads and writes only real .env files (replace the link with the file, mode 0600)"])
    }

    @Test func anUnreadableEnvIsReportedAndTheOthersStillChecked() throws {
        let root = tree(sample: sample, env: nil)
        try FileManager.default.createDirectory(atPath: "\(root)/app/.env", withIntermediateDirectories: false)
        Fixtures.write("services:\n  b:\n    image: x\n", to: "\(root)/b/docker-compose.yaml")
        Fixtures.write(sample, to: "\(root)/b/sample.env")
        Fixtures.write("SECRET=\nHOME_URL=\nPORT=\n", to: "\(root)/b/.env", mode: 0o600)
        Fixtures.write("A=\u{FF}", to: "\(root)/c.env")
        #expect(
            try messages(root) == [
                "ROOT/app/.env:1: cannot be checked: is a folder, not a file",
                "ROOT/b/.env:1: SECRET is required but empty",
            ])
    }
}
