import ServicePlugin

/// `data_root`, `scratch_root` and `dumps_dir` must be three separate folders, at the top level and in each environment.
enum RootRules {
    static func overlaps(dataRoot: String, scratchRoot: String, dumpsDir: String, fields: [String: ConfigNode], environments: [EnvironmentConfig], root: ConfigNode) -> [Diagnostic] {
        var found = check(data: dataRoot, scratch: scratchRoot, dumps: dumpsDir, prefix: "", location: { fields[$0]?.location ?? root.location })
        for environment in environments where environment.dataRoot != nil || environment.scratchRoot != nil || environment.dumpsDir != nil {
            found += check(
                data: environment.dataRoot ?? dataRoot, scratch: environment.scratchRoot ?? scratchRoot, dumps: environment.dumpsDir ?? dumpsDir,
                prefix: "environments.\(environment.name).", location: { _ in fields["environments"]?.location ?? root.location }
            ).filter { !found.contains($0) }
        }
        return found
    }

    static func check(data: String, scratch: String, dumps: String, prefix: String, location: (String) -> String) -> [Diagnostic] {
        var found: [Diagnostic] = []
        if HostPath.isUnder(scratch, data) || HostPath.isUnder(data, scratch) {
            let how = data == scratch ? "is the same folder as" : HostPath.isUnder(scratch, data) ? "is inside" : "holds"
            found.append(
                Diagnostic(
                    path: "\(prefix)scratch_root", "\(scratch) \(how) data_root \(data): scratch data must stay out of backups, and backed-up data out of scratch", location: location("scratch_root")))
        }
        if HostPath.isUnder(dumps, scratch) {
            found.append(Diagnostic(path: "\(prefix)dumps_dir", "\(dumps) is inside scratch_root \(scratch), which is never backed up", location: location("dumps_dir")))
        }
        return found
    }
}
