import Foundation

extension DeployStamp {
    /// The prefix of every deploy's workspace in the temporary folder; the owner's pid follows it.
    static let workspacePrefix = "berth-deploy-"

    /// A new workspace path for the deploy of process `pid`: its pid in the name, so a later deploy knows its owner.
    static func workspace(pid: Int32, in folder: String = NSTemporaryDirectory()) -> String {
        (folder as NSString).appendingPathComponent("\(workspacePrefix)\(pid)-\(UUID().uuidString.prefix(8))")
    }

    /// Removes the workspaces of deploys whose process is gone (a deploy killed with SIGKILL cannot remove its own),
    /// and returns their paths. A workspace of a running deploy, or one without a pid in its name, is left alone.
    @discardableResult
    static func sweepWorkspaces(in folder: String = NSTemporaryDirectory()) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.compactMap { name -> String? in
            guard name.hasPrefix(workspacePrefix), let pid = Int32(name.dropFirst(workspacePrefix.count).prefix { $0 != "-" }), pid > 0,
                pid != getpid(), ChildMark.isGone(pid)
            else { return nil }
            let path = (folder as NSString).appendingPathComponent(name)
            return (try? FileManager.default.removeItem(atPath: path)) != nil ? path : nil
        }
    }
}
