import Foundation
import Testing

/// One bad input an admin could give, what berth must answer, and how to set it up in a copy of the example project.
struct BadInput: Sendable, CustomTestStringConvertible {
    var family: String
    var name: String
    var arguments: [String]
    /// 2 for usage and config errors, 1 for failed checks.
    var status: Int32
    /// Text the message must hold: the config path, `file:line` or the argument.
    var message: String
    var setup: @Sendable (String) throws -> Void = { _ in }

    var testDescription: String { "\(family): \(name)" }

    /// A value no output may ever show: it sits in the project's `.env` files and in bad values.
    static let marker = "BERTHMARKER7f3a"

    static let validate = ["validate", "--env", "local"]

    /// `berth.yaml` of the example with `old` replaced by `new`.
    static func config(_ name: String, _ old: String, _ new: String, _ message: String, arguments: [String] = validate, status: Int32 = 2) -> BadInput {
        BadInput(family: "berth.yaml", name: name, arguments: arguments, status: status, message: message) { project in
            let text = try String(contentsOfFile: project + "/berth.yaml", encoding: .utf8)
            precondition(text.contains(old), "the example no longer holds \(old)")
            try text.replacingOccurrences(of: old, with: new).write(toFile: project + "/berth.yaml", atomically: true, encoding: .utf8)
        }
    }

    /// A whole `berth.yaml`.
    static func configBytes(_ name: String, _ bytes: Data, _ message: String) -> BadInput {
        BadInput(family: "berth.yaml", name: name, arguments: validate, status: 2, message: message) { project in
            try bytes.write(to: URL(fileURLWithPath: project + "/berth.yaml"))
        }
    }

    /// A `berth.lock` beside the example's config.
    static func lock(_ name: String, _ text: String, _ message: String) -> BadInput {
        BadInput(family: "berth.lock", name: name, arguments: validate, status: 2, message: message) { project in
            try Data(text.utf8).write(to: URL(fileURLWithPath: project + "/berth.lock"))
        }
    }

    /// One module's `.env` in the rendered tree edited, then `env check`.
    static func env(_ name: String, _ module: String, _ edit: @escaping @Sendable (String) -> String, _ message: String) -> BadInput {
        BadInput(family: ".env", name: name, arguments: ["env", "check", "--dir", "deploy/local"], status: 1, message: message) { project in
            let path = "\(project)/deploy/local/\(module)/.env"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let edited = edit(text)
            precondition(edited != text, "\(name): the edit changed nothing")
            try Files.write(edited, to: path, mode: 0o600)
        }
    }

    /// A command line on the example project.
    static func cli(_ name: String, _ arguments: [String], _ message: String, status: Int32 = 2, setup: @escaping @Sendable (String) throws -> Void = { _ in }) -> BadInput {
        BadInput(family: "arguments", name: name, arguments: arguments, status: status, message: message, setup: setup)
    }

    /// `render --out OUT` after `setup` arranged the project.
    static func out(_ name: String, _ out: String, _ message: String, setup: @escaping @Sendable (String) throws -> Void = { _ in }) -> BadInput {
        BadInput(family: "render target", name: name, arguments: ["render", "--env", "local", "--out", out], status: 2, message: message, setup: setup)
    }
}

/// Small file helpers for the cases' set-ups.
enum Files {
    static func write(_ text: String, to path: String, mode: Int = 0o644) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    }

    static func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    static func link(_ path: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
    }

    static func replace(_ path: String, _ old: String, _ new: String) throws {
        let text = try read(path)
        precondition(text.contains(old), "\(path) no longer holds \(old)")
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: URL(fileURLWithPath: path))
    }
}
