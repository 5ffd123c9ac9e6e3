import BerthAuthentik
import BerthCaddy
import BerthCore
import BerthTraefik
import Foundation
import PluginTesting
import ServicePlugin
import Testing

/// `PluginFixtures.richRoutes` behind one proxy, as its module renders them, started on loopback: whoami
/// stand-ins that echo what reaches them, and the authentik stand-in answering forward-auth from the
/// blueprint the Authentik module renders for the same routes.
struct ShapesStack {
    /// The proxy modules the route shapes run through, both as the real binaries.
    enum Proxy: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case caddy, traefik

        var testDescription: String { rawValue }

        func module(_ ports: ThroughProxy) -> any ReverseProxy {
            let options: [String: OptionValue] = ["http_port": .integer(ports.httpPort), "https_port": .integer(ports.httpsPort), "bind_address": .string("127.0.0.1")]
            switch self {
            case .caddy: return PluginFixtures.plugin(Caddy.self, options)
            case .traefik: return PluginFixtures.plugin(Traefik.self, options)
            }
        }

        /// The module's own image, from the test bed's registry.
        var image: (name: String, ref: ImageRef) {
            let spec = self == .caddy ? Caddy.images[0] : Traefik.images[0]
            return (spec.name, ImageRef(repository: Testbed.registry + "/library/" + spec.repository, tag: spec.defaultTag))
        }

        /// What a signed-in request to the proxy's own admin route (Traefik's dashboard) answers: a path and a string of its body.
        var adminAnswer: (path: String, contains: String)? {
            switch self {
            case .caddy: nil
            case .traefik: ("/api/version", "\"Version\":\"\(Traefik.images[0].defaultTag.dropFirst())\"")
            }
        }

