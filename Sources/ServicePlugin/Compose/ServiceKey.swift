/// A compose service's name and the container port it serves on, declared once per module.
///
/// The fragment, the routes and the checks then name the service through it, never by a repeated literal:
///
/// ```swift
/// static let web = ServiceKey("dozzle", port: 8080)
/// ComposeService(name: Self.web.name, …)
/// Route(name: "dozzle", hosts: [host], target: .service(Self.web))
/// Self.web.httpCheck("healthcheck", path: "/healthcheck")
/// ```
public struct ServiceKey: Sendable, Hashable, CustomStringConvertible {
    /// The key under `services:` in the module's compose file.
    public var name: String
    /// The port the service listens on inside its container; nil for a service nothing reaches over the network.
    public var port: Int?

    public init(_ name: String, port: Int? = nil) {
        self.name = name
        self.port = port
    }

    public var description: String { name }

    /// The port, for uses that need one: declaring a key without a port and routing or probing it is a module bug.
    public var requiredPort: Int {
        guard let port else { preconditionFailure("service key '\(name)' has no port") }
        return port
    }

    /// Another service waiting for this one, in the condition given.
    public func dependency(_ condition: Dependency.Condition = .started, restart: Bool = false) -> Dependency {
        Dependency(name, condition, restart: restart)
    }

    /// `host:port` as other containers of the project reach it.
    public var address: String { "\(name):\(requiredPort)" }
}
