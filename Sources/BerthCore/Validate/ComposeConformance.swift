import Foundation
import ServicePlugin

/// The Compose-spec rules the rendered stack must meet, checked on the typed model.
///
/// These mirror the constraints of the Compose JSON schema that a typed model can still
/// break (names, references, ranges, formats); the tests also validate the rendered files
/// against the schema itself.
enum ComposeConformance {
    static let serviceName = "^[a-zA-Z0-9._-]+$"

    static func problems(_ stack: Stack) -> [Diagnostic] {
        let all = stack.modules.flatMap { module in module.fragment.services.map { (module.id, $0) } }
        let names = Set(all.map(\.1.name))
        var found: [Diagnostic] = []
        var seen: [String: String] = [:]
        for (module, service) in all {
            let path = stack.config.memberPath(module)
            func problem(_ message: String) { found.append(Diagnostic(path: path, "service \(service.name): \(message)")) }
            if let other = seen[service.name] { problem("the name is also used by module \(other)") }
            seen[service.name] = module
            if service.name.range(of: serviceName, options: .regularExpression) == nil { problem("the name must match \(serviceName)") }
            if service.image == nil && service.build == nil { problem("needs an image or a build") }
            for dependency in service.dependsOn where !names.contains(dependency.service) {
                problem("depends on '\(dependency.service)', which no enabled module defines")
            }
            for entry in service.environment where !EnvFile.isValidKey(entry.key) { problem("environment key '\(entry.key)' is not a valid name") }
            for port in service.ports where !(1...65535).contains(port.hostPort) || !(1...65535).contains(port.containerPort) {
                problem("port \(port.shortSyntax) is outside 1...65535")
            }
            for mount in service.volumes {
                if !mount.target.hasPrefix("/") { problem("volume target '\(mount.target)' must be absolute") }
                if !(mount.source.hasPrefix("/") || mount.source.hasPrefix("./")) { problem("volume source '\(mount.source)' must be absolute or start with ./") }
                if mount.source.contains(":") || mount.target.contains(":") { problem("volume '\(mount.shortSyntax)' holds a ':' inside a path") }
            }
            for label in service.labels where label.key.isEmpty || label.key.contains(where: { $0.isWhitespace || $0 == "=" }) {
                problem("label key '\(label.key)' is not valid")
            }
            if let user = service.user, Validators.userSpec(user) != nil { problem("user '\(user)' must be uid:gid") }
            if let check = service.healthcheck {
                for value in [check.interval, check.timeout, check.startPeriod] where Validators.duration(value) != nil {
                    problem("healthcheck duration '\(value)' is not a duration")
                }
                if check.retries < 0 { problem("healthcheck retries must not be negative") }
            }
            for file in service.envFiles where file.hasPrefix("/") { problem("env_file '\(file)' must be relative to the module folder") }
        }
        return found
    }
}
