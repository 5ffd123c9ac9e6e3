import Foundation
import ServicePlugin

/// `berth env check`: compares every `.env` with its `sample.env` and the rules the sample states.
///
/// Messages name `file:line` and never include a value.
public struct EnvChecker: Sendable {
    public var root: String

    public init(root: String) { self.root = root }

    public func check() throws -> [Diagnostic] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw BerthError.usage("\(root): no such directory (pass the deploy tree with --dir)")
        }
        var found: [Diagnostic] = []
        var shared: [String: [(path: String, entry: EnvFile.Entry)]] = [:]
        for folder in try folders() {
            let display = folder.isEmpty ? root : "\(root)/\(folder)"
            let (envFile, envProblem) = Self.load(display + "/.env")
            let (sample, sampleProblem) = Self.load(display + "/sample.env")
            found += [envProblem, sampleProblem].compactMap { $0 }
            if envProblem != nil || sampleProblem != nil { continue }
            found += try interpolationProblems(folder: display, sample: sample)
            switch (envFile, sample) {
            case (nil, nil): continue
            case (let env?, nil):
                found.append(Diagnostic(path: "", "no sample.env beside this .env", location: env.path + ":1"))
                found += shapeProblems(env)
                continue
            case (nil, let sample?):
                found.append(Diagnostic(path: "", "no .env beside this sample.env; run `berth env init`", location: sample.path + ":1"))
                found += shapeProblems(sample)
                continue
            case (let env?, let sample?):
                found += shapeProblems(sample) + shapeProblems(env) + modeProblems(env.path)
                let rules = SampleEnv.rules(sample)
                found += compare(env, sample, rules: rules)
                for entry in env.entries {
                    if let id = rules[entry.key]?.shared { shared[id, default: []].append((env.path, entry)) }
                }
            }
        }
        found += sharedProblems(shared)
        return found
    }

    /// The root and its direct subfolders, hidden ones skipped, sorted.
    func folders() throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: root).filter { name in
            var isDirectory: ObjCBool = false
            return !name.hasPrefix(".") && FileManager.default.fileExists(atPath: "\(root)/\(name)", isDirectory: &isDirectory) && isDirectory.boolValue
        }
        return [""] + names.sorted()
    }

    /// Reads one file; a file that cannot be read is a problem of its own, and the others are still checked.
    static func load(_ path: String) -> (EnvFile?, Diagnostic?) {
        do { return (try EnvFile.read(path), nil) } catch {
            return (nil, Diagnostic(path: "", "cannot be checked: \(String(describing: error).replacingOccurrences(of: path + ": ", with: ""))", location: path + ":1"))
        }
    }

    func shapeProblems(_ file: EnvFile) -> [Diagnostic] {
        var found = file.problems.map { Diagnostic(path: "", "malformed: \($0.reason)", location: "\(file.path):\($0.line)") }
        var first: [String: Int] = [:]
        for entry in file.entries {
            if let line = first[entry.key] {
                found.append(Diagnostic(path: "", "duplicate key \(entry.key) (first at line \(line))", location: "\(file.path):\(entry.line)"))
            } else {
                first[entry.key] = entry.line
            }
        }
        return found
    }

    func modeProblems(_ path: String) -> [Diagnostic] {
        if case .link(let target) = FileKind.of(path) {
            return [Diagnostic(path: "", "is a symbolic link to \(target); Berth reads and writes only real .env files (replace the link with the file, mode 0600)", location: "\(path):1")]
        }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue
        else { return [] }
        guard mode & 0o077 != 0 else { return [] }
        return [Diagnostic(path: "", "mode is \(String(mode, radix: 8)); .env files must be 0600 (chmod 600 \(path))", location: "\(path):1")]
    }

    func compare(_ env: EnvFile, _ sample: EnvFile, rules: [String: EnvKeyRule]) -> [Diagnostic] {
        var found: [Diagnostic] = []
        let envKeys = Set(env.keys)
        let sampleKeys = Set(sample.keys)
        for entry in sample.entries where !envKeys.contains(entry.key) {
            found.append(Diagnostic(path: "", "missing key \(entry.key), declared at sample.env:\(entry.line)", location: "\(env.path):1"))
        }
        var seen = Set<String>()
        for entry in env.entries where seen.insert(entry.key).inserted {
            guard sampleKeys.contains(entry.key) else {
                let what = entry.nameable ? "key \(entry.key) is" : "this line is not KEY=value (its text is not shown: it may be part of a secret pasted over several lines), and"
                found.append(Diagnostic(path: "", "\(what) not declared in sample.env", location: "\(env.path):\(entry.line)"))
                continue
            }
            let rule = rules[entry.key]
            if entry.inherited {
                found.append(Diagnostic(path: "", "\(entry.key) has no '=': compose would take its value from the environment of whoever runs it", location: "\(env.path):\(entry.line)"))
                continue
            }
            if entry.value.isEmpty {
                if rule?.required == true {
                    found.append(Diagnostic(path: "", "\(entry.key) is required but empty", location: "\(env.path):\(entry.line)"))
                }
                continue
            }
            if let rule, let problem = Self.kindProblem(entry.value, rule.kind) {
                found.append(Diagnostic(path: "", "\(entry.key) \(problem)", location: "\(env.path):\(entry.line)"))
            }
        }
        return found
    }

    /// Why a value does not fit its kind, in words that never repeat the value.
    static func kindProblem(_ value: String, _ kind: EnvKind) -> String? {
        switch kind {
        case .string: nil
        case .url: Validators.url(value) == nil ? nil : "must be a URL with a scheme and a host"
        case .email: Validators.email(value) == nil ? nil : "must be an e-mail address"
        case .port: Validators.port(value)
        case .bool: Validators.bool(value)
        case .duration: Validators.duration(value)
        case .enumeration(let values): values.contains(value) ? nil : "must be one of \(values.joined(separator: ", "))"
        }
    }

    func interpolationProblems(folder: String, sample: EnvFile?) throws -> [Diagnostic] {
        let composePath = folder + "/docker-compose.yaml"
        guard let data = FileManager.default.contents(atPath: composePath), let text = String(data: data, encoding: .utf8) else { return [] }
        let declared = Set(sample?.keys ?? [])
        var reported = Set<String>()
        return Interpolation.variables(in: text).compactMap { use in
            guard !declared.contains(use.name), reported.insert(use.name).inserted else { return nil }
            let hint = sample == nil ? "there is no sample.env in this folder" : "sample.env does not declare it"
            return Diagnostic(path: "", "${\(use.name)} is interpolated but \(hint)", location: "\(composePath):\(use.line)")
        }
    }

    func sharedProblems(_ shared: [String: [(path: String, entry: EnvFile.Entry)]]) -> [Diagnostic] {
        shared.keys.sorted().compactMap { id in
            let uses = shared[id]!
            guard let first = uses.first, uses.contains(where: { $0.entry.value != first.entry.value }) else { return nil }
            let places = uses.map { "\($0.path):\($0.entry.line) \($0.entry.key)" }.joined(separator: ", ")
            return Diagnostic(
                path: "", "these keys share one value (\(id)) but differ: \(places); run `berth env init` on an empty key or copy one over", location: "\(first.path):\(first.entry.line)")
        }
    }
}
