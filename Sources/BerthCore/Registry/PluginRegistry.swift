import ServicePlugin

/// The modules Berth knows, in one explicit list (see `standard`).
public struct PluginRegistry: Sendable {
    public let plugins: [any ServicePlugin.Type]

    public init(_ plugins: [any ServicePlugin.Type]) { self.plugins = plugins }

    // `standard`, every module shipped with Berth, is generated from Package.swift's module list.

    public var ids: [String] { plugins.map { $0.id } }

    public func plugin(_ id: String) -> (any ServicePlugin.Type)? {
        plugins.first { $0.id == id }
    }
}
