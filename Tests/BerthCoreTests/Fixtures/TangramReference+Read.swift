import BerthCore

extension TangramReference {
    /// The facts of a production folder laid out as Tangram's, read the way `ReferenceParityTests` reads Berth's render.
    static func read(_ root: String) throws -> TangramReference {
        typealias Parity = ReferenceParityTests
        let compose = try Parity.facts(root)
        let website = try Parity.facts(root, folders: ["website"])
        return TangramReference(
            images: Dictionary(uniqueKeysWithValues: compose.services.map { ($0.key, Parity.repository($0.value)) }),
            ports: compose.services.compactMapValues { ($0["ports"] as? [String]).map(Set.init) },
            routerHosts: compose.routerHosts,
            protectedRouters: compose.protectedRouters,
            sampleEnvKeys: try Parity.moduleFolders.reduce(into: [:]) { keys, folder in
                keys[folder] = try EnvFile.read("\(root)/\(folder)/sample.env").map { Set($0.keys) }
            },
            watchtowerCommand: compose.services["watchtower"]?["command"] as? String,
            forwardAuthAddress: try Parity.forwardAuth(root)?["address"] as? String,
            websiteHosts: Set(website.routerHosts.values.flatMap { $0 }),
            websiteImages: website.services.values.compactMap { Parity.repository($0) }
        )
    }
}
