import ServicePlugin

/// The contents of `berth.yaml`, checked and with defaults filled in.
public struct BerthConfig: Sendable, Hashable {
    public var file: String
    public var name: String
    public var domain: String
    public var timezone: String
    public var acmeEmail: String
    public var dataRoot: String
    public var scratchRoot: String
    public var dumpsDir: String
    public var user: String
    /// Enabled modules in file order.
    public var services: [ServiceConfig]
    public var environments: [EnvironmentConfig]

    /// The environment with this name.
    public func environment(_ name: String) throws(BerthError) -> EnvironmentConfig {
        guard let env = environments.first(where: { $0.name == name }) else {
            let known = environments.map(\.name).joined(separator: ", ")
            throw .usage("\(file): environments.\(name): no such environment (known: \(known))")
        }
        return env
    }
}

/// One enabled module and its raw options.
public struct ServiceConfig: Sendable, Hashable {
    public var id: String
    public var options: [String: OptionValue]
    public var version: String?
}

/// One deploy target.
public struct EnvironmentConfig: Sendable, Hashable {
    public var name: String
    public var target: DeployTarget
    public var domain: String?
    public var dataRoot: String?
    public var scratchRoot: String?
    public var dumpsDir: String?
}

/// Where a deploy goes: a folder on this machine or a folder on an SSH host.
public enum DeployTarget: Sendable, Hashable, CustomStringConvertible {
    case file(path: String)
    case ssh(user: String?, host: String, port: Int?, path: String)

    /// The deploy folder on the machine that runs the stack.
    public var path: String {
        switch self {
        case .file(let path), .ssh(_, _, _, let path): path
        }
    }

    public var description: String {
        switch self {
        case .file(let path): "file:\(path)"
        case .ssh(let user, let host, let port, let path):
            "ssh://" + (user.map { "\($0)@" } ?? "") + host + (port.map { ":\($0)" } ?? "") + path
        }
    }
}
