import ArgumentParser
import BerthCore

/// `--tag APP=TAG`: the tags CI deploys, each resolved to its digest before anything changes.
struct AppTagOptions: ParsableArguments {
    @Option(name: .customLong("tag"), help: ArgumentHelp("Deploy this tag of an app (repeatable), e.g. --tag website=sha-1a2b3c.", valueName: "app=tag"))
    var tags: [String] = []

    /// The environment's stack with the apps' tags applied, each app image pinned to the digest its tag names now,
    /// and the target's Docker socket where the environment leaves it to the target.
    func pinnedStack(_ global: GlobalOptions, environment: String?) async throws -> Stack {
        await TargetSocket.adapt(try await taggedStack(global, environment: environment), runner: global.runner())
    }

    func taggedStack(_ global: GlobalOptions, environment: String?) async throws -> Stack {
        var config = try global.load()
        let name = config.environmentName(environment)
        // A sharing environment runs its own list of apps (staging's tag overrides among them).
        let apps = try config.environment(name).apps ?? config.apps
        config = AppTags.applying(try AppTags.parse(tags, apps: apps), to: config)
        let stack = try StackBuilder().build(config, environment: name)
        guard !apps.isEmpty else { return stack }
        let client = RegistryClient(credentials: try RegistryCredentials.load())
        do {
            config.appDigests = try await AppTags.resolve(stack, client: client)
        } catch {
            try? await client.shutdown()
            // The deploy validates the pinned stack, once; a config that cannot even be resolved says what is wrong with it first.
            try StackValidator.validate(stack).throwIfErrors()
            throw error
        }
        try? await client.shutdown()
        return try StackBuilder().build(config, environment: name)
    }
}
