import Foundation

/// Berth's mark on every command it starts (`BERTH_PARENT=<pid>` in the command's environment), so that the commands
/// a killed Berth left running can be found: an `ssh` whose `docker compose up` still runs on the server, an `rsync`.
///
/// A deploy lock whose owner died is stale only once none of these runs: releasing it sooner would let a second
/// deploy run beside the half-finished one.
public enum ChildMark {
    public static let variable = "BERTH_PARENT"

    /// This process's environment with the mark, for each child.
    static let environment: [String: String] = {
        var environment = ProcessInfo.processInfo.environment
        environment[variable] = String(getpid())
        return environment
    }()

    /// Whether no process on this machine has `pid` now: a lock's holder, or the writer of a staged file, is gone.
    public static func isGone(_ pid: Int32) -> Bool {
        pid > 0 && kill(pid, 0) != 0 && errno == ESRCH
    }

    /// A command Berth process `pid` started that still runs on this machine.
    public struct Survivor: Sendable, Equatable, CustomStringConvertible {
        public var pid: Int32
        /// The program's name only: its arguments may hold a secret.
        public var program: String
        public var description: String { "pid \(pid) (\(program))" }
    }

    /// The commands Berth process `pid` started that still run, read from `/proc` (none where there is no `/proc`).
    ///
    /// An SSH connection's shared master (titled `… [mux]`) is left out: it outlives every run by design, serves the
    /// next one, and runs nothing of its own.
    public static func survivors(of pid: Int32, proc: String = "/proc") -> [Survivor] {
        let mark = Data("\(variable)=\(pid)".utf8)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: proc)) ?? []
        return entries.compactMap { entry -> Survivor? in
            guard let child = Int32(entry), child != getpid(),
                let environ = FileManager.default.contents(atPath: "\(proc)/\(entry)/environ"),
                environ.split(separator: 0).contains(where: { $0 == mark }),
                let cmdline = FileManager.default.contents(atPath: "\(proc)/\(entry)/cmdline")
            else { return nil }
            let words = cmdline.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            guard let first = words.first, !(words.last ?? "").hasSuffix("[mux]") else { return nil }
            return Survivor(pid: child, program: String(first.split(separator: "/").last ?? Substring(first)))
        }.sorted { $0.pid < $1.pid }
    }
}
