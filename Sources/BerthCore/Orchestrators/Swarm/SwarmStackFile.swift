import ServicePlugin

/// Renders the whole stack as one `docker stack deploy` file, `stack.yaml`.
///
/// Swarm reads neither `include` nor a folder's `.env`: every module's services go into one file,
/// each `${VAR}` a module reads becomes `${BERTH_<MODULE>__VAR}`, which `deploy.sh` exports from that
/// module's `.env` on the manager, and rendered config files become Swarm configs named by their hash.
public enum SwarmStackFile {
    /// The stack file's name in the deploy folder.
    public static let fileName = "stack.yaml"

    /// The whole stack file for `stack`.
    public static func render(_ stack: Stack, settings: SwarmSettings) -> String {
        let placements = Dictionary(SwarmPlacement.all(stack, settings: settings).map { ($0.service, $0) }, uniquingKeysWith: { first, _ in first })
        var services: [(String, YAMLValue)] = []
        var configs: [(String, YAMLValue)] = []
        var networks: [(String, YAMLValue)] = [("default", .map([("driver", "overlay"), ("attachable", true)]))]
        let grace = stopGracePeriods(stack)
        for module in stack.modules {
            for service in module.fragment.services {
                let mounted = configFiles(service, module: module, stack: stack.context.name)
                configs += mounted.map { ($0.name, .map([("file", .string($0.file))])) }
                let placement = placements[service.name]!
                services.append(
                    (service.name, value(service, module: module.id, configs: mounted, placement: placement, settings: settings, stopGracePeriod: grace[service.name])))
            }
            networks += module.fragment.networks.map { ($0, .map([("driver", "overlay")])) }
        }
        // Docker's CLI before Compose v2's loader (20.10) refuses a stack file without a 3.x version.
        var document: [(String, YAMLValue)] = [("version", "3.8"), ("services", .map(services)), ("networks", .map(networks))]
        if !configs.isEmpty { document.append(("configs", .map(configs))) }
        return "# Rendered by Berth for environment \(stack.environment.name), a Swarm stack. Do not edit: change berth.yaml and render again.\n"
            + "# Deploy it with ./deploy.sh on a manager, which reads each module's .env there.\n"
            + YAMLEmitter.emit(.map(document))
    }

    /// The `stop_grace_period` of each service a polling proxy routes to (``SwarmPollingProxy``); none for a proxy that reads Swarm's DNS.
    static func stopGracePeriods(_ stack: Stack) -> [String: String] {
        guard let proxy = stack.modules.first(where: { $0.definition is any SwarmPollingProxy }),
            let period = (proxy.definition as? any SwarmPollingProxy)?.swarmStopGracePeriod(in: proxy.context)
        else { return [:] }
        let routed = stack.routes.compactMap { resolved -> String? in
            guard case .service(let service, _) = resolved.route.target else { return nil }
            return service
        }
        return Dictionary(routed.map { ($0, period) }, uniquingKeysWith: { first, _ in first })
    }

    /// The environment variable a module's `.env` key becomes: `BERTH_PLANKA__SECRET_KEY`.
    public static func variable(_ name: String, module: String) -> String {
        "BERTH_\(prefix(module))__\(name)"
    }

    static func prefix(_ module: String) -> String {
        String(module.uppercased().map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    /// One Interpolated string with its variables renamed for the module.
    static func rendered(_ text: Interpolated, module: String) -> String {
        text.parts.map { part in
            switch part {
            case .text(let text): ComposeText.escaped(text)
            case .variable(let name, true): "${\(variable(name, module: module)):?set \(name) in \(module)/.env}"
            case .variable(let name, false): "${\(variable(name, module: module))}"
            }
        }.joined()
    }

    /// A rendered file a service mounts, as a Swarm config: configs cannot change, so the name carries the content's hash.
    struct MountedConfig {
        let name: String
        let file: String
        let target: String
    }

    /// Swarm's longest name for a config, which it prefixes with `<stack>_`.
    static let configNameLimit = 64

    /// The module's rendered files under each `.config` mount (a file, or every file in a folder).
    ///
    /// A name is the module, the file's path and its hash; the path is shortened until `<stack>_<name>` fits Swarm's limit.
    static func configFiles(_ service: ComposeService, module: StackModule, stack: String) -> [MountedConfig] {
        service.volumes.filter { $0.role == .config }.flatMap { mount -> [MountedConfig] in
            let source = mount.source.hasPrefix("./") ? String(mount.source.dropFirst(2)) : mount.source
            return module.fragment.files.filter { $0.path == source || $0.path.hasPrefix(source + "/") }.map { file in
                let target = file.path == source ? mount.target : mount.target + file.path.dropFirst(source.count)
                let hash = SHA256.hex(file.contents).prefix(12)
                let room = max(0, configNameLimit - stack.count - 1 - module.id.count - hash.count - 2)
                let slug = String(file.path.map { $0.isLetter || $0.isNumber ? $0 : "-" }.prefix(room))
                return MountedConfig(name: "\(module.id)-\(slug)-\(hash)", file: "./\(module.id)/\(file.path)", target: target)
            }
        }
    }
}
