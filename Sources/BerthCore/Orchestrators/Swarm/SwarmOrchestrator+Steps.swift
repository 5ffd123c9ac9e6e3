import Foundation
import ServicePlugin

extension SwarmOrchestrator {
    /// Applies the config's node labels through the manager, then creates on each node the folders of the
    /// services that may run there (Swarm refuses a bind mount whose folder is missing on the node).
    func prepareNodes(_ deployer: DeploySession) async throws {
        let (runner, remote) = (deployer.runner, deployer.remote)
        let managed = Set(settings.nodes.flatMap(\.labels.keys)).sorted()
        if !managed.isEmpty {
            let wanted = settings.nodes.flatMap { node in [node.name, node.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")] }
            try await runner.check(remote.script(Self.labelScript, [managed.joined(separator: " ")] + wanted), timeout: 60, what: "labelling the Swarm nodes")
        }
        for (node, owners) in Self.folders(deployer.stack, settings) where !owners.isEmpty {
            let script = #"while [ "$#" -gt 1 ]; do [ -d "$1" ] || { mkdir -p "$1" && chown "$2" "$1"; } || exit 1; shift 2; done"#
            let arguments = owners.keys.sorted().flatMap { [$0, owners[$0]!] }
            try await runner.check(remote.node(node).script(script, arguments), timeout: 60, what: "creating data folders on \(node.name)")
        }
    }

    /// `$1`: the label keys Berth manages; then each node and its `key=value` labels. A managed key the config no
    /// longer gives a node is removed from it, so a moved `db` label never leaves two nodes admitting a database.
    /// Keys and values are letters, digits, `.`, `-` and `_` (config rules), so splitting on spaces is safe.
    static let labelScript = #"""
        managed=$1; shift
        while [ "$#" -gt 1 ]; do
          node=$1 want=$2; shift 2; args=
          for pair in $want; do args="$args --label-add $pair"; done
          for key in $(docker node inspect --format '{{range $k, $v := .Spec.Labels}}{{$k}} {{end}}' "$node") ; do
            case " $managed " in *" $key "*) case " $want " in *" $key="*) ;; *) args="$args --label-rm $key" ;; esac ;; esac
          done
          [ -z "$args" ] || docker node update $args "$node" >/dev/null || exit 1
        done
        """#

    /// Per node, the folders (with owners) of every service its constraints admit there, and the dumps folder where a database runs.
    static func folders(_ stack: Stack, _ settings: SwarmSettings) -> [(SwarmNode, [String: String])] {
        let placements = Dictionary(SwarmPlacement.all(stack, settings: settings).map { ($0.service, $0) }, uniquingKeysWith: { first, _ in first })
        let databases = Set(stack.modules.flatMap { $0.backup.dumps.map(\.service) })
        return settings.nodes.map { node in
            var owners: [String: String] = [:]
            for module in stack.modules {
                for service in module.fragment.services where placements[service.name]?.nodes(settings).contains(node) == true {
                    for mount in service.volumes where (mount.role == .data || mount.role == .scratch || mount.role == .host) && mount.source.hasPrefix("/") {
                        if mount.source.hasSuffix(".sock") { continue }
                        owners[mount.source] = mount.role == .host ? "0:0" : service.user ?? "0:0"
                    }
                    if databases.contains(service.name) { owners[stack.context.dumpsDir] = owners[stack.context.dumpsDir] ?? "0:0" }
                }
            }
            return (node, owners)
        }
    }

    /// Runs `deploy.sh` on the manager; returns the manager's clock just before, which the gate judges updates by.
    func deployStack(_ deployer: DeploySession) async throws -> Int {
        let script = #"cd "$1" || exit 3; date +%s; exec ./deploy.sh"#
        let (runner, remote) = (deployer.runner, deployer.remote)
        let result = try await runner.check(remote.script(script, [remote.root]), timeout: 900, what: "docker stack deploy")
        return Int(result.stdout.split(separator: "\n").first ?? "") ?? 0
    }

    /// Each image with the digest Swarm pinned it to (`--with-registry-auth` resolves tags at deploy).
    func pinnedDigests(_ deployer: DeploySession) async throws -> [Release.Image] {
        let (runner, remote, stack) = (deployer.runner, deployer.remote, deployer.stack)
        let script = #"docker service ls -q --filter "label=com.docker.stack.namespace=$1" | xargs -r docker service inspect --format '{{.Spec.TaskTemplate.ContainerSpec.Image}}'"#
        let result = try await runner.run(remote.script(script, [stack.context.name]), timeout: 60)
        let pinned = Set(result.stdout.split(separator: "\n").map(String.init))
        return deployer.imageReferences.map { reference in
            let repository = reference.split(separator: ":").dropLast().joined(separator: ":")
            let digest = pinned.first { $0.hasPrefix(reference + "@") }.map { repository + $0.dropFirst(reference.count) }
            return Release.Image(reference: reference, digest: digest)
        }
    }
}
