import Foundation

/// Where the fault-injection suite stops Berth to inject a fault at a known moment: a step's start, or a command in flight.
///
/// With `BERTH_PAUSE_AT=NAME` and `BERTH_PAUSE_FILE=PATH` in its environment, Berth reaching point NAME writes
/// `PATH.reached` (its pid), then waits until `PATH.go` exists, or 300 s have passed. The test injects its fault in
/// between: kills Berth, cuts its SSH connection, restarts `dockerd`, fills a disk. Points are `step:NAME` (a step's
/// start, as its progress line names it: `step:update`, `step:dump planka/planka`) and `run:TEXT` (a command whose
/// shown form contains TEXT, once it runs). Without the two variables, as anywhere but the test bed, nothing happens.
public struct FaultPoint: Sendable, Equatable {
    public let name: String
    public let file: String

    /// The point the environment names, if any.
    public static let configured: FaultPoint? = {
        let environment = ProcessInfo.processInfo.environment
        guard let name = environment["BERTH_PAUSE_AT"], !name.isEmpty, let file = environment["BERTH_PAUSE_FILE"], !file.isEmpty else { return nil }
        return FaultPoint(name: name, file: file)
    }()

    /// Pauses when the environment names step point `step`.
    public static func reach(_ step: String) {
        if let point = configured, point.matches(step: step) { point.pause() }
    }

    /// Whether `point` is this one.
    public func matches(step: String) -> Bool { name == "step:" + step }

    /// Whether a command shown as `display` is this `run:` point's.
    public func matches(command display: String) -> Bool {
        name.hasPrefix("run:") && display.contains(name.dropFirst(4))
    }

    /// Says the point is reached, then blocks until the test lets go (a test-only pause: nothing else runs meanwhile).
    public func pause() {
        FileManager.default.createFile(atPath: file + ".reached", contents: Data("\(getpid())\n".utf8))
        let deadline = Date().addingTimeInterval(300)
        while !FileManager.default.fileExists(atPath: file + ".go") && Date() < deadline {
            usleep(20_000)
        }
    }
}