        /// Trust in the proxy's certificates: Caddy's internal CA exports its root; Traefik's is the CA a deploy keeps for it.
        func trust(_ through: inout ThroughProxy, folder: String) {
            switch self {
            case .caddy: through.rootCertificate = folder + "/data/caddy/data/caddy/pki/authorities/local/root.crt"
            case .traefik: through.rootCertificate = folder + "/data/traefik/internal/" + InternalCertificate.rootFile
            }
        }
    }

    let proxy: Proxy
    let folder: String
    /// The compose project, the stack's name too: Traefik's docker provider admits this project only.
    let project: String
    let context: RenderContext
    let module: any ReverseProxy
    var through: ThroughProxy

    init(_ proxy: Proxy) throws {
        self.proxy = proxy
        folder = Scratch.directory("shapes-\(proxy)")
        project = "berthshapes\(proxy)"
        through = ThroughProxy(httpsPort: try LoopbackPort.free(), httpPort: try LoopbackPort.free())
        module = proxy.module(through)
        var stack = PluginFixtures.stack
        stack.name = project
        stack.dataRoot = folder + "/data"
        stack.scratchRoot = folder + "/scratch"
        stack.certificates = .internal
        let identity = PluginFixtures.plugin(Authentik.self).identityProvider(in: stack)
        // The fixture's protected routes go through Authentik's own forward-auth; the proxy's own (Traefik's dashboard) too.
        let fixture = PluginFixtures.richRoutes.map { ResolvedRoute(route: $0.route, module: $0.module, forwardAuth: $0.route.protected ? identity.forwardAuth : nil) }
        let own = module.routes(in: stack).map { ResolvedRoute(route: $0, module: proxy.rawValue, forwardAuth: identity.forwardAuth) }
        let socketProxy = ImageRef(repository: Testbed.registry + "/" + DockerSocketProxy.image.repository, tag: DockerSocketProxy.image.defaultTag)
        context = RenderContext(
            stack: stack, images: [proxy.image.name: proxy.image.ref, DockerSocketProxy.image.name: socketProxy], identity: identity, routes: fixture + own)
    }

    /// Writes the proxy's rendered folder, the apps carrying the proxy's labels and the blueprint; starts them all.
    func start() throws {
        let directory = folder + "/" + proxy.rawValue
        // As the host assembles it: Traefik's socket proxy comes with it.
        var fragment = module.assembled(in: context).fragment
        // What a deploy's prepare step does for a proxy without a CA of its own (Traefik): its certificate, from Berth's CA.
        if let wanted = module.internalCertificate(in: context) {
            try FileManager.default.createDirectory(atPath: wanted.directory, withIntermediateDirectories: true)
            for (name, text) in try InternalCA(files: [:]).issuing(for: wanted.hosts) {
                try text.write(toFile: wanted.directory + "/" + name, atomically: true, encoding: .utf8)
            }
        }
        for file in fragment.files {
            let path = directory + "/" + file.path
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try file.contents.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let blueprints = folder + "/authentik/blueprints"
        let authentik = PluginFixtures.plugin(Authentik.self).assembled(in: context).fragment
        for file in authentik.files where file.path.hasPrefix("blueprints/") {
            try FileManager.default.createDirectory(atPath: blueprints, withIntermediateDirectories: true)
            try file.contents.write(toFile: folder + "/authentik/" + file.path, atomically: true, encoding: .utf8)
        }
        let whoami = ImageRef(repository: Testbed.registry + "/traefik/whoami", tag: "v1.11.0")
        var apps = ComposeFragment(services: [
            ComposeService(name: "site", image: whoami, environment: [EnvironmentEntry("WHOAMI_PORT_NUMBER", "3000"), EnvironmentEntry("WHOAMI_NAME", "site")]),
            ComposeService(name: "backend", image: whoami, environment: [EnvironmentEntry("WHOAMI_PORT_NUMBER", "3000"), EnvironmentEntry("WHOAMI_NAME", "backend")]),
            ComposeService(name: "portal", image: whoami, environment: [EnvironmentEntry("WHOAMI_NAME", "portal")]),
            // The module mounts the blueprints on the worker, which applies them for the server; the stand-in's server reads them itself.
            ComposeService(
                name: "authentik-server", image: ImageRef(repository: Testbed.registry + "/goauthentik/server", tag: "2026.8.5"), command: ["server"],
                environment: [EnvironmentEntry("AUTHENTIK_SECRET_KEY", "shapes-secret")],
                volumes: [VolumeMount(blueprints, "/blueprints/berth", readOnly: true, role: .config)]),
        ])
        // Each route's labels go on the service that carries it, as a render puts them (the dashboard's on the proxy).
        for route in context.routes {
            let labels = module.proxyLabels(for: route, in: context)
            if let index = apps.services.firstIndex(where: { $0.name == route.route.carrier }) {
                apps.services[index].labels += labels
            } else if let index = fragment.services.firstIndex(where: { $0.name == route.route.carrier }) {
                fragment.services[index].labels += labels
            }
        }
        try ComposeRenderer.file(fragment, module: proxy.rawValue).write(toFile: directory + "/docker-compose.yaml", atomically: true, encoding: .utf8)
        try ComposeRenderer.file(apps, module: "apps").write(toFile: directory + "/apps.yaml", atomically: true, encoding: .utf8)
        let up = try compose("up -d --wait --wait-timeout 90")
        #expect(up.status == 0, "\(up.output)")
    }

    func compose(_ arguments: String) throws -> Run {
        try Run.shell("docker compose -p \(project) -f \(proxy)/docker-compose.yaml -f \(proxy)/apps.yaml \(arguments)", in: folder)
    }

    /// A session cookie, from the stand-in's documented sign-in URL.
    func signIn(as user: String) throws -> String {
        let run = try compose("exec -T authentik-server wget -S -O /dev/null 'http://127.0.0.1:9000/-/berth-testbed/sign-in?user=\(user)'")
        let line = run.output.split(separator: "\n").first { $0.contains("Set-Cookie:") } ?? ""
        return String(line.split(separator: ":", maxSplits: 1).last ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
    }

    func tearDown() {
        _ = try? compose("down -v --timeout 2")
    }
}
