import Foundation
import ServicePlugin

/// The compose projects an engine runs, read before a first deploy: one there should be taken over with
/// `berth adopt`, never deployed beside (a second PostgreSQL on the live data).
public enum RunningProjects {
    /// One round trip: every compose project on the target's engine, with the folder it was started from.
    public static func command(remote: Remote) -> ShellCommand {
        remote.script(
            #"docker ps --format '{{.Label "com.docker.compose.project"}}|{{.Label "com.docker.compose.project.working_dir"}}' | sed '/^|/d' | sort -u"#, [])
    }

    /// Reads ``command(remote:)``'s answer: project name → the folders it runs from.
    public static func parse(_ output: String) -> [(name: String, folder: String)] {
        output.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = parts.first, !name.isEmpty else { return nil }
            return (String(name), parts.count > 1 ? String(parts[1]) : "")
        }
    }

    /// Looks at `environment`'s engine: the projects it runs, and what `berth init` says about them. A target it cannot
    /// reach (no host key yet, say) is a note, not an error: the repository is written either way.
    public static func look(on environment: EnvironmentConfig, runner: any CommandRunner) async -> (running: [String], notes: [String]) {
        let answer = try? await runner.run(command(remote: Remote(environment)), timeout: 30)
        guard let answer, answer.status == 0 else {
            let reason = answer?.stderr.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").last.map(String.init) ?? "no answer"
            return (
                [],
                [
                    "could not look for compose projects on \(environment.target) (\(reason)); before the first deploy, make sure none runs there that `berth adopt` should take over"
                ]
            )
        }
        let projects = parse(answer.stdout)
        return (projects.map(\.name), advice(projects, environment: environment.name, target: "\(environment.target)"))
    }

    /// What `berth init` says about them: which to adopt, and how.
    public static func advice(_ projects: [(name: String, folder: String)], environment: String, target: String) -> [String] {
        projects.map { project in
            let folder = project.folder.isEmpty ? "" : " (started in \(project.folder))"
            return "\(target) runs compose project \(project.name)\(folder): take it over with `berth adopt --env \(environment) --project \(project.name)` "
                + "before any deploy; a first deploy beside it would start a second copy of its services on the same data"
        }
    }
}
