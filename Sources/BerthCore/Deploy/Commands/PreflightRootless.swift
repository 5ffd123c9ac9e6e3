import ServicePlugin

/// What preflight checks of the engine the stack runs on: the Docker socket modules mount and,
/// under rootless Docker, low ports and the host owner of data folders.
///
/// Where Berth cannot fix something itself (a `docker_socket:` the target does not listen on, a sysctl,
/// a folder an admin made), preflight names what to change.
enum PreflightRootless {
    /// Folders a container user owns (not root), by path, with that `uid` and `gid`: their host owner differs under rootless Docker.
    static func ownedFolders(_ stack: Stack) -> [(folder: String, uid: Int, gid: Int)] {
        stack.folderOwners.sorted { $0.key < $1.key }.compactMap { folder, owner in
            let ids = owner.split(separator: ":").compactMap { Int($0) }
            guard let uid = ids.first, uid != 0 else { return nil }
            return (folder, uid, ids.count > 1 ? ids[1] : uid)
        }
    }

    static func problems(_ facts: PreflightFacts, _ stack: Stack) -> [String] {
        guard !facts.dockerVersion.isEmpty else { return [] }
        var problems = socket(facts, stack)
        guard facts.rootless else { return problems }
        let low = stack.publishedPorts.filter { $0 < (Int(facts.tools["portstart"] ?? "") ?? 1024) }
        if !low.isEmpty {
            let lowest = low.min()!
            problems.append(
                "ports \(low.map(String.init).joined(separator: ", ")): rootless Docker publishes no port below net.ipv4.ip_unprivileged_port_start=\(facts.tools["portstart"] ?? "1024") here; "
                    + "run `sudo sysctl -w net.ipv4.ip_unprivileged_port_start=\(lowest)` and keep it in /etc/sysctl.d/")
        }
        problems += owners(facts, stack)
        return problems
    }

    /// The socket modules mount must be the one the deploy user's Docker listens on (`DOCKER_HOST`, or the context's).
    ///
    /// A deploy takes it from the target when the environment sets none (``TargetSocket``): this catches a
    /// `docker_socket:` that names another one, and a target that could not be asked.
    static func socket(_ facts: PreflightFacts, _ stack: Stack) -> [String] {
        let host = facts.tools["dockerhost"] ?? ""
        guard host.hasPrefix("unix://"), stack.mountsDockerSocket else { return [] }
        let path = String(host.dropFirst("unix://".count))
        guard path != stack.context.dockerSocket else { return [] }
        return [
            "docker socket: the deploy user's engine listens on \(path), but the stack mounts \(stack.context.dockerSocket); "
                + "set environments.\(stack.environment.name).docker_socket: \(path)"
        ]
    }

    /// Under rootless Docker a container's uid N is host uid `start + N - 1` (`/etc/subuid`): folders must be owned by that.
    static func owners(_ facts: PreflightFacts, _ stack: Stack) -> [String] {
        let folders = ownedFolders(stack)
        guard !folders.isEmpty else { return [] }
        let fields = (facts.tools["subuid"] ?? "").split(separator: ":")
        guard fields.count == 3, let start = Int(fields[1]) else {
            return ["rootless Docker: the deploy user has no line in /etc/subuid, so containers' users cannot be mapped; add one (see dockerd-rootless-setuptool.sh)"]
        }
        return folders.compactMap { folder, uid, gid in
            let hostUID = start + uid - 1, hostGID = start + gid - 1
            // A missing folder is created by the deploy, owned by the mapped uid; an existing one is the admin's.
            guard let found = facts.owners[folder], found != hostUID else { return nil }
            return "\(folder) is owned by uid \(found); under rootless Docker the container's uid \(uid) is host uid \(hostUID) (/etc/subuid: \(fields.joined(separator: ":"))): "
                + "run `sudo chown -R \(hostUID):\(hostGID) \(folder)`"
        }
    }
}
