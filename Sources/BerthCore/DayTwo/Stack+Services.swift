import ServicePlugin

extension Stack {
    /// The module that renders `service`, or nil when no module does.
    public func module(ofService service: String) -> StackModule? {
        modules.first { module in module.fragment.services.contains { $0.name == service } }
    }

    /// The compose services `names` stand for, in stack order: a module id means all of its services,
    /// a service name itself; no names means every service. An unknown name is a usage error naming the known ones.
    public func selectServices(_ names: [String]) throws -> [String] {
        let known = modules.map(\.id) + serviceNames
        if let unknown = names.first(where: { !known.contains($0) }) {
            throw BerthError.usage(
                "unknown module or service '\(unknown)' (modules: \(modules.map(\.id).joined(separator: ", ")); services: \(serviceNames.joined(separator: ", ")))")
        }
        guard !names.isEmpty else { return serviceNames }
        return modules.flatMap { module in
            module.fragment.services.map(\.name).filter { names.contains(module.id) || names.contains($0) }
        }
    }
}
