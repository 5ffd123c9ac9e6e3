import ServicePlugin

/// Rules over `apps:` that need the whole stack: dependencies, and data that no backup engine takes.
enum AppRules {
    static func problems(_ stack: Stack) -> [Diagnostic] {
        let apps = stack.environment.apps ?? stack.config.apps
        let names = Set(apps.map(\.name))
        let engine = stack.modules.contains { $0.definition.provides.contains(.backupTool) }
        return apps.flatMap { app -> [Diagnostic] in
            let path = stack.config.memberPath(app.name, environment: stack.environment.name)
            var found: [Diagnostic] = []
            for dependency in app.dependsOn where dependency == app.name || !names.contains(dependency) {
                let problem = dependency == app.name ? "an app cannot depend on itself" : "'\(dependency)' is not an app (apps: \(names.sorted().joined(separator: ", ")))"
                found.append(Diagnostic(path: "\(path).depends_on", problem))
            }
            let kept = app.volumes.filter { !$0.scratch }.map(\.name) + (app.database ? ["its database"] : [])
            if !engine && !kept.isEmpty && stack.environment.shares != nil {
                // Staging's data is usually disposable: its nightly dumps are kept on the server, not snapshotted.
                found.append(
                    Diagnostic(
                        .warning, path: path,
                        "keeps data (\(kept.joined(separator: ", "))) that no snapshot takes: its nightly dumps stay in \(stack.context.dumpsDir); enable a backup engine under environments.\(stack.environment.name).services to snapshot them"
                    ))
            } else if !engine && !kept.isEmpty {
                found.append(Diagnostic(path: path, "keeps data (\(kept.joined(separator: ", "))) but no backup engine is enabled; enable kopia or restic, or mark caches scratch: true"))
            }
            return found
        }
    }
}
