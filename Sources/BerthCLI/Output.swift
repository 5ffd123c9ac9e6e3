import ArgumentParser
import BerthCore
import Foundation

/// Writes to standard output and standard error.
enum Output {
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Pretty JSON with sorted keys, so scripts and tests can diff it.
    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        line(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// Prints backup steps as a table or JSON, and turns a failed step into exit 1.
    static func steps(_ steps: [BackupStep], json: Bool) throws {
        if json { try Output.json(steps) } else { line(steps.table) }
        try steps.exitStatus.exit()
    }
}
