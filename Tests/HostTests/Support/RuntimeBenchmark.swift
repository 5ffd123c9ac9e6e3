import Foundation

/// The CIS Docker Benchmark 1.6.0's section 5 ("container runtime") as docker-bench-security runs it
/// (`-c container_runtime`, its `tests/5_container_runtime.sh` at commit ff26d67), reimplemented against
/// `docker inspect` and `docker port`: the script cannot be fetched on a machine without internet, and is not
/// copied here. Each check reads the same fields and judges them the same way; 5.1 (swarm mode, a daemon
/// setting), 5.23 and 5.24 (about `docker exec` use, never automated) and 5.28 (an INFO) are left out.
struct RuntimeBenchmark {
    /// One check's outcome: the containers it flags (empty: it passes).
    struct Check: CustomStringConvertible {
        let id: String
        let title: String
        /// docker-bench-security's level when it flags: WARN counts as failed; INFO does not.
        let warns: Bool
        let flagged: [String]

        var passed: Bool { flagged.isEmpty }
        var description: String { "\(id) \(passed ? "PASS" : warns ? "WARN" : "INFO") \(title)\(passed ? "" : ": " + flagged.joined(separator: ", "))" }
    }

    let checks: [Check]

    /// The WARN checks that flag something: docker-bench-security's failed checks.
    var failed: [Check] { checks.filter { $0.warns && !$0.passed } }

    subscript(id: String) -> Check? { checks.first { $0.id == id } }

    /// Runs the section on these containers (names or ids) of the engine `docker` reaches.
    static func run(_ containers: [String], docker: String = "docker") throws -> RuntimeBenchmark {
        let inspected = try Run.shell("\(docker) inspect \(containers.joined(separator: " "))")
        guard inspected.status == 0, let objects = try JSONSerialization.jsonObject(with: Data(inspected.stdout.utf8)) as? [[String: Any]] else {
            throw BenchmarkError("docker inspect failed: \(inspected.output)")
        }
        var ports: [String: [(ip: String, port: Int)]] = [:]
        for object in objects {
            let name = Self.name(object)
            // `docker port` prints `80/tcp -> 127.0.0.1:8080`; the script reads the address and the host port from it.
            let output = try Run.shell("\(docker) port \(name)").stdout
            ports[name] = output.split(separator: "\n").compactMap { line in
                guard let binding = line.components(separatedBy: " -> ").last, let colon = binding.lastIndex(of: ":"),
                    let port = Int(binding[binding.index(after: colon)...])
                else { return nil }
                return (String(binding[..<colon]), port)
            }
        }
        return RuntimeBenchmark(checks: Self.checks(objects, ports: ports))
    }

    static func name(_ object: [String: Any]) -> String {
        ((object["Name"] as? String) ?? "?").trimmingCharacters(in: CharacterSet(charactersIn: "/"))
    }

