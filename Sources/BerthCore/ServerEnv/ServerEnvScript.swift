import Foundation

/// The shell scripts `ServerEnv` runs on the target, and the parser of what they print.
///
/// Values arrive only as positional arguments or on standard input, never inside the script text.
enum ServerEnvScript {
    /// Splits `pre`/`rest` at a statement's `=` (or `:`); shared by masking and unmasking, so both agree byte for byte.
    static let awkStatement = #"""
        function statement(line) {
          if (!match(line, /^[ \t]*(export[ \t]+)?[A-Za-z_][A-Za-z0-9_]*[ \t]*[=:]/)) return 0
          pre = substr(line, 1, RLENGTH); rest = substr(line, RLENGTH + 1); cr = ""
          if (rest ~ /\r$/) { cr = "\r"; rest = substr(rest, 1, length(rest) - 1) }
          v = rest; gsub(/^[ \t]+|[ \t]+$/, "", v)
          return v != "" && v != "\"\"" && v != "\047\047" && substr(v, 1, 1) != "#"
        }
        """#

    /// `$1` is the tag; every other argument a path. Prints `file <sum> <final-newline> <path>` and `|`-prefixed masked lines.
    static let read = """
        tag=$1; shift; i=0
        for f in "$@"; do
          i=$((i + 1))
          if [ -L "$f" ]; then printf 'link %s\\n' "$f"; continue; fi
          if [ -d "$f" ]; then printf 'folder %s\\n' "$f"; continue; fi
          if [ ! -e "$f" ]; then printf 'none %s\\n' "$f"; continue; fi
          if [ ! -r "$f" ]; then printf 'unreadable %s\\n' "$f"; continue; fi
          if [ -z "$(tail -c1 "$f")" ]; then nl=1; else nl=0; fi
          printf 'file %s %s %s\\n' "$(sha256sum < "$f" | cut -c1-64)" "$nl" "$f"
          awk -v tag="$tag" -v n="$i" '\(awkStatement)
          { line = $0; if (statement(line)) line = pre "@@" tag "-" n "-" NR "@@" cr; print "|" line }' "$f"
        done
        """

    /// Parses `read`'s answer into one ``ServerEnv/File`` per path, in order.
    static func parse(_ output: String, on server: String) throws -> [ServerEnv.File] {
        var files: [ServerEnv.File] = []
        var lines: [String] = []
        var finalNewline = true
        func close() {
            guard let last = files.indices.last, files[last].checksum != "-" else { return }
            files[last].masked = lines.isEmpty ? "" : lines.joined(separator: "\n") + (finalNewline ? "\n" : "")
            lines = []
        }
        for line in EnvLayout.lines(output) where !line.isEmpty {
            if line.hasPrefix("|") {
                lines.append(String(line.dropFirst()))
                continue
            }
            close()
            let parts = line.split(separator: " ", maxSplits: 3).map(String.init)
            switch parts.first {
            case "none" where parts.count == 2: files.append(.init(path: parts[1], checksum: "-", masked: nil))
            case "file" where parts.count == 4:
                files.append(.init(path: parts[3], checksum: parts[1], masked: ""))
                finalNewline = parts[2] == "1"
            case "link" where parts.count == 2: throw BerthError.usage("\(server):\(parts[1]): is a symbolic link; Berth never writes through one")
            case "folder" where parts.count == 2: throw BerthError.usage("\(server):\(parts[1]): is a folder, not a file")
            case "unreadable" where parts.count == 2: throw BerthError.failed("\(server):\(parts[1]): cannot read the file (permission denied)")
            default: throw BerthError.failed("\(server): unexpected answer while reading the .env files")
            }
        }
        close()
        return files
    }
}
