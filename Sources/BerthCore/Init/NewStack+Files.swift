import Foundation
import ServicePlugin

extension NewStack {
    /// One file `berth init` writes, relative to the repository's folder.
    public struct File: Sendable, Equatable {
        public var path: String
        public var text: String
        public var mode: mode_t
        /// A file that may already be there (`.gitignore`): it is then left as it is, and a note names what it lacks.
        public var optional = false
    }

    /// Every file of a new repository in `folder`: the config, its lock and schema, `.gitignore`, and the
    /// workflow when a release is pinned.
    ///
    /// The config is read back as `berth validate` reads it, so answers that would not validate write nothing.
    public func files(in folder: String, schema: String, registry: PluginRegistry = .standard) throws -> (config: BerthConfig, files: [File]) {
        let configPath = (folder as NSString).appendingPathComponent("berth.yaml")
        var files = [
            File(path: "berth.yaml", text: config, mode: 0o644),
            File(path: VersionPins.fileName, text: VersionPins().text, mode: 0o644),
            File(path: ConfigSchema.fileName, text: schema, mode: 0o644),
            File(path: ".gitignore", text: Self.gitignore, mode: 0o644, optional: true),
        ]
        let parsed: BerthConfig
        do { parsed = try ConfigLoader(registry: registry).parse(config, file: configPath) } catch let error as DiagnosticsError {
            throw BerthError.usage(error.diagnostics.filter { $0.severity == .error }.map { "\(flag(for: $0.path)): \($0.message)" }.joined(separator: "\n"))
        }
        // The cross-module rules too, as `berth validate` checks them: init never writes a config that fails them.
        let problems = StackValidator.validate(try StackBuilder().build(parsed, environment: environment)).filter { $0.severity == .error }
        if !problems.isEmpty {
            throw BerthError.usage(problems.map { "\(flag(for: $0.path)): \($0.message)" }.joined(separator: "\n"))
        }
        if release != nil {
            let workflow = try GitHubWorkflow(parsed, environment: environment, root: folder)
            files.append(File(path: GitHubWorkflow.relativePath, text: workflow.text, mode: 0o644))
        }
        return (parsed, files)
    }

    /// The `berth init` option an answer came from, named in place of the config path it became.
    func flag(for path: String) -> String {
        let flags = [
            "name": "--name", "domain": "--domain", "acme_email": "--acme-email", "data_root": "--data-root", "scratch_root": "--scratch-root",
            "dumps_dir": "--dumps-dir", "environments": "--env", "environments.\(environment)": "--env",
            "environments.\(environment).target": "--target",
            "environments.\(environment).ssh.known_hosts": "--known-hosts", "environments.\(environment).ssh.identity_file": "--identity-file",
            "ci.berth.url": "--release-url", "ci.berth.sha256": "--release-sha256",
        ]
        return flags[path] ?? path
    }

    /// The lines of ``ignored`` an existing `.gitignore` lacks.
    public static func missingIgnores(in text: String) -> [String] {
        let present = Set(text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        return ignored.filter { !present.contains($0) }
    }
}
