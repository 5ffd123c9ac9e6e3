/// How a service's container is confined: the runtime checks of the CIS Docker Benchmark's section 5 that a
/// compose service can pass, as data.
///
/// Every ``ComposeService`` starts from ``standard``. A module that needs less confinement relaxes one part
/// with ``relaxing(_:because:)``, which records why: `berth modules` lists the reason, and `berth check`
/// compares the running container with what is left.
public struct ContainerHardening: Sendable, Hashable {
    /// `security_opt: [no-new-privileges:true]` (5.26): no setuid binary or file capability raises a process's rights.
    public var noNewPrivileges: Bool
    /// Capabilities added back after `cap_drop: [ALL]` (5.4); nil keeps the engine's default set.
    public var capabilities: [String]?
    /// `read_only: true` (5.13): the image's files cannot change; the container writes to volumes and ``tmpfs``.
    public var readOnlyRoot: Bool
    /// Folders mounted as `tmpfs` (in memory, mode 1777): what a read-only container still writes, such as `/tmp`.
    public var tmpfs: [String]
    /// compose's `mem_limit` (5.11), e.g. `256m`.
    public var memory: String
    /// compose's `pids_limit` (5.29): a fork bomb stops at this many processes.
    public var pids: Int
    /// compose's `cpu_shares` (5.12): the weight under contention; Docker's default is 1024.
    public var cpuShares: Int
    /// The parts relaxed from ``standard``, each with its reason.
    public private(set) var relaxations: [Relaxation]

    /// One relaxed part and why the module needs it.
    public struct Relaxation: Sendable, Hashable, Codable {
        public var part: Part
        public var reason: String
    }

    /// A part of the hardening a module can relax.
    public enum Part: String, Sendable, Hashable, Codable, CaseIterable {
        case noNewPrivileges = "no-new-privileges"
        case capabilities = "cap_drop"
        case readOnlyRoot = "read_only"
    }

    public init(
        noNewPrivileges: Bool = true, capabilities: [String]? = [], readOnlyRoot: Bool = true, tmpfs: [String] = ["/tmp"], memory: String = "256m",
        pids: Int = 256, cpuShares: Int = 512
    ) {
        self.noNewPrivileges = noNewPrivileges
        self.capabilities = capabilities
        self.readOnlyRoot = readOnlyRoot
        self.tmpfs = tmpfs
        self.memory = memory
        self.pids = pids
        self.cpuShares = cpuShares
        self.relaxations = []
    }

    /// Every part on: no new privileges, every capability dropped, a read-only root with `/tmp` in memory,
    /// 256 MiB, 256 processes, half Docker's default CPU weight.
    public static let standard = ContainerHardening()

    /// The same with `part` off, and `reason` recorded for `berth modules`.
    public func relaxing(_ part: Part, because reason: String) -> ContainerHardening {
        var copy = self
        switch part {
        case .noNewPrivileges: copy.noNewPrivileges = false
        case .capabilities: copy.capabilities = nil
        case .readOnlyRoot: copy.readOnlyRoot = false
        }
        copy.relaxations.append(Relaxation(part: part, reason: reason))
        return copy
    }

    /// The same with these limits: a module sizes its own container.
    public func sized(memory: String? = nil, pids: Int? = nil, cpuShares: Int? = nil) -> ContainerHardening {
        var copy = self
        if let memory { copy.memory = memory }
        if let pids { copy.pids = pids }
        if let cpuShares { copy.cpuShares = cpuShares }
        return copy
    }

    /// The same, writing also to these folders (in memory).
    public func writing(_ folders: String...) -> ContainerHardening {
        var copy = self
        copy.tmpfs += folders.filter { !copy.tmpfs.contains($0) }
        return copy
    }

    /// The same, with these capabilities added back after dropping all.
    public func adding(_ capabilities: String...) -> ContainerHardening {
        var copy = self
        copy.capabilities = (copy.capabilities ?? []) + capabilities
        return copy
    }
}
