import Foundation
import ServicePlugin

extension FullDrill {
    /// The stack as the drill runs it: its folders under `folder` (where the engine restores a host path P, at
    /// `folder` + P), the project `<name>-drill`, without the engine, the modules that act on other containers, or ports.
    static func scratchStack(_ stack: Stack, under folder: String, engine: String) throws -> Stack {
        var config = stack.config
        config.name = stack.config.name + "-drill"
        guard let index = config.environments.firstIndex(where: { $0.name == stack.environment.name }) else {
            throw BerthError.usage("no environment \(stack.environment.name)")
        }
        let context = stack.context
        let proxy = stack.proxyModule?.id
        var environment = config.environments[index]
        environment.dataRoot = folder + context.dataRoot
        environment.dumpsDir = folder + context.dumpsDir
        environment.scratchRoot = folder + "/drill-scratch"
        environment.target = environment.target.moved(to: folder + context.servicesDir)
        environment.services = stack.modules.filter { module in
            let socket = module.fragment.services.contains { $0.volumes.contains { $0.target == VolumeMount.defaultDockerSocket && $0.role == .host } }
            return module.id != engine && (!socket || module.id == proxy)
        }.map(\.id)
        config.environments[index] = environment
        return try StackBuilder().build(config, environment: environment.name).withoutPublishedPorts()
    }
}

extension DeployTarget {
    /// The same machine, another deploy folder.
    func moved(to path: String) -> DeployTarget {
        switch self {
        case .file: .file(path: path)
        case .ssh(let user, let host, let port, _): .ssh(user: user, host: host, port: port, path: path)
        }
    }
}

extension Stack {
    /// The same stack with no port published on the host: a drill beside production must not take its ports.
    func withoutPublishedPorts() -> Stack {
        let modules = self.modules.map { module in
            var fragment = module.fragment
            fragment.services = fragment.services.map { service in
                var service = service
                service.ports = []
                return service
            }
            return StackModule(
                definition: module.definition, images: module.images, context: module.context, fragment: fragment, envSchema: module.envSchema,
                healthChecks: module.healthChecks, backup: module.backup, routes: module.routes)
        }
        var copy = Stack(config: config, environment: environment, context: context, modules: modules, diagnostics: diagnostics)
        copy.sharedProxy = sharedProxy
        copy.registry = registry
        copy.engine = engine
        return copy
    }
}
