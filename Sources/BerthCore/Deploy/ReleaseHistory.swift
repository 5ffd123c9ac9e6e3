import ServicePlugin

/// `berth releases`: what is recorded on the target, and which release is live.
public struct ReleaseHistory: Encodable, Sendable {
    public var current: String?
    public var releases: [Release]

    public static func read(_ stack: Stack, runner: any CommandRunner) async throws -> ReleaseHistory {
        let store = ReleaseStore(remote: Remote(stack.environment), runner: runner)
        return ReleaseHistory(current: try await store.current(), releases: try await store.list())
    }

    /// One line a release, newest last, the live one marked `*` and failed ones with their reason.
    public var lines: [String] {
        releases.flatMap { release in
            let mark = release.id == current ? "*" : " "
            let failed = release.failure.map { "  FAILED: \(Validators.quoted($0.split(separator: "\n").first.map(String.init) ?? "", limit: 120))" } ?? ""
            // The images pinned by digest (the apps'), which a rollback to this release brings back exactly.
            let pinned = release.images.filter { $0.reference.contains("@") }.map { "      \($0.reference)" }
            return ["\(mark) \(release.id)  \(release.time)  \(release.commit ?? "no commit")  by \(release.deployedBy)\(failed)"] + pinned
        }
    }
}
