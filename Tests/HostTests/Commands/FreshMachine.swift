import Foundation

/// A fresh Debian machine, faked in a temporary folder, for the set-up scripts (`scripts/example`, `scripts/setup`).
///
/// The folder holds a copy of the repository's real `scripts/example`, `scripts/setup` and `scripts/lib`, and a PATH of
/// three folders: stubs for what a fresh machine has but would be slow or must not run here (`swift`, `python3`,
/// `apt-get`), the programs `apt-get` has "installed" so far (none at first: no docker, curl, pass, chromium), and the
/// ordinary tools the scripts use (bash, sed, sleep…). Each stub appends its command line to `calls`; the slow ones (apt,
/// pip, the build's link step) say nothing for `slow` seconds. `swift build` prints swift-build's lines and leaves a
/// fake `berth` whose `render` names two images and whose `validate`, the first deploy step, ends the run with exit 3.
/// `scripts/testbed` is a stub too (the real one works on this machine's own test bed): it records its arguments.
struct FreshMachine {
    let root: String
    var calls: [String] { ((try? String(contentsOfFile: root + "/calls", encoding: .utf8)) ?? "").split(separator: "\n").map(String.init) }

    /// What the fake berth's render names (through the local environment's registry mirror), sorted as scripts/example sorts them.
    static let renderedImages = ["library/postgres:17-alpine", "library/traefik:v3.7.15"]

    /// The tools the scripts use from this machine: whatever else they call is missing, as on a fresh machine.
    static let tools = [
        "bash", "env", "dirname", "basename", "mktemp", "rm", "tail", "head", "mkdir", "nproc", "sed", "grep", "sort", "sleep", "cat", "chmod", "cp",
        "touch", "tr", "cut", "paste", "uniq", "ls", "id", "date", "wc",
    ]

    init(slow: Double) throws {
        root = Scratch.directory("freshMachine")
        let files = FileManager.default
        for folder in ["repo/scripts", "stubs", "installed", "bin", "tmp"] { try files.createDirectory(atPath: "\(root)/\(folder)", withIntermediateDirectories: true) }
        for script in ["example", "setup", "lib"] { try files.copyItem(atPath: "\(Run.packageRoot)/scripts/\(script)", toPath: "\(root)/repo/scripts/\(script)") }
        try files.copyItem(atPath: Run.packageRoot + "/berth.yaml", toPath: root + "/repo/berth.yaml")
        for tool in Self.tools {
            guard let path = ["/usr/bin/", "/bin/"].map({ $0 + tool }).first(where: files.isExecutableFile) else { continue }
            try files.createSymbolicLink(atPath: "\(root)/bin/\(tool)", withDestinationPath: path)
        }
        let record = "echo \"$(basename \"$0\") $*\" >>\"\(root)/calls\""
        let scripts: [String: String] = [
            "stubs/apt-get": """
            \(record)
            case " $* " in *" update "*) sleep \(slow) ;; esac
            case " $* " in *" install "*) sleep \(slow); for p in "$@"; do case "$p" in -*|install) ;; docker.io) cp "\(root)/program" "\(root)/installed/docker" ;;
              python3-pip) touch "\(root)/installed/pip" ;; *) cp "\(root)/program" "\(root)/installed/$p" ;; esac; done ;; esac
            """,
            "stubs/python3": """
            case "$*" in
              "-m pip --version") test -e "\(root)/installed/pip" ;;
              "-m pip install"*) \(record); sleep \(slow) ;;
              *) exit 1 ;;
            esac
            """,
            "stubs/swift": """
            \(record)
            echo "Building for production..."
            for i in 1 2 3 4 5 6 7 8 9 10 11 12; do echo "[$i/14] Compiling BerthCore File$i.swift"; sleep 0.05; done
            sleep \(slow)
            echo "[14/14] Linking berth"
            mkdir -p .build/release && cp "\(root)/berth" .build/release/berth
            echo "Build complete! (9.99s)"
            """,
            "program": """
            case "$(basename "$0") $*" in
              "docker compose version --short") echo 2.26.1 ;;
              "docker compose version") echo "Docker Compose version 2.26.1" ;;
            esac
            """,
            "berth": """
            \(record)
            case "$1" in
              render) mkdir -p "$4/traefik" "$4/planka"
                echo '    image: "127.0.0.1:5000/library/traefik:v3.7.15"' >"$4/traefik/docker-compose.yaml"
                echo '    image: "127.0.0.1:5000/library/postgres:17-alpine"' >"$4/planka/docker-compose.yaml" ;;
              validate) echo "fake berth: the fresh machine ends here"; exit 3 ;;
            esac
            """,
            "repo/scripts/testbed": "\(record)\necho \"testbed: (stand-in) $*\"",
        ]
        for (path, body) in scripts {
            try ("#!/bin/sh\n" + body + "\n").write(toFile: "\(root)/\(path)", atomically: true, encoding: .utf8)
            try files.setAttributes([.posixPermissions: 0o755], ofItemAtPath: "\(root)/\(path)")
        }
    }

    /// The environment of a run: only the fake PATH, and the ticker every `every` seconds.
    func environment(every: Int) -> [String: String] {
        ["PATH": "\(root)/stubs:\(root)/installed:\(root)/bin", "HOME": root, "TMPDIR": root + "/tmp", "LANG": "C.UTF-8", "BERTH_PROGRESS_EVERY": String(every)]
    }

    /// The `install` command lines of apt-get and pip, for what a run installed.
    var installs: [String] { calls.filter { $0.hasPrefix("apt-get") && $0.contains(" install ") || $0.hasPrefix("python3 -m pip install") } }
}
