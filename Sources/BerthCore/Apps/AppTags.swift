import ServicePlugin

/// `--tag app=tag` and the digests the tags resolve to: what CI deploys, exactly.
public enum AppTags {
    /// `website=sha-1a2b3c` pairs, checked against the config's apps; a bad one is a usage error.
    public static func parse(_ arguments: [String], apps: [AppSpec]) throws(BerthError) -> [String: String] {
        var tags: [String: String] = [:]
        for argument in arguments {
            let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw .usage("--tag \(argument): write APP=TAG, e.g. --tag website=sha-1a2b3c") }
            guard apps.contains(where: { $0.name == parts[0] }) else {
                throw .usage("--tag \(argument): no app named \(parts[0]) (apps: \(apps.map(\.name).joined(separator: ", ")))")
            }
            guard Validators.isImageTag(parts[1]) else { throw .usage("--tag \(argument): '\(Validators.quoted(parts[1]))' is not an image tag") }
            guard tags.updateValue(parts[1], forKey: parts[0]) == nil else { throw .usage("--tag names \(parts[0]) twice") }
        }
        return tags
    }

    /// The config with those tags as the apps' tags, in `apps:` and in every environment's own `apps:`.
    public static func applying(_ tags: [String: String], to config: BerthConfig) -> BerthConfig {
        var config = config
        config.apps = applying(tags, to: config.apps)
        for index in config.environments.indices {
            config.environments[index].apps = config.environments[index].apps.map { applying(tags, to: $0) }
        }
        return config
    }

    static func applying(_ tags: [String: String], to apps: [AppSpec]) -> [AppSpec] {
        apps.map { app in
            var app = app
            if let tag = tags[app.name] { app.tag = tag }
            return app
        }
    }

    /// The digest each app's image tag names now in its registry (through the environment's mirror), all at once.
    ///
    /// A tag the registry does not have fails the deploy before anything changed.
    public static func resolve(_ stack: Stack, client: RegistryClient) async throws -> [String: String] {
        let apps = stack.modules.filter { $0.definition is App }.compactMap { module in module.images["app"].map { (module.id, $0) } }
        return try await withThrowingTaskGroup(of: (String, String).self) { group in
            for (name, ref) in apps {
                var repository = RegistryRepository(ref)
                repository.plainHTTP = stack.environment.registryMirrorPlainHTTP && ref.registry == stack.environment.registryMirror
                group.addTask {
                    guard let digest = try await client.digest(repository, tag: ref.tag) else {
                        throw BerthError.failed("apps.\(name): \(ref) does not exist in its registry; push it first or name another --tag")
                    }
                    return (name, digest)
                }
            }
            var digests: [String: String] = [:]
            for try await (name, digest) in group { digests[name] = digest }
            return digests
        }
    }
}
