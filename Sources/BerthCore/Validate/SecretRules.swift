/// `secrets:` entries must name a key some module of the environment declares.
enum SecretRules {
    static func problems(_ stack: Stack) -> [Diagnostic] {
        stack.config.secrets(for: stack.environment.name).compactMap { secret in
            let modules = stack.modules.filter { !$0.envSchema.isEmpty }
            guard let module = modules.first(where: { $0.id == secret.module }) else {
                return Diagnostic(
                    path: secret.path, "no module of environment \(stack.environment.name) named \(secret.module) has an .env (known: \(modules.map(\.id).joined(separator: ", ")))",
                    location: secret.location)
            }
            guard module.envSchema.contains(where: { $0.name == secret.key }) || stack.adminKeys.contains(secret.name) else {
                return Diagnostic(
                    path: secret.path, "\(secret.key) is not a key of \(module.id)'s env schema (known: \(module.envSchema.map(\.name).joined(separator: ", ")))", location: secret.location)
            }
            return nil
        }
    }
}
