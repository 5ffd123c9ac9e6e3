@testable import BerthCore
import Foundation
import ServicePlugin
import Testing

/// A module whose three images the server holds in three ways: by tag, by digest, and not at all.
private struct Trio: ServicePlugin {
    static let id = "trio"
    static let summary = "pull test module"
    static let images: [ImageSpec] = []
    init(options: OptionValues) {}

    func compose(in context: RenderContext) -> ComposeFragment {
        ComposeFragment(services: [
            ComposeService(name: "tagged", image: ImageRef(repository: "example/tagged", tag: "1.0")),
            ComposeService(name: "pinned", image: ImageRef(repository: "example/pinned", tag: "2.0", digest: "sha256:" + String(repeating: "a", count: 64))),
            ComposeService(name: "missing", image: ImageRef(repository: "example/missing", tag: "3.0")),
            ComposeService(name: "built", image: ImageRef(repository: "example/built", tag: "4.0"), build: "app"),
        ])
    }
}

/// What the deploy pulls before `up`: what the server lacks, and tags it has (they may have moved), side by side;
/// never a digest the server has, nor an image a service builds.
@Suite struct PullImagesTests {
    static let pinned = "example/pinned:2.0@sha256:" + String(repeating: "a", count: 64)

    func deployer(_ runner: RecordingRunner, probed: Bool = true) throws -> DeploySession {
        let registry = PluginRegistry(PluginRegistry.standard.plugins + [Trio.self])
        let stack = try FakeStacks.build("  trio: {}", registry: registry, target: "file:/srv/trio")
        var deployer = DeploySession(stack: stack, runner: runner)
        if probed {
            let held = NoOpProbe.Image(id: "sha256:1", digests: [])
            deployer.serverImages = ["example/tagged:1.0": held, Self.pinned: held, "example/missing:3.0": NoOpProbe.Image(id: "", digests: [])]
        }
        return deployer
    }

    func pulls(_ runner: RecordingRunner) -> [[String]] {
        runner.commands.filter { $0.arguments.joined(separator: " ").contains("docker pull") }.map { Array($0.arguments.drop { !$0.hasPrefix("example/") }) }
            .sorted { $0.joined() < $1.joined() }
    }

    @Test func pullsWhatIsMissingAndRefreshesTagsButNotDigests() async throws {
        let runner = RecordingRunner { _ in CommandResult(status: 0, stdout: "1000\n") }
        try await deployer(runner).pullImages()
        #expect(pulls(runner) == [["example/missing:3.0"], ["example/tagged:1.0"]])
        #expect(runner.commands.count == 2)
    }

    @Test func withoutTheProbeOneRoundTripAsksWhatIsMissing() async throws {
        let runner = RecordingRunner { command in
            command.arguments.joined(separator: " ").contains("image inspect --format '{{.Id}}'")
                ? CommandResult(status: 0, stdout: "example/missing:3.0\n") : CommandResult(status: 0, stdout: "1000\n")
        }
        try await deployer(runner, probed: false).pullImages()
        let ask = try #require(runner.commands.first)
        #expect(Array(ask.arguments.suffix(3)) == ["example/missing:3.0", Self.pinned, "example/tagged:1.0"])
        #expect(pulls(runner) == [["example/missing:3.0"], ["example/tagged:1.0"]])
    }

    @Test func aFailedRefreshFailsTheStep() async throws {
        let runner = RecordingRunner { command in
            command.arguments.contains("example/tagged:1.0") ? CommandResult(status: 1, stderr: "manifest unknown") : CommandResult(status: 0, stdout: "1000\n")
        }
        await #expect(throws: BerthError.self) { try await deployer(runner).pullImages() }
    }

    /// The refresh script really runs: each pull side by side, and one failure is the script's failure.
    @Test func theRefreshScriptWaitsForEveryPullAndReportsAFailure() async throws {
        let bin = FileManager.default.temporaryDirectory.appendingPathComponent("berth-pull-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: bin) }
        // A stand-in `docker` (no registry is asked): `pull -q bad` fails after the others would have ended.
        let docker = bin.appendingPathComponent("docker")
        try "#!/bin/sh\nsleep 0.2\n[ \"$3\" = bad ] && exit 1\necho \"$3\" >> \"\(bin.path)/pulled\"\n".write(to: docker, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: docker.path)
        func refresh(_ references: [String]) async throws -> CommandResult {
            let command = ShellCommand((["env", "PATH=\(bin.path):/usr/bin:/bin", "sh", "-c", DeploySession.refreshScript, "berth"] + references).map(ShellCommand.Argument.plain))
            return try await ProcessRunner().run(command, timeout: 10)
        }
        #expect(try await refresh(["a", "b"]).status == 0)
        #expect(try String(contentsOf: bin.appendingPathComponent("pulled"), encoding: .utf8).split(separator: "\n").sorted() == ["a", "b"])
        #expect(try await refresh(["bad", "c"]).status == 1)
    }
}