    static func checks(_ objects: [[String: Any]], ports: [String: [(ip: String, port: Int)]]) -> [Check] {
        func flag(_ id: String, _ title: String, warns: Bool = true, _ rule: (_ host: [String: Any], _ object: [String: Any], _ name: String) -> Bool) -> Check {
            let flagged = objects.filter { object in rule(object["HostConfig"] as? [String: Any] ?? [:], object, name(object)) }.map(name)
            return Check(id: id, title: title, warns: warns, flagged: flagged.sorted())
        }
        let defaultCapabilities: Set<String> = [
            "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "NET_RAW", "SETFCAP", "SETGID", "SETPCAP", "SETUID",
            "SYS_CHROOT",
        ]
        let sensitive = ["/", "/boot", "/dev", "/etc", "/lib", "/proc", "/sys", "/usr"]
        let number = { (value: Any?) in (value as? NSNumber)?.int64Value ?? 0 }
        let strings = { (value: Any?) in value as? [String] ?? [] }
        return [
            flag("5.2", "AppArmor profile") { _, object, _ in ["", "unconfined"].contains(object["AppArmorProfile"] as? String ?? "") },
            flag("5.3", "SELinux security options") { host, _, _ in strings(host["SecurityOpt"]).isEmpty },
            flag("5.4", "capabilities restricted") { host, _, _ in
                strings(host["CapAdd"]).contains { !defaultCapabilities.contains($0.uppercased().replacingOccurrences(of: "CAP_", with: "")) }
            },
            flag("5.5", "privileged") { host, _, _ in host["Privileged"] as? Bool == true },
            flag("5.6", "sensitive host folders mounted read-write") { _, object, _ in
                (object["Mounts"] as? [[String: Any]] ?? []).contains { mount in
                    sensitive.contains(mount["Source"] as? String ?? "") && mount["RW"] as? Bool == true
                }
            },
            flag("5.8", "privileged ports mapped") { _, _, name in ports[name, default: []].contains { $0.port < 1025 } },
            flag("5.9", "only needed ports open") { _, _, name in !ports[name, default: []].isEmpty },
            flag("5.10", "host network namespace") { host, _, _ in host["NetworkMode"] as? String == "host" },
            flag("5.11", "memory limit") { host, _, _ in number(host["Memory"]) == 0 },
            flag("5.12", "CPU priority") { host, _, _ in number(host["CpuShares"]) == 0 && number(host["NanoCpus"]) == 0 },
            flag("5.13", "read-only root filesystem") { host, _, _ in host["ReadonlyRootfs"] as? Bool != true },
            flag("5.14", "ports bound to one interface") { _, _, name in ports[name, default: []].contains { $0.ip == "0.0.0.0" } },
            flag("5.15", "on-failure restart at most 5") { host, _, _ in number((host["RestartPolicy"] as? [String: Any])?["MaximumRetryCount"]) > 5 },
            flag("5.16", "host PID namespace") { host, _, _ in host["PidMode"] as? String == "host" },
            flag("5.17", "host IPC namespace") { host, _, _ in host["IpcMode"] as? String == "host" },
            flag("5.18", "host devices", warns: false) { host, _, _ in !(host["Devices"] as? [Any] ?? []).isEmpty },
            flag("5.19", "default ulimit overridden", warns: false) { host, _, _ in (host["Ulimits"] as? [Any] ?? []).isEmpty },
            flag("5.20", "shared mount propagation") { _, object, _ in
                (object["Mounts"] as? [[String: Any]] ?? []).contains { ($0["Propagation"] as? String ?? "").contains("shared") }
            },
            flag("5.21", "host UTS namespace") { host, _, _ in host["UTSMode"] as? String == "host" },
            flag("5.22", "seccomp not disabled") { host, _, _ in strings(host["SecurityOpt"]).contains { $0.contains("seccomp:unconfined") || $0.contains("seccomp=unconfined") } },
            flag("5.25", "cgroup parent") { host, _, _ in !(host["CgroupParent"] as? String ?? "").isEmpty },
            flag("5.26", "no-new-privileges") { host, _, _ in !strings(host["SecurityOpt"]).contains { $0.contains("no-new-privileges") } },
            flag("5.27", "healthcheck") { _, object, _ in (object["State"] as? [String: Any])?["Health"] == nil },
            flag("5.29", "PIDs limit") { host, _, _ in number(host["PidsLimit"]) <= 0 },
            flag("5.31", "host user namespace") { host, _, _ in (host["UsernsMode"] as? String ?? "").lowercased().contains("host") },
            flag("5.32", "Docker socket mounted") { _, object, _ in
                (object["Mounts"] as? [[String: Any]] ?? []).contains { ($0["Source"] as? String ?? "").contains("docker.sock") || ($0["Destination"] as? String ?? "").contains("docker.sock") }
            },
        ]
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension RuntimeBenchmark {
    /// The section on every running container of compose project `project`.
    static func project(_ project: String) throws -> (RuntimeBenchmark, [String]) {
        let names = try Run.shell("docker ps --format '{{.Names}}' --filter label=com.docker.compose.project=\(project)").stdout.split(separator: "\n").map(String.init).sorted()
        return (try run(names), names)
    }

    /// What Berth's defaults leave failed, as the README's "Hardening" names it: 5.2 (this kernel has no AppArmor),
    /// 5.9 for the proxy's own published ports, 5.32 for the socket proxies, the only containers that mount the socket.
    /// 5.8 passes because the test's proxy listens on high ports; the README says why a server's 80 and 443 flag it.
    func unexpectedFailures(proxy: String, socketProxies: [String]) -> [String] {
        failed.compactMap { check in
            switch check.id {
            case "5.2": nil
            case "5.9" where check.flagged == [proxy]: nil
            case "5.32" where check.flagged == socketProxies.sorted(): nil
            default: check.description
            }
        }
    }
}
