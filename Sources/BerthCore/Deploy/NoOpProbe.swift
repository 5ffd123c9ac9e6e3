import Foundation
import ServicePlugin

/// What a deploy needs to know to skip its work: which `.env` changed since the live release, what each
/// image reference points to on the server, and the containers as they run. One round trip.
public struct NoOpProbe: Sendable {
    /// One image reference on the server: its id and the repository digests the engine lists.
    public struct Image: Sendable, Equatable {
        public var id: String
        public var digests: [String]
    }

    /// `.env` files written after the live release was recorded, relative to the deploy folder.
    public var newerEnvFiles: [String]
    public var images: [String: Image]
    public var facts: StackFacts

    /// `$1` the deploy folder, then the image references.
    static let script = """
        cd "$1" 2>/dev/null || exit 3; shift
        [ -f .berth/current ] && find . -path ./.berth -prune -o -name .env -newer .berth/current -print | sed 's/^/#env=/'
        for ref in "$@"; do
          printf '#image=%s %s\\n' "$ref" "$(docker image inspect --format '{{.Id}} {{json .RepoDigests}}' "$ref" 2>/dev/null)"
        done
        ids=$(docker compose ps -aq) || exit 4
        [ -n "$ids" ] && docker inspect $ids
        true
        """

    public static func command(_ remote: Remote, references: [String]) -> ShellCommand {
        remote.script(script, [remote.root] + references)
    }

    public static func read(_ remote: Remote, references: [String], runner: any CommandRunner) async throws -> NoOpProbe {
        let result = try await runner.run(command(remote, references: references), timeout: 30)
        guard result.succeeded else {
            throw BerthError.failed("cannot read the running stack on \(remote.name): \(result.stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return NoOpProbe(result.stdout)
    }

    public init(newerEnvFiles: [String], images: [String: Image], facts: StackFacts) {
        self.newerEnvFiles = newerEnvFiles
        self.images = images
        self.facts = facts
    }

    public init(_ output: String) {
        var env: [String] = []
        var images: [String: Image] = [:]
        var rest: [Substring] = []
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("#env=") {
                env.append(String(line.dropFirst("#env=./".count)))
            } else if line.hasPrefix("#image=") {
                let parts = line.dropFirst("#image=".count).split(separator: " ", maxSplits: 2).map(String.init)
                guard parts.count == 3 else { continue }
                let digests = (try? JSONDecoder().decode([String].self, from: Data(parts[2].utf8))) ?? []
                images[parts[0]] = Image(id: parts[1], digests: digests)
            } else {
                rest.append(line)
            }
        }
        newerEnvFiles = env.sorted()
        self.images = images
        facts = StackFacts(inspect: rest.joined(separator: "\n"))
    }
}
