import ServicePlugin

extension Adoption {
    /// One read-write bind mount of the running project, and what Berth's stack does with it.
    public struct KeptMount: Sendable, Equatable, Codable {
        /// What becomes of a folder.
        public enum Fate: String, Sendable, Codable {
            /// A Berth service mounts the same folder.
            case kept
            /// Berth mounts another folder at the same place: the data would move, and adoption refuses.
            case moves
            /// Berth mounts a scratch folder there (a cache it may rebuild): it starts empty, the old folder is left as it is.
            case cache
            /// No Berth service mounts anything there: the folder is left in place, untouched and no longer mounted.
            case unmounted
        }

        public var service: String
        public var folder: String
        public var target: String
        public var fate: Fate
        /// The Berth service that mounts it, or the folder Berth mounts instead.
        public var by: String?
    }

    /// Every read-write bind mount of a taken-over service and its fate in `stack` (the Docker socket and files
    /// under the old compose folder are left out: neither holds data).
    public func mounts(in stack: Stack) -> [KeptMount] {
        let folder = project.workingDirectory.map(HostPath.normalised)
        return modules.flatMap { module -> [KeptMount] in
            let ours = stack.module(module.id)?.fragment.services ?? []
            return module.services.flatMap { service in
                project.containers.filter { $0.service == service }.prefix(1).flatMap { container in
                    container.mounts.filter { mount in
                        mount.type == "bind" && mount.rw && !RunningProject.shared(mount.source) && !(folder.map { HostPath.isUnder(mount.source, $0) } ?? false)
                    }.map { Self.fate(of: $0, service: service, among: ours) }
                }
            }
        }
    }

    static func fate(of mount: EngineContainer.Mount, service: String, among ours: [ComposeService]) -> KeptMount {
        let same = { (other: VolumeMount) in HostPath.normalised(other.source) == HostPath.normalised(mount.source) }
        if let owner = ours.first(where: { $0.name == service && $0.volumes.contains(where: same) }) ?? ours.first(where: { $0.volumes.contains(where: same) }) {
            return KeptMount(service: service, folder: mount.source, target: mount.destination, fate: .kept, by: owner.name)
        }
        let counterpart = ours.first { $0.name == service } ?? ours.first { $0.volumes.contains { $0.target == mount.destination } }
        guard let instead = counterpart?.volumes.first(where: { $0.target == mount.destination }) else {
            return KeptMount(service: service, folder: mount.source, target: mount.destination, fate: .unmounted)
        }
        return KeptMount(service: service, folder: mount.source, target: mount.destination, fate: instead.role == .scratch ? .cache : .moves, by: instead.source)
    }

    /// A problem for each folder holding data that Berth would mount from another path: the admin's data must not move.
    public func folderProblems(in stack: Stack) -> [String] {
        mounts(in: stack).filter { $0.fate == .moves }.map { kept in
            "\(kept.service): its data folder \(kept.folder) would change path (Berth mounts \(kept.by ?? "?") at \(kept.target)); "
                + "set data_root (or scratch_root) so that Berth's folders are the running ones"
        }
    }
}
