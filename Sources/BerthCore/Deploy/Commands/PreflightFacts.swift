/// What the preflight probe printed, parsed: tool versions, and per `.env` file the keys that hold a value.
struct PreflightFacts: Equatable {
    var tools: [String: String] = [:]
    var keys: [String: Set<String>] = [:]
    var missingFiles: Set<String> = []

    /// Reads the probe's `name=value` lines; values of `.env` keys never reach it, only their names.
    init(_ stdout: String) {
        var currentFile = ""
        for line in stdout.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            switch parts[0] {
            case "file":
                currentFile = parts[1]
                keys[currentFile, default: []] = []
            case "key": keys[currentFile, default: []].insert(parts[1])
            case "missing": missingFiles.insert(parts[1])
            default: tools[parts[0]] = parts[1]
            }
        }
    }
}
