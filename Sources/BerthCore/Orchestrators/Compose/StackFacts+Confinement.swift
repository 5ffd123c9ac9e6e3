import Foundation
import ServicePlugin

extension StackFacts {
    /// How a container is confined, as `docker inspect` reports it (`HostConfig`).
    public struct Confinement: Sendable, Equatable {
        public var readOnlyRoot: Bool
        public var capDrop: [String]
        public var capAdd: [String]
        public var securityOpt: [String]
        /// Bytes; 0 for no limit.
        public var memory: Int64
        /// nil, 0 or -1 for no limit.
        public var pids: Int64?
        /// 0 when not set (Docker's default weight).
        public var cpuShares: Int64
        public var nanoCPUs: Int64

        init(_ host: [String: Any]) {
            readOnlyRoot = host["ReadonlyRootfs"] as? Bool ?? false
            capDrop = host["CapDrop"] as? [String] ?? []
            capAdd = host["CapAdd"] as? [String] ?? []
            securityOpt = host["SecurityOpt"] as? [String] ?? []
            memory = (host["Memory"] as? NSNumber)?.int64Value ?? 0
            pids = (host["PidsLimit"] as? NSNumber)?.int64Value
            cpuShares = (host["CpuShares"] as? NSNumber)?.int64Value ?? 0
            nanoCPUs = (host["NanoCpus"] as? NSNumber)?.int64Value ?? 0
        }

        /// What `declared` asks that this container lacks, in compose's words; empty when it is at least as confined.
        /// `limits` says which cgroup limits the engine applies at all: one without a controller discards them.
        public func shortfalls(against declared: ContainerHardening, limits: EngineLimits) -> [String] {
            var missing: [String] = []
            if declared.noNewPrivileges && !securityOpt.contains(where: { $0.hasPrefix("no-new-privileges") && !$0.hasSuffix("false") }) {
                missing.append("security_opt no-new-privileges")
            }
            if let allowed = declared.capabilities {
                if !capDrop.contains(where: { Self.capability($0) == "ALL" }) { missing.append("cap_drop ALL") }
                let extra = capAdd.map(Self.capability).filter { !allowed.map(Self.capability).contains($0) }
                if !extra.isEmpty { missing.append("cap_add only \(allowed.isEmpty ? "nothing" : allowed.joined(separator: ", ")) (has \(extra.joined(separator: ", ")))") }
            }
            if declared.readOnlyRoot && !readOnlyRoot { missing.append("read_only") }
            if limits.memory, let bytes = ByteCount.parse(declared.memory), memory == 0 || memory > bytes { missing.append("mem_limit \(declared.memory)") }
            if limits.pids, (pids ?? 0) <= 0 || (pids ?? 0) > Int64(declared.pids) { missing.append("pids_limit \(declared.pids)") }
            if limits.cpuShares, cpuShares == 0 && nanoCPUs == 0 { missing.append("cpu_shares \(declared.cpuShares)") }
            return missing
        }

        /// `CAP_NET_RAW` and `net_raw` alike, as Docker takes both.
        static func capability(_ name: String) -> String {
            let upper = name.uppercased()
            return upper.hasPrefix("CAP_") ? String(upper.dropFirst(4)) : upper
        }
    }

    /// Which cgroup limits the engine applies (`docker info`): a rootless engine on cgroup v1 has none and discards them.
    public struct EngineLimits: Sendable, Equatable {
        public var memory = true
        public var pids = true
        public var cpuShares = true

        public init(memory: Bool = true, pids: Bool = true, cpuShares: Bool = true) {
            self.memory = memory
            self.pids = pids
            self.cpuShares = cpuShares
        }

        /// `#limits=true true false`, as the facts script prints it; all true when absent.
        init(line: Substring?) {
            guard let words = line?.dropFirst("#limits=".count).split(separator: " "), words.count == 3 else { return }
            memory = words[0] == "true"
            pids = words[1] == "true"
            cpuShares = words[2] == "true"
        }
    }

    /// What `service`'s container lacks of `declared`; empty for none, or when Berth read no container.
    public func shortfalls(_ service: String, declared: ContainerHardening) -> [String] {
        containers[service]?.confinement?.shortfalls(against: declared, limits: limits) ?? []
    }
}
