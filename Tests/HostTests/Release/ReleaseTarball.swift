import Foundation
import Testing

/// The tarball `scripts/release --debug` made before the host tests (scripts/test's "release" part).
enum ReleaseTarball {
    static let version = ((try? String(contentsOfFile: Run.packageRoot + "/VERSION", encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    static var name: String { "berth-\(version)-linux-\(machine)" }
    static var path: String { Run.packageRoot + "/dist/\(name).tar.gz" }
    /// The SHA-256 its `.sha256` file names.
    static var sha256: String {
        ((try? String(contentsOfFile: path + ".sha256", encoding: .utf8)) ?? "").split(separator: " ").first.map(String.init) ?? ""
    }
    /// Where a workflow downloads it from: the runner's own disk, as `curl` reads a `file:///` URL.
    static var url: String { "file://" + path }

    static var machine: String {
        var info = utsname()
        uname(&info)
        return withUnsafeBytes(of: &info.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }

    /// Fails the test with the way to make it when the tarball is missing.
    static func required() -> Bool {
        let present = FileManager.default.fileExists(atPath: path) && FileManager.default.fileExists(atPath: path + ".sha256")
        #expect(present, "\(path): missing; scripts/test makes it with scripts/release --debug before the host tests")
        return present
    }
}
