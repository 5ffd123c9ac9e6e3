import ServicePlugin

extension Caddy {
    public func compose(in context: RenderContext) -> ComposeFragment {
        let service = ComposeService(
            name: Self.proxy.name,
            image: context.image(Self.caddy),
            command: ["caddy", "run", "--config", "/etc/caddy/Caddyfile", "--adapter", "caddyfile"],
            environment: [EnvironmentEntry("XDG_DATA_HOME", "/data"), EnvironmentEntry("XDG_CONFIG_HOME", "/config")],
            volumes: [
                VolumeMount("./Caddyfile", "/etc/caddy/Caddyfile", readOnly: true, role: .config),
                // Certificates, ACME account and the local CA: losing them means re-issuing everything.
                .data(context.dataPath(Self.id, "data"), "/data"),
                VolumeMount(context.scratchPath(Self.id, "config"), "/config", role: .scratch),
            ],
            ports: ProxyOptions.ports(options),
            healthcheck: ContainerHealthcheck(
                .exec(["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:\(Self.healthPort)/health"]), interval: "10s", timeout: "5s", retries: 3,
                startPeriod: "10s"),
            // It writes its certificates and state to /data and /config only, both mounted.
            hardening: .standard.sized(memory: "256m", pids: 256, cpuShares: 1024)
        )
        var fragment = ComposeFragment(services: [service], files: [ExtraFile(path: "Caddyfile", contents: caddyfile(context))])
        // A private ACME server's roots travel in the module folder; the Caddyfile's acme_ca_root names them.
        if context.certificates == .acme, let roots = context.acme?.roots {
            fragment.files.append(ExtraFile(path: ACMEServer.rootsFile, contents: roots))
            fragment.services[0].volumes.append(VolumeMount("./\(ACMEServer.rootsFile)", Self.acmeRootsPath, readOnly: true, role: .config))
        }
        if let live = liveNetwork(in: context) {
            fragment.services[0].networks = ["default", live]
            fragment.networks = [live]
        }
        return fragment
    }
}
