import ServicePlugin

extension Stack {
    /// The folders `berth remove --purge` deletes for `services` (every service when nil): their data and scratch
    /// mounts, the dumps folder of each database among them, and the backup's file manifest beside the dumps. Host
    /// mounts (the Docker socket, a backup repository, the folders a backup engine reads) are never among them.
    func purgeFolders(services: Set<String>? = nil) -> [String] {
        var folders: Set<String> = backupTool == nil ? [] : [FileManifest.path(context)]
        for module in modules {
            for service in module.fragment.services where services?.contains(service.name) ?? true {
                for mount in service.volumes where (mount.role == .data || mount.role == .scratch) && mount.source.hasPrefix("/") {
                    folders.insert(HostPath.normalised(mount.source))
                }
                if module.backup.dumps.contains(where: { $0.service == service.name }) {
                    folders.insert(DumpScript.directory(context, module: module.id))
                }
            }
        }
        return folders.sorted()
    }

    /// The roots the purged folders sit under; a parent left empty is deleted up to and including them.
    var purgeRoots: [String] {
        Array(Set([context.dataRoot, context.scratchRoot, context.dumpsDir].map(HostPath.normalised))).sorted()
    }
}
