import ServicePlugin

extension ServerEnv {
    /// `berth env init --env NAME`: creates missing `.env` files and keys on the server, with the server's generator.
    ///
    /// Decided by the same code as a local `env init` (line for line with each `sample.env`, shared
    /// values generated once, set values never changed), on the files' masked texts.
    public func initialize() async throws -> [EnvInitializer.Change] {
        let tag = Self.newTag()
        let own = Self.paths(stack)
        let others = peers.flatMap(Self.paths)
        let files = try await read(own.map(\.path) + others.map(\.path), tag: tag)
        guard files.count == own.count + others.count else { throw BerthError.failed("\(remote.name): unexpected answer while reading the .env files") }
        var existing: [String: (EnvFile, String)?] = [:]
        for ((module, path), file) in zip(own, files) { existing[module.id] = file.masked.map { (EnvFile(path: path, text: $0), $0) } }
        let peerValues = zip(others, files.dropFirst(own.count)).compactMap { entry, file in
            file.masked.map { (entry.module, EnvFile(path: entry.path, text: $0).values) }
        }
        var generators: [(token: String, generator: SecretGenerator)] = []
        let outcome = EnvInitializer(stack: stack, root: remote.root).plan(existing: existing, peerValues: peerValues) { generator in
            let token = "@@\(tag)-g\(generators.count)@@"
            generators.append((token, generator))
            return token
        }
        try await runner.check(Self.writeCommand(remote: remote, tag: tag, read: files, generators: generators, outcome: outcome), what: "env init on \(remote.name)")
        return outcome.changes
    }

    /// The one write, as a value: every file's checksum as read, the secrets to make, and the new texts.
    static func writeCommand(remote: Remote, tag: String, read: [File], generators: [(token: String, generator: SecretGenerator)], outcome: EnvInitializer.Outcome) -> ShellCommand {
        var arguments = [tag, String(read.count)] + read.flatMap { [$0.path, $0.checksum] }
        arguments += [String(generators.count)] + generators.flatMap { [$0.token, String($0.generator.length), $0.generator.alphabet.trSet] }
        arguments += [String(outcome.unchanged.count)] + outcome.unchanged
        arguments += outcome.writes.flatMap { [$0.path, $0.text] }
        return remote.script(ServerEnvScript.write, arguments)
    }
}

extension SecretGenerator.Alphabet {
    /// The same characters, as `tr -dc` takes them.
    var trSet: String {
        switch self {
        case .alphanumeric: "A-Za-z0-9"
        case .hex: "0-9a-f"
        case .urlSafe: "A-Za-z0-9_-"
        }
    }
}
