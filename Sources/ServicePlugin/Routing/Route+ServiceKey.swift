extension Route.Target {
    /// The service's own port.
    public static func service(_ key: ServiceKey) -> Route.Target {
        .service(key.name, port: key.requiredPort)
    }
}
