import Foundation
import ServicePlugin

extension Deployer {
    /// The images `docker compose pull` would fetch that a service does not build itself.
    var pulledReferences: [String] {
        Array(Set(stack.modules.flatMap { $0.fragment.services.filter { $0.build == nil }.compactMap { $0.image?.description } })).sorted()
    }

    /// Prints each argument the engine has no image for.
    static let missingImagesScript = #"for ref; do docker image inspect --format '{{.Id}}' "$ref" >/dev/null 2>&1 || printf '%s\n' "$ref"; done"#
    /// Pulls `$1` quietly, then prints its size in bytes as the engine reports it.
    static let pullScript = #"docker pull -q "$1" >/dev/null && docker image inspect --format '{{.Size}}' "$1""#

    /// Pulls the images the server does not have, side by side, saying which and, once there, how big;
    /// `docker compose pull` then only asks the registries whether a tag moved.
    ///
    /// Which are missing, preflight's probe already read (``serverImages``); without it, one round trip asks.
    func pullMissing() async throws {
        let references = pulledReferences
        guard !references.isEmpty else { return }
        let missing: [String]
        if let serverImages {
            missing = references.filter { (serverImages[$0]?.id ?? "").isEmpty }
        } else {
            let probe = try await runner.run(remote.script(Self.missingImagesScript, references), timeout: 60)
            missing = probe.stdout.split(separator: "\n").map(String.init).filter(references.contains)
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for reference in missing {
                group.addTask {
                    progress.note("update", "pulling \(reference)")
                    let start = Date()
                    let pulled = try await runner.check(remote.script(Self.pullScript, [reference]), timeout: 900, what: "docker pull \(reference)")
                    let size = Int(pulled.stdout.trimmingCharacters(in: .whitespacesAndNewlines)).map { " (\(Self.megabytes($0)))" } ?? ""
                    progress.note("update", "pulled \(reference)\(size) in \(String(format: "%.1f", Date().timeIntervalSince(start))) s")
                }
            }
            try await group.waitForAll()
        }
    }

    /// `12.3 MB`, in the engine's decimal units.
    static func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }
}
