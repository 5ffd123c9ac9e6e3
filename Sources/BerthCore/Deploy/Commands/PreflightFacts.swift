import ServicePlugin

/// What the preflight probe printed, parsed: tool versions, and per `.env` file the keys that hold a value.
public struct PreflightFacts: Equatable, Sendable {
    var tools: [String: String] = [:]
    var keys: [String: Set<String>] = [:]
    var missingFiles: Set<String> = []
    /// Networks that exist on the engine, of those asked about.
    var networks: Set<String> = []
    /// The owner uid of each folder asked about that exists.
    var owners: [String: Int] = [:]
    /// Every container on the engine, each with its labels, published ports and mounts.
    public var containers: [EngineContainer] = []
    /// The `PG_VERSION` of each database folder asked about that holds a cluster.
    var databaseVersions: [String: String] = [:]

    /// The engine's address as the deploy user's `docker` sees it (`DOCKER_HOST`, or the current context's).
    var dockerHost: String { tools["dockerhost"] ?? "" }
    /// The project a switch (`deploy --adopt`) cut short was taking over, as its marker on the target names it.
    var adopting: String? { tools["adopting"] }
    /// The engine's version, without the security options the probe prints after it.
    var dockerVersion: String { String((tools["docker"] ?? "").split(separator: "|", omittingEmptySubsequences: false).first ?? "") }
    /// `active/true` on a Swarm manager: the node's state and whether it can control the cluster.
    var swarmState: String {
        let parts = (tools["docker"] ?? "").split(separator: "|", omittingEmptySubsequences: false)
        return parts.count > 2 ? String(parts[2]) : ""
    }
    /// Whether the engine runs rootless (`docker info` lists `name=rootless` among its security options).
    var rootless: Bool { (tools["docker"] ?? "").contains("name=rootless") }

    /// Under rootless Docker, the engine's pid file beside its socket: `nsenter -U -t <pid>` enters the user
    /// namespace where a container's uid 1000 is uid 1000, so the deploy user can give folders to it.
    var userNamespacePidFile: String? {
        let host = tools["dockerhost"] ?? ""
        guard rootless, host.hasPrefix("unix://") else { return nil }
        return HostPath.normalised(String(host.dropFirst("unix://".count)) + "/..") + "/docker.pid"
    }

    public init() {}

    /// Reads the probe's `name=value` lines; values of `.env` keys never reach it, only their names.
    init(_ stdout: String) {
        var currentFile = ""
        for line in stdout.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            switch parts[0] {
            case "file":
                currentFile = parts[1]
                keys[currentFile, default: []] = []
            case "key": keys[currentFile, default: []].insert(parts[1])
            case "missing": missingFiles.insert(parts[1])
            case "network": networks.insert(parts[1])
            case "container": EngineContainer.parse(parts[1]).map { containers.append($0) }
            case "pgversion":
                let version = parts[1].split(separator: " ", maxSplits: 1).map(String.init)
                if version.count == 2 { databaseVersions[version[1]] = version[0] }
            case "owner":
                let owner = parts[1].split(separator: " ", maxSplits: 1).map(String.init)
                if owner.count == 2, let uid = Int(owner[0]) { owners[owner[1]] = uid }
            default: tools[parts[0]] = parts[1]
            }
        }
    }
}
