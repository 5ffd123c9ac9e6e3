import ServicePlugin

/// One image a module renders, with the services that run it and where its tag comes from.
public struct StackImage: Sendable {
    public var module: String
    public var spec: ImageSpec
    public var ref: ImageRef
    public var services: [String]
    public var source: TagSource
}

extension Stack {
    /// The images the given modules render, in module and spec order; an image no service runs
    /// (Redis for an Authentik that no longer needs it) is left out.
    public func renderedImages(_ modules: [StackModule]) -> [StackImage] {
        modules.flatMap { module in
            module.definition.images.enumerated().compactMap { index, spec -> StackImage? in
                guard let ref = module.images[spec.name] else { return nil }
                let services = module.fragment.services.filter { $0.image == ref }.map(\.name)
                guard !services.isEmpty else { return nil }
                let source = config.tagSource(module.id, image: index, spec: spec).source
                return StackImage(module: module.id, spec: spec, ref: ref, services: services, source: source)
            }
        }
    }
}
