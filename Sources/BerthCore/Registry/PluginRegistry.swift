import BerthAuthentik
import BerthKopia
import BerthPlanka
import BerthTraefik
import BerthWatchtower
import ServicePlugin

/// The modules Berth knows, in one explicit list.
public struct PluginRegistry: Sendable {
    public let plugins: [any ServicePlugin.Type]

    public init(_ plugins: [any ServicePlugin.Type]) { self.plugins = plugins }

    /// Every module shipped with Berth. Adding a module is a folder under `Modules/` and one line here.
    public static let standard = PluginRegistry([
        Traefik.self,
        Authentik.self,
        Planka.self,
        Kopia.self,
        Watchtower.self,
    ])

    public var ids: [String] { plugins.map { $0.id } }

    public func plugin(_ id: String) -> (any ServicePlugin.Type)? {
        plugins.first { $0.id == id }
    }
}
