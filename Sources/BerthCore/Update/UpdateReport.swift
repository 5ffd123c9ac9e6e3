/// What `berth update check` reports: every image with its newer versions, and how each registry answered.
public struct UpdateReport: Codable, Sendable, Equatable {
    /// One registry host and how its queries went.
    public struct Registry: Codable, Sendable, Equatable {
        public var host: String
        public var repositories: Int
        /// Requests sent, token requests and retries included.
        public var requests: Int
        /// The first error, when any query failed.
        public var error: String?
    }

    public var environment: String
    /// The deployed release whose digests were compared, if one was read.
    public var release: String?
    public var images: [ImageUpdate]
    public var registries: [Registry]
    /// Things that limited the check without failing it (the target could not be read, say).
    public var warnings: [String]
    /// Wall time of all registry queries together.
    public var seconds = 0.0

    /// Any registry failed.
    public var failed: Bool { registries.contains { $0.error != nil } }
    public var hasUpdates: Bool { images.contains { $0.hasUpdate } }

    /// 1 when a registry failed; with `detailed`, 3 when updates are available; else 0.
    public func exitStatus(detailed: Bool) -> ExitStatus {
        if failed { return .failure }
        return detailed && hasUpdates ? .changes : .success
    }

    /// The closing verdict: a check that reached no registry never calls the stack up to date.
    var summary: String {
        let answered = registries.filter { $0.error == nil }
        if !registries.isEmpty && answered.isEmpty { return "no registry answered (\(registries.count) failed): nothing was checked" }
        if hasUpdates { return "updates available: `berth update apply` pins patch and minor steps (--level major for the rest)" }
        return failed ? "no updates found in the registries that answered; \(registries.count - answered.count) failed" : "up to date"
    }

    /// The table, then the numbered notes it refers to, then registry errors and warnings.
    public var text: String {
        var notes: [String] = []
        let rows = images.map { image -> [String] in
            let cell = { (candidate: ImageUpdate.Candidate?) in
                candidate.map { $0.tag + ($0.supported ? ($0.migrations.isEmpty ? "" : " !") : " ✗") } ?? "-"
            }
            var refs: [String] = []
            for note in image.notes + (image.error.map { ["error: \($0)"] } ?? []) {
                notes.append("\(image.module)/\(image.image): \(note)")
                refs.append("\(notes.count)")
            }
            let current = image.current + (image.newBuild ? " (new build)" : "")
            return [
                image.module, image.services.joined(separator: ","), image.repository, current,
                cell(image.patch), cell(image.minor), cell(image.major), refs.joined(separator: ","),
            ]
        }
        var lines = [TextTable.render(["MODULE", "SERVICE", "IMAGE", "CURRENT", "PATCH", "MINOR", "MAJOR", "NOTES"], rows)]
        if !notes.isEmpty { lines.append("\n" + notes.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n")) }
        lines.append("\n" + summary)
        if images.contains(where: { [$0.patch, $0.minor, $0.major].contains { $0.map { !$0.supported || !$0.migrations.isEmpty } ?? false } }) {
            lines.append("! crosses a migration boundary (needs --level major, read the note); ✗ outside the module's supported range (never pinned)")
        }
        for registry in registries where registry.error != nil { lines.append("registry \(registry.error!)") }
        lines += warnings.map { "warning: \($0)" }
        return lines.joined(separator: "\n")
    }
}
