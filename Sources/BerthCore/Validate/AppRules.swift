import ServicePlugin

/// Rules over `apps:` that need the whole stack: dependencies, and data that no backup engine takes.
enum AppRules {
    static func problems(_ stack: Stack) -> [Diagnostic] {
        let names = Set(stack.config.apps.map(\.name))
        let engine = stack.modules.contains { $0.plugin.provides.contains(.backupEngine) }
        return stack.config.apps.flatMap { app -> [Diagnostic] in
            var found: [Diagnostic] = []
            for dependency in app.dependsOn where dependency == app.name || !names.contains(dependency) {
                let problem = dependency == app.name ? "an app cannot depend on itself" : "'\(dependency)' is not an app (apps: \(names.sorted().joined(separator: ", ")))"
                found.append(Diagnostic(path: "apps.\(app.name).depends_on", problem))
            }
            let kept = app.volumes.filter { !$0.scratch }.map(\.name) + (app.database ? ["its database"] : [])
            if !engine && !kept.isEmpty {
                found.append(Diagnostic(path: "apps.\(app.name)", "keeps data (\(kept.joined(separator: ", "))) but no backup engine is enabled; enable kopia or restic, or mark caches scratch: true"))
            }
            return found
        }
    }
}
