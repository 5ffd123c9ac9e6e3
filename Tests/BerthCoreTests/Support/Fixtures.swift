import BerthCore
import Foundation

/// Configs and folders shared by the core tests.
enum Fixtures {
    /// The package root, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/reference/tangram-production` beside the project: tests that read it say so in an `.enabled(if:)`
    /// on `hasReference`; the facts the parity tests compare are in `TangramReference`.
    static let reference = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/reference/tangram-production").path

    /// Whether the reference folder is there (a checkout without `../shared` skips the tests that read it).
    static let hasReference = FileManager.default.fileExists(atPath: reference)

    /// The example config shipped at the repository root.
    static var exampleText: String { try! String(contentsOf: packageRoot.appendingPathComponent("berth.yaml"), encoding: .utf8) }

    static func config(_ text: String = exampleText, file: String = "/tmp/berth-tests/berth.yaml") throws -> BerthConfig {
        try ConfigLoader().parse(text, file: file)
    }

    static func stack(_ text: String = exampleText, environment: String = "production") throws -> Stack {
        try StackBuilder().build(try config(text), environment: environment)
    }

    /// The example config with its `services:` block replaced.
    static func withServices(_ services: String) -> String {
        """
        name: tangram
        domain: tangram-orchestre.fr
        timezone: Europe/Paris
        acme_email: admin@tangram-orchestre.fr
        services:
        \(services)
        environments:
          production: { target: "ssh://deploy@tangram-orchestre.fr/opt/services" }
        """
    }

    /// A fresh empty folder under the system temporary folder, removed when the test process exits.
    static func temporaryDirectory(_ name: String = #function) -> String {
        let path = NSTemporaryDirectory() + "berth-\(name.filter { $0.isLetter || $0.isNumber })-\(UUID().uuidString.prefix(8))"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        made.add(path)
        return path
    }

    /// The folders `temporaryDirectory` made; removed at exit rather than per test, so a failure's message can name them.
    private final class Made: @unchecked Sendable {
        let lock = NSLock()
        var paths: [String] = []
        init() { atexit { Fixtures.made.removeAll() } }
        func add(_ path: String) { lock.withLock { paths.append(path) } }
        func removeAll() {
            for path in lock.withLock({ paths }) { try? FileManager.default.removeItem(atPath: path) }
        }
    }
    private static let made = Made()

    static func write(_ text: String, to path: String, mode: Int = 0o644) {
        try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: mode])
    }

    static func read(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }
}
