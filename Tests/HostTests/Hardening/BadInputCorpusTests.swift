import Foundation
import Testing

/// The bad-input corpus: for every case, the exit code, a message naming the config path, `file:line`
/// or argument, nothing at all changed in the project and its rendered tree, and no secret in any output.
@Suite struct BadInputCorpusTests {
    /// The example project, rendered, with `.env` files whose secrets hold ``BadInput/marker``, and a folder `outside/`.
    static let template: String = {
        let root = Scratch.project(name: "corpus-template")
        for arguments in [["render", "--env", "local"], ["env", "init", "--env", "local", "--dir", "deploy/local"]] {
            let run = try! Run.berth(arguments, in: root)
            precondition(run.status == 0, "template: \(arguments): \(run.output)")
        }
        for (module, key) in [("planka", "SECRET_KEY"), ("authentik", "AUTHENTIK_SECRET_KEY"), ("kopia", "KOPIA_PASSWORD")] {
            let path = "\(root)/deploy/local/\(module)/.env"
            let lines = try! Files.read(path).split(separator: "\n", omittingEmptySubsequences: false).map { line in
                line.hasPrefix("\(key)=") ? "\(key)=\(BadInput.marker)\(module)" : String(line)
            }
            try! Files.write(lines.joined(separator: "\n"), to: path, mode: 0o600)
        }
        try! FileManager.default.createDirectory(atPath: root + "/outside", withIntermediateDirectories: false)
        try! Files.write("the admin's own file\n", to: root + "/outside/notes.txt")
        return root
    }()

    /// A fresh copy of the template (modes, owners and links kept).
    static func project() throws -> String {
        let copy = Scratch.directory("corpus") + "/project"
        let run = try Run.program("/bin/cp", ["-a", template, copy])
        precondition(run.status == 0, run.output)
        return copy
    }

    @Test(arguments: BadInput.all)
    func refusedWithNothingChanged(_ bad: BadInput) throws {
        let project = try Self.project()
        try bad.setup(project)
        let before = TreeSnapshot(project)
        let run = try Run.berth(bad.arguments, in: project)
        #expect(run.status == bad.status, "exit status: \(run.output.prefix(2000))")
        // Errors go to stderr; `env check` prints its findings as its report, on stdout.
        #expect(run.output.contains(bad.message), "output: \(run.output.prefix(2000))")
        #expect(before.changes(to: TreeSnapshot(project)) == [], "berth changed files on bad input")
        #expect(!run.output.contains(BadInput.marker), "a secret was printed")
        // Nothing is echoed whole: a 100 kB value comes back as at most about 80 characters.
        #expect(run.output.count < 6000, "output of \(run.output.count) characters")
    }

    @Test func theCorpusCoversEveryFamily() {
        #expect(BadInput.all.count >= 150)
        #expect(Set(BadInput.all.map(\.family)) == ["berth.yaml", "berth.lock", ".env", "arguments", "render target"])
        #expect(Set(BadInput.all.map(\.testDescription)).count == BadInput.all.count, "case names are unique")
    }
}
