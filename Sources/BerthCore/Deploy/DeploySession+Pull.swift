import Foundation
import ServicePlugin

extension DeploySession {
    /// The images the deploy pulls: those of services that do not build their own.
    var pulledReferences: [String] {
        Array(Set(stack.modules.flatMap { $0.fragment.services.filter { $0.build == nil }.compactMap { $0.image?.description } })).sorted()
    }

    /// Prints each argument the engine has no image for.
    static let missingImagesScript = #"for ref; do docker image inspect --format '{{.Id}}' "$ref" >/dev/null 2>&1 || printf '%s\n' "$ref"; done"#
    /// Pulls `$1` quietly, then prints its size in bytes as the engine reports it.
    static let pullScript = #"docker pull -q "$1" >/dev/null && docker image inspect --format '{{.Size}}' "$1""#
    /// Pulls every argument side by side and fails when any pull fails.
    static let refreshScript = #"pids=; for ref; do docker pull -q "$ref" >/dev/null & pids="$pids $!"; done; status=0; for p in $pids; do wait "$p" || status=1; done; exit "$status""#

    /// Brings the server's images up to date before `up`, as `docker compose pull` does, all side by side.
    ///
    /// Images the server lacks are pulled one by one, saying which and, once there, how big. Tags it has are
    /// asked about again in one round trip, since a tag may have moved. A reference pinned by digest that the
    /// server has is skipped: a digest names one image for ever. Which are missing, preflight's probe already
    /// read (``serverImages``); without it, one round trip asks.
    func pullImages() async throws {
        let references = pulledReferences
        guard !references.isEmpty else { return }
        let missing: [String]
        if let serverImages {
            missing = references.filter { (serverImages[$0]?.id ?? "").isEmpty }
        } else {
            let probe = try await runner.run(remote.script(Self.missingImagesScript, references), timeout: 60)
            missing = probe.stdout.split(separator: "\n").map(String.init).filter(references.contains)
        }
        let refresh = references.filter { !missing.contains($0) && !$0.contains("@") }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for reference in missing {
                group.addTask { try await pull(reference) }
            }
            if !refresh.isEmpty {
                group.addTask {
                    _ = try await runner.check(remote.script(Self.refreshScript, refresh), timeout: 900, what: "docker pull \(refresh.joined(separator: " "))")
                }
            }
            try await group.waitForAll()
        }
    }

    /// Pulls one image the server lacks, with a progress line before and after.
    private func pull(_ reference: String) async throws {
        progress.note("update", "pulling \(reference)")
        let start = Date()
        let pulled = try await runner.check(remote.script(Self.pullScript, [reference]), timeout: 900, what: "docker pull \(reference)")
        let size = Int(pulled.stdout.trimmingCharacters(in: .whitespacesAndNewlines)).map { " (\(Self.megabytes($0)))" } ?? ""
        progress.note("update", "pulled \(reference)\(size) in \(String(format: "%.1f", Date().timeIntervalSince(start))) s")
    }

    /// `12.3 MB`, in the engine's decimal units.
    static func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }
}
