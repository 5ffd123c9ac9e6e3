import ServicePlugin

/// Every persistent bind mount under `data_root` is backed up or deliberately excluded.
enum BackupCoverage {
    static func problems(_ stack: Stack) -> [Diagnostic] {
        stack.modules.flatMap { module -> [Diagnostic] in
            let covered = module.backup.include + module.backup.exclude.map(\.path)
            return module.fragment.services.flatMap { service in
                service.volumes.filter { $0.role == .data }.compactMap { mount -> Diagnostic? in
                    guard HostPath.isUnder(mount.source, stack.context.dataRoot) else {
                        return Diagnostic(path: stack.config.memberPath(module.id), "\(service.name) keeps persistent data at \(mount.source), outside data_root \(stack.context.dataRoot)")
                    }
                    guard !covered.contains(where: { HostPath.isUnder(mount.source, $0) }) else { return nil }
                    return Diagnostic(path: stack.config.memberPath(module.id), "\(service.name) mounts \(mount.source), which no backup path covers and none excludes")
                }
            }
        }
    }

    /// A consistent copy no snapshot holds cannot be put back: the restore would find nothing.
    static func copyProblems(_ stack: Stack) -> [Diagnostic] {
        stack.modules.flatMap { module in
            module.backup.copies.filter { copy in !module.backup.include.contains { HostPath.isUnder(copy.copy, $0) } }.map { copy in
                Diagnostic(path: stack.config.memberPath(module.id), "the consistent copy \(copy.copy) is outside every backup path of \(module.id)")
            }
        }
    }
}
