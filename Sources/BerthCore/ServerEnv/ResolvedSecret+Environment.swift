import ServicePlugin

extension Array where Element == ResolvedSecret {
    /// A container's or command's variables with each `.env` variable of `module` read from these values; the required
    /// ones no value gives, as `module.KEY`. An entry whose optional variable has no value is left out.
    func environment(_ entries: [EnvironmentEntry], module: String) -> (values: [(String, String)], missing: [String]) {
        let values = Dictionary(filter { $0.secret.module == module }.map { ($0.secret.key, $0.value) }, uniquingKeysWith: { $1 })
        var missing: [String] = []
        var environment: [(String, String)] = []
        for entry in entries {
            var value = ""
            var complete = true
            for part in entry.value.parts {
                switch part {
                case .text(let text): value += text
                case .variable(let name, let required):
                    if let found = values[name] {
                        value += found
                    } else {
                        complete = false
                        if required { missing.append("\(module).\(name)") }
                    }
                }
            }
            if complete { environment.append((entry.key, value)) }
        }
        return (environment, missing)
    }
}

/// Variables for a program's standard input, read there with `set -a; . /dev/stdin`: never in a command line.
enum EnvironmentInput {
    static func bytes(_ values: [(String, String)]) -> [UInt8] {
        Array(values.map { "\($0.0)=\(ShellQuote.quote($0.1))\n" }.joined().utf8)
    }

    /// The `sh -c` words that export standard input's variables, then run the words after them.
    static let wrapper: [ShellCommand.Argument] = ["/bin/sh", "-c", #"set -a; . /dev/stdin; set +a; exec "$@""#, "berth"]
}
