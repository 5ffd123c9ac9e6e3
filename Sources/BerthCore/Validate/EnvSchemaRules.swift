import ServicePlugin

/// Rules over each module's env schema: every interpolated variable declared, generators sane.
enum EnvSchemaRules {
    static func problems(_ stack: Stack) -> [Diagnostic] {
        stack.modules.flatMap { module -> [Diagnostic] in
            let path = stack.config.memberPath(module.id)
            let declared = Set(module.envSchema.map(\.name))
            var found = Set(module.interpolatedVariables).subtracting(declared).sorted().map {
                Diagnostic(path: path, "the compose fragment interpolates ${\($0)}, which the module's env schema does not declare")
            }
            var seen = Set<String>()
            for key in module.envSchema {
                if !seen.insert(key.name).inserted { found.append(Diagnostic(path: path, "env key \(key.name) is declared twice")) }
                if !EnvFile.isValidKey(key.name) { found.append(Diagnostic(path: path, "env key '\(key.name)' is not a valid variable name")) }
                if let generator = key.generator, generator.length < 16 || generator.length > 256 {
                    found.append(Diagnostic(path: path, "env key \(key.name): generated length \(generator.length) is outside 16...256"))
                }
            }
            return found
        }
    }
}
