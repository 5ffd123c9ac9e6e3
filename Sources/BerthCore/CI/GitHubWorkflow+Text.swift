import Foundation
import ServicePlugin

extension GitHubWorkflow {
    /// The whole workflow file, byte for byte what `berth ci github` writes.
    public var text: String {
        var lines = [
            Self.marker,
            "# Run it again to update this file; a file without the line above is only replaced with --force.",
            "# Needs the repository variable BERTH_KNOWN_HOSTS (the server's known_hosts line) and the",
            "# repository secret BERTH_SSH_KEY (the deploy user's private key).",
            "name: berth \(environment)",
            "",
            "on:",
            "  pull_request:",
            "  push:",
            "    branches: [\(branch)]",
            "  schedule:",
            "    - cron: \"\(updateSchedule)\"",
            "  workflow_dispatch:",
            "",
            "permissions:",
            "  contents: read",
            "",
            "jobs:",
        ]
        if release == nil { lines += buildJob }
        lines += job(
            "plan", name: "Plan \(environment)", condition: "github.event_name == 'pull_request'",
            step: reported(name: "berth plan \(environment)", title: "Plan for \(environment)", argv: ["plan", environment], file: "plan.txt"))
        lines += job(
            "deploy", name: "Deploy \(environment)", condition: "github.event_name == 'push' && github.ref == 'refs/heads/\(branch)'",
            // One deploy at a time: a second waits for the first instead of cancelling it half-way.
            concurrency: ["    concurrency:", "      group: berth-deploy-\(environment)", "      cancel-in-progress: false"],
            step: [
                "      - name: berth deploy \(environment)",
                "        run: \(ShellQuote.line([Self.binary, "deploy", environment, "--lock-wait", "600"]))",
            ])
        lines += job(
            "updates", name: "Updates for \(environment)", condition: "github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'",
            step: reported(name: "berth update check", title: "Updates for \(environment)", argv: ["update", "check", "--env", environment], file: "updates.txt"))
        return lines.joined(separator: "\n") + "\n"
    }

    /// Builds berth once per change of its sources and keeps it in the cache the other jobs restore.
    var buildJob: [String] {
        [
            "  build:",
            "    name: Build berth",
            "    runs-on: ubuntu-latest",
            "    steps:",
            "      - uses: actions/checkout@v4",
            "      - id: cache",
            "        uses: actions/cache@v4",
            "        with:",
            "          path: \((Self.binary as NSString).deletingLastPathComponent)",
            "          key: \(cacheKey)",
            "      - name: swift build",
            "        if: steps.cache.outputs.cache-hit != 'true'",
            "        run: |",
            "          swift build -c release --product berth",
            "          mkdir -p \((Self.binary as NSString).deletingLastPathComponent)",
            "          cp \"$(swift build -c release --show-bin-path)/berth\" \(Self.binary)",
            "",
        ]
    }

    var cacheKey: String {
        "berth-${{ runner.os }}-${{ hashFiles('Package.resolved', 'Sources/**', 'Modules/**') }}"
    }

    /// A job that gets berth (the build job's, or the pinned release), installs the SSH key and host key, then runs `step`.
    func job(_ id: String, name: String, condition: String, concurrency: [String] = [], step: [String]) -> [String] {
        ["  \(id):", "    name: \(name)", "    if: \(condition)"] + (release == nil ? ["    needs: build"] : []) + ["    runs-on: ubuntu-latest"] + concurrency
            + ["    steps:", "      - uses: actions/checkout@v4"] + (release.map(installStep) ?? restoreStep) + sshStep + step + [""]
    }

    /// The build job's binary, from the cache it saved.
    var restoreStep: [String] {
        [
            "      - uses: actions/cache/restore@v4",
            "        with:",
            "          path: \((Self.binary as NSString).deletingLastPathComponent)",
            "          key: \(cacheKey)",
            "          fail-on-cache-miss: true",
        ]
    }

    /// Downloads the pinned release, refuses it unless its SHA-256 is the pinned one, and unpacks the static binary.
    func installStep(_ release: BerthRelease) -> [String] {
        let tarball = "\"$RUNNER_TEMP/berth.tar.gz\""
        let folder = (Self.binary as NSString).deletingLastPathComponent
        return [
            "      - name: Install berth (ci.berth in berth.yaml)",
            "        run: |",
            "          curl -fsSL --retry 3 -o \(tarball) \(ShellQuote.quote(release.url))",
            "          echo \"\(release.sha256)  $RUNNER_TEMP/berth.tar.gz\" | sha256sum --check --strict -",
            "          mkdir -p \(folder)",
            "          tar -xzf \(tarball) -C \(folder) berth",
            "          \(Self.binary) --version",
        ]
    }

    /// Writes the host key and the private key where the environment's `ssh:` expects them, so
    /// strict host-key checking stays on. Both come in through `env:`, never pasted into the script.
    var sshStep: [String] {
        [
            "      - name: Install the server's host key and the deploy key",
            "        env:",
            "          KNOWN_HOSTS: ${{ vars.BERTH_KNOWN_HOSTS }}",
            "          SSH_KEY: ${{ secrets.BERTH_SSH_KEY }}",
            "        run: |",
            "          if [ -z \"$KNOWN_HOSTS\" ]; then echo \"::error::set the repository variable BERTH_KNOWN_HOSTS to the server's known_hosts line\"; exit 1; fi",
            "          if [ -z \"$SSH_KEY\" ]; then echo \"::error::set the repository secret BERTH_SSH_KEY to the deploy user's private key\"; exit 1; fi",
            "          umask 077",
        ]
            // The runner's user cannot write a system folder (/etc/berth) by itself; its sudo can. One line pair a
            // folder, not a loop: a loop over one quoted word is shellcheck's SC2066, an error to actionlint.
            + Set([knownHosts.directory, identityFile.directory]).sorted().flatMap { directory in
                [
                    "          mkdir -p \(directory) 2>/dev/null || true",
                    "          [ -w \(directory) ] || sudo install -d -m 700 -o \"$(id -u)\" -g \"$(id -g)\" \(directory)",
                ]
            } + [
                "          printf '%s\\n' \"$KNOWN_HOSTS\" > \(knownHosts.shell)",
                "          printf '%s\\n' \"$SSH_KEY\" > \(identityFile.shell)",
                "          chmod 600 \(identityFile.shell)",
            ]
    }

    /// Runs berth, shows its output in the log and in the job summary, and fails with berth's exit code.
    func reported(name: String, title: String, argv: [String], file: String) -> [String] {
        [
            "      - name: \(name)",
            "        run: |",
            "          status=0",
            "          \(ShellQuote.line([Self.binary] + argv)) > \"$RUNNER_TEMP/\(file)\" 2>&1 || status=$?",
            "          cat \"$RUNNER_TEMP/\(file)\"",
            "          {",
            "            echo \"### \(title)\"",
            "            echo",
            "            echo '```'",
            "            cat \"$RUNNER_TEMP/\(file)\"",
            "            echo '```'",
            "          } >> \"$GITHUB_STEP_SUMMARY\"",
            "          exit \"$status\"",
        ]
    }
}
