import BerthCore
import Foundation
import Testing

/// Berth reads `.env` files exactly as `docker compose` does: each text is given to the real
/// `docker compose config` as an `env_file`, and Berth's parser must find the same keys and values,
/// or a problem wherever compose refuses the file.
@Suite struct EnvParityTests {
    static let texts: [String] = [
        "A=1\r\nB=two words\r\nC=\"quoted\"\r\n",
        "export A=1\nexport  B = 2 \n",
        "A: yaml style\nB:colon\n",
        "A=\"line\\nbreak\"\nB=\"cr\\rx\"\n",
        "A='single $B \\n stays'\nB=1\n",
        "A=\"multi\nline\nvalue\"\nB=after\n",
        "A=b #comment\nC=d#kept\nD=e\t#tab\n",
        "A=\"q\\\"x\"\nB='it\\'s'\n",
        "A=1\nB=${A}2\nC=$A-3\nD=${A:-d}\nE=${Z:-def}\nF=${A:+alt}\nG=$$A\nH=${Z-dash}\nI=${A+plus}\n",
        "A=\"a\" # comment after a quote\nB='b'   \n",
        "A=  spaced  \nB=\t\n",
        "# comment\n\n  # indented comment\nA=1\n\n",
        "A=1\nA=2\n",
        "A=\"back\\\\slash\"\nB=\"tab\\tx\"\n",
        "A=é ünïcödé ✓\n",
        "A=\"${B}\"\nB=x\nC=\"${B}\"\n",
        "KEY\nA=1\n",
        "A=\"x\\$y\"\n",
        "A=1.2.3\nB=a=b=c\nC=http://h:1/p?q=1#frag\n",
        "A.B=1\nC_D=2\n",
        "A=${UNSET}\nB=$UNSET\n",
        "A=\"unterminated\nB=2\n",
        "A='unterminated\n",
        "MY KEY=1\n",
        "A-B=1\n",
        "A=\"x\"y\n",
        "A=1\nB",
        "A=\"a\\tb\\ac\\bd\\fe\\vf\\\\g\\'h\\xi\"\n",
        "A=1\nB=$A\nA=2\n",
        "A=${B}\nB=${C}\nC=1\n",
        "A='x\\'y\\\\z'\n",
        "A=\"x\" y=1\n",
        "A=$\nB=a$ b\n",
        "A=${B\n",
        "A=${B:?err}\n",
        "A=ok\nexporter=1\nexport\tB=2\n",
        "A=\\$x\nB=\"\\$x\"\n",
        "A=${B:-${C:-z}}\nD=\"${B:-x y}\"\n",
        "A.B-C=1\n1A=2\n",
        "C@D=2\n",
        "export  \nA=1\n",
    ]

    static let composeFile = "services:\n  s:\n    image: busybox\n    env_file: .env\n"

    @Test(arguments: texts)
    func berthReadsWhatComposeReads(_ text: String) throws {
        let folder = Scratch.directory("envparity")
        try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/.env"))
        try Data(Self.composeFile.utf8).write(to: URL(fileURLWithPath: folder + "/compose.yaml"))
        // A bare environment, so compose looks up nothing from this process.
        let run = try Run.program("/usr/bin/env", ["-i", "PATH=/usr/local/bin:/usr/bin:/bin", "HOME=/nonexistent", "docker", "compose", "config", "--format", "json"], in: folder)
        let parsed = EnvFile(path: ".env", text: text)
        guard run.status == 0 else {
            #expect(!parsed.problems.isEmpty, "compose refused this file but Berth found no problem: \(run.stderr)")
            return
        }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let service = try #require((json["services"] as? [String: Any])?["s"] as? [String: Any])
        let environment = (service["environment"] as? [String: Any?]) ?? [:]
        // compose config prints a literal `$` as `$$`, so that its output can be read back.
        let composeValues = environment.compactMapValues { ($0 as? String)?.replacingOccurrences(of: "$$", with: "$") }
        #expect(parsed.problems.isEmpty, "compose read this file, Berth reported \(parsed.problems)")
        #expect(parsed.values == composeValues)
    }
}
