import Foundation

/// The faults the fault bed injects on the server's side: `dockerd` restarted, containers killed as a power cut
/// kills them, the registry stopped. Each acts on this machine's test bed and nothing else.
extension FaultBed {
    /// `dockerd` stopped as a shutdown stops it (SIGTERM: it stops every container), then started again as
    /// `scripts/testbed` starts it (its flags, its log, its pid file), and waited for.
    static func restartDockerd() throws {
        let stopped = try Run.shell(
            "pid=$(cat /var/run/docker.pid) && kill -TERM \"$pid\" && for i in $(seq 120); do [ -e /proc/$pid ] || exit 0; sleep 0.5; done; exit 1")
        guard stopped.status == 0 else { throw FaultBedError("dockerd did not stop within 60 s: \(stopped.output)") }
        try startDaemon(
            "dockerd $(cat /var/lib/berth-testbed/dockerd.flags 2>/dev/null)", log: "dockerd", pidFile: "dockerd.pid", ready: "docker info >/dev/null 2>&1")
    }

    /// Starts `command` detached, with its output in the test bed's log `log` and its pid where `scripts/testbed down`
    /// finds it, and waits up to 60 s for `ready` to succeed.
    static func startDaemon(_ command: String, log: String, pidFile: String, ready: String) throws {
        let started = try Run.shell(
            """
            logs=/var/log/berth-testbed; printf '\\n==== fault suite: %s (%s)\\n' "\(log)" "$(date -Is)" >>"$logs/\(log).log"
            setsid \(command) >>"$logs/\(log).log" 2>&1 </dev/null &
            echo $! > /var/lib/berth-testbed/run/\(pidFile)
            for i in $(seq 120); do \(ready) && exit 0; sleep 0.5; done; tail -5 "$logs/\(log).log"; exit 1
            """)
        guard started.status == 0 else { throw FaultBedError("\(log) did not start again: \(started.output)") }
    }

    /// What a power cut does to the stack's containers: every process of each killed at once (SIGKILL from the host,
    /// not `docker kill`, which Docker counts as a stop by hand); then `dockerd` restarts, as at boot.
    func reboot() throws {
        _ = try Run.shell(
            "docker ps -q --filter label=com.docker.compose.project=\(Self.name) | xargs -r docker inspect -f '{{.State.Pid}}' | xargs -r kill -KILL")
        try Self.restartDockerd()
    }

    static func stopRegistry() throws {
        _ = try Run.shell("pkill -TERM -f 'docker-registry serve' ; for i in $(seq 40); do pgrep -f 'docker-registry serve' >/dev/null || exit 0; sleep 0.25; done")
    }

    static func startRegistry() throws {
        try startDaemon(
            "docker-registry serve /var/lib/berth-testbed/registry.yml", log: "registry", pidFile: "registry.pid",
            ready: "curl -fsS -m 3 -o /dev/null http://\(Testbed.registry)/v2/")
    }

    /// The id of `service`'s newest container.
    func container(_ service: String) throws -> String {
        try Run.shell(
            "docker ps -q --latest --filter label=com.docker.compose.project=\(Self.name) --filter label=com.docker.compose.service=\(service)"
        ).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The kernel's OOM killer ends `container`'s app: its memory capped and the app made the OOM killer's first
    /// pick (`oom_score_adj` 1000, set from the host), then a second process in it asks for more than the cap.
    func outOfMemory(_ container: String) throws {
        _ = try Run.shell(
            "docker update --memory 24m --memory-swap 24m \(container) >/dev/null && echo 1000 > /proc/$(docker inspect -f '{{.State.Pid}}' \(container))/oom_score_adj")
        _ = try Run.shell("docker exec \(container) dd if=/dev/zero of=/dev/null bs=64M count=1 >/dev/null 2>&1; true")
    }

    /// Whether Docker recorded `container` as killed for memory.
    func wasOOMKilled(_ container: String) throws -> Bool {
        try Run.shell("docker inspect -f '{{.State.OOMKilled}}' \(container)").stdout.hasPrefix("true")
    }
}

extension FaultBed {
    /// Waits up to 60 s for `service`'s container to run (healthy, where it has a healthcheck).
    func waitHealthy(_ service: String) throws {
        let ready = try Run.shell(
            "for i in $(seq 120); do s=$(docker inspect -f '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}' \(Self.name)-\(service)-1 2>/dev/null); case \"$s\" in 'running healthy'|'running ') exit 0;; esac; sleep 0.5; done; echo \"$s\"; exit 1"
        )
        guard ready.status == 0 else { throw FaultBedError("\(service) is not back after 60 s: \(ready.output)") }
    }
}
