extension Remote {
    /// The same login on another machine of the cluster: the node's address, with the target's user, port and SSH settings.
    ///
    /// A `file:` target's manager is this machine, and so is a node whose address is the target's host.
    public func node(_ node: SwarmNode) -> Remote {
        guard case .ssh(let user, let host, let port, let path) = target, host != node.address else { return self }
        return Remote(target: .ssh(user: user, host: node.address, port: port, path: path), ssh: ssh, controlDirectory: controlDirectory)
    }
}
