import ServicePlugin

extension Preflight {
    /// The line between preflight's answer and the no-op probe's in a combined round trip.
    static let probeMarker = "#probe"

    /// Preflight and the ``NoOpProbe`` in one `sh`, side by side, each in a subshell of its own on its own arguments;
    /// preflight's answer is printed first.
    ///
    /// A no-op deploy is mostly round trips (each costs an SSH session on the server), so the probe rides on
    /// preflight's; run side by side, the two cost what the slower one does.
    public static func command(_ stack: Stack, remote: Remote, probing references: [String]) -> ShellCommand {
        let own = arguments(stack, remote: remote)
        let call = (["preflight"] + own.indices.map { "\"${\($0 + 1)}\"" }).joined(separator: " ")
        let text = """
            preflight() (
            \(script)
            )
            probe() (
            \(NoOpProbe.script)
            )
            out=$(mktemp) || exit 1
            trap 'rm -f "$out"' EXIT
            \(call) > "$out" &
            shift \(own.count)
            answer=$(probe "$@")
            wait
            cat "$out"
            echo '\(probeMarker)'
            printf '%s\\n' "$answer"
            """
        return remote.script(text, own + NoOpProbe.arguments(stack, remote: remote, references: references))
    }

    /// Preflight's lines, and the probe's when the answer has them.
    static func split(_ stdout: String) -> (preflight: String, probe: String?) {
        guard let marker = stdout.range(of: "\n\(probeMarker)\n") else { return (stdout, nil) }
        return (String(stdout[..<marker.lowerBound]), String(stdout[marker.upperBound...]))
    }
}
