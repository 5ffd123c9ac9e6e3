import ServicePlugin

/// One step of `berth remove`, as a value: the command, the name its progress line shows, and where it runs.
///
/// Its script prints one line per thing it removed, `KIND NAME` (`container shop-web-1`, `folder /srv/data/shop`),
/// which ``Remover`` reads into the report; it prints nothing else on standard output.
public struct RemovalStep: Sendable {
    /// The progress line's name (`containers`, `stack`, `data on n2`).
    public var name: String
    public var command: ShellCommand
    /// Seconds it may take.
    public var timeout: Double
    /// What a failure says it was doing.
    public var what: String
    /// The Swarm node it runs on, which the report names beside what it removed there; nil on the target.
    public var node: String?

    public init(_ name: String, _ command: ShellCommand, timeout: Double, what: String, node: String? = nil) {
        self.name = name
        self.command = command
        self.timeout = timeout
        self.what = what
        self.node = node
    }
}
