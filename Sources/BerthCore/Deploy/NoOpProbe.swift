import Foundation
import ServicePlugin

/// What a deploy needs to know to skip its work: whether another deploy holds the lock, the live release,
/// which `.env` changed since it, what each image reference points to on the server, and the containers
/// as they run. It reads and writes nothing else, so preflight runs it in its own round trip.
public struct NoOpProbe: Sendable {
    /// One image reference on the server: its id and the repository digests the engine lists.
    public struct Image: Sendable, Equatable {
        public var id: String
        public var digests: [String]
    }

    /// Another deploy (or a backup) holds the deploy lock: what this probe saw may be about to change.
    public var locked = false
    /// The live release's record, when there is one.
    public var live: ReleaseRecord?
    /// `.env` files written after the live release was recorded, relative to the deploy folder.
    public var newerEnvFiles: [String]
    public var images: [String: Image]
    public var facts: StackFacts

    /// `$1` the deploy folder, `$2` the compose project, then the image references.
    ///
    /// One `docker image inspect` answers for every reference, in their order, when all exist; one missing
    /// reference makes it fail, and then each is asked on its own.
    static let script = """
        cd "$1" 2>/dev/null || exit 0
        project=$2; shift 2
        [ -d .berth/lock ] && echo '#locked'
        c=$(cat .berth/current 2>/dev/null) && [ -n "$c" ] && [ -f ".berth/releases/$c/record.json" ] && { printf '#record='; tr -d '\\n' < ".berth/releases/$c/record.json"; echo; }
        [ -f .berth/current ] && find . -path ./.berth -prune -o -name .env -newer .berth/current -print | sed 's/^/#env=/'
        if [ $# -gt 0 ] && out=$(docker image inspect --format '{{.Id}} {{json .RepoDigests}}' "$@" 2>/dev/null); then
          printf '%s\\n' "$out" | for ref in "$@"; do IFS= read -r line; printf '#image=%s %s\\n' "$ref" "$line"; done
        else
          for ref in "$@"; do
            printf '#image=%s %s\\n' "$ref" "$(docker image inspect --format '{{.Id}} {{json .RepoDigests}}' "$ref" 2>/dev/null)"
          done
        fi
        \(StackFacts.inspectProject)
        """

    /// The script's arguments: the deploy folder, the compose project and the stack's image references.
    static func arguments(_ stack: Stack, remote: Remote, references: [String]) -> [String] {
        [remote.root, stack.context.name] + references
    }

    public static func read(_ stack: Stack, remote: Remote, references: [String], runner: any CommandRunner) async throws -> NoOpProbe {
        let result = try await runner.run(remote.script(script, arguments(stack, remote: remote, references: references)), timeout: 30)
        guard result.succeeded else {
            throw BerthError.failed("cannot read the running stack on \(remote.name): \(result.stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return NoOpProbe(result.stdout)
    }

    public init(newerEnvFiles: [String], images: [String: Image], facts: StackFacts, locked: Bool = false, live: ReleaseRecord? = nil) {
        self.newerEnvFiles = newerEnvFiles
        self.images = images
        self.facts = facts
        self.locked = locked
        self.live = live
    }

    public init(_ output: String) {
        var env: [String] = []
        var images: [String: Image] = [:]
        var rest: [Substring] = []
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "#locked" {
                locked = true
            } else if line.hasPrefix("#record=") {
                live = try? JSONDecoder().decode(ReleaseRecord.self, from: Data(line.dropFirst("#record=".count).utf8))
            } else if line.hasPrefix("#env=") {
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
