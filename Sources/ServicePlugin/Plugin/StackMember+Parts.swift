/// What the host takes from a member: its fragment, `.env` keys, checks and backup, its parts' merged in.
public struct AssembledMember: Sendable, Hashable {
    public var fragment: ComposeFragment
    public var envSchema: [EnvKey]
    public var healthChecks: [HealthCheck]
    public var backup: BackupSpec
}

extension StackMember {
    /// The member's own declarations with each of its ``parts`` merged in, as the host renders, checks and backs them up.
    ///
    /// A contribution the module already declares itself (a service, key or check of the same name, an equal dump,
    /// an exclusion of the same path) stays where the module put it: that is how a module orders one by hand.
    /// Otherwise a part's services go where name order puts them among the module's (`planka-postgres` after
    /// `planka`, `authentik-postgresql` before `authentik-server`), and its keys, checks, dumps and paths after the module's.
    public func assembled(in context: RenderContext) -> AssembledMember {
        var member = AssembledMember(
            fragment: compose(in: context), envSchema: envSchema(in: context), healthChecks: healthChecks(in: context), backup: backup(in: context))
        for part in parts {
            for service in part.services(in: context) where member.fragment[service: service.name] == nil {
                let index = member.fragment.services.firstIndex { $0.name > service.name } ?? member.fragment.services.endIndex
                member.fragment.services.insert(service, at: index)
            }
            member.fragment.files.append(missing: part.files(in: context), by: \.path)
            member.fragment.networks.append(missing: part.networks(in: context), by: \.self)
            member.envSchema.append(missing: part.envKeys(in: context), by: \.name)
            member.healthChecks.append(missing: part.healthChecks(in: context), by: \.name)
            let backup = part.backup(in: context)
            member.backup.dumps.append(missing: backup.dumps, by: \.self)
            member.backup.include.append(missing: backup.include, by: \.self)
            member.backup.exclude.append(missing: backup.exclude, by: \.path)
            member.backup.hooks += backup.hooks
            member.backup.copies.append(missing: backup.copies, by: \.live)
        }
        return member
    }
}

extension Array {
    fileprivate mutating func append<Key: Hashable>(missing items: [Element], by key: (Element) -> Key) {
        var seen = Set(map(key))
        for item in items where seen.insert(key(item)).inserted { append(item) }
    }
}
