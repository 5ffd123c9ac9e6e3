import Foundation
import Testing

/// Runs a job of a generated GitHub workflow on this machine, as a runner would: each `run:` step
/// with `bash --noprofile --norc -eo pipefail`, in the checkout, with the GITHUB_* variables set and the
/// step's `vars.`/`secrets.` expressions replaced by the given values. `uses:` steps are not run:
/// the checkout is already there and the berth binary is put where the cache would restore it.
struct WorkflowRunner {
    let checkout: String
    let workflow: String
    var values: [String: String]
    var event: String
    /// The runner's PATH; this process's when nil.
    var path: String? = nil
    let temp = Scratch.directory("runnertemp")
    var summary: String { temp + "/summary.md" }

    struct Step: Decodable {
        var name: String?
        var uses: String?
        var run: String?
        var env: [String: String]?
    }

    /// The steps of one job, read with Python's YAML parser (a second reader besides Berth's own tests).
    func steps(_ job: String) throws -> [Step] {
        let read = try Run.program(
            "/usr/bin/env", ["python3", "-c", "import json,sys,yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))['jobs'][sys.argv[2]]['steps']))", workflow, job])
        #expect(read.status == 0, "\(read.output)")
        return try JSONDecoder().decode([Step].self, from: Data(read.stdout.utf8))
    }

    /// `${{ vars.NAME }}` or `${{ secrets.NAME }}` replaced by `values["vars.NAME"]`; any other expression fails the test.
    func substitute(_ value: String) -> String {
        guard value.hasPrefix("${{ "), value.hasSuffix(" }}") else { return value }
        let key = String(value.dropFirst(4).dropLast(3))
        guard let replaced = values[key] else {
            Issue.record("no value for the expression \(value)")
            return ""
        }
        return replaced
    }

    /// Runs the job's steps in order and stops at the first that fails, as a runner does; returns each step's run.
    func run(_ job: String) throws -> [(name: String, run: Run)] {
        var results: [(name: String, run: Run)] = []
        for (index, step) in try steps(job).enumerated() {
            guard let script = step.run else {
                #expect(["actions/checkout@v4", "actions/cache/restore@v4"].contains(step.uses ?? ""), "unexpected step \(step.uses ?? "?")")
                continue
            }
            let file = "\(temp)/step-\(index).sh"
            try script.write(toFile: file, atomically: true, encoding: .utf8)
            var environment = [
                "PATH": path ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": temp + "/home", "CI": "true",
                "GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": event, "GITHUB_REF": event == "push" ? "refs/heads/main" : "refs/pull/1/merge",
                "GITHUB_WORKSPACE": checkout, "GITHUB_STEP_SUMMARY": summary, "RUNNER_TEMP": temp,
            ]
            for (key, value) in step.env ?? [:] { environment[key] = substitute(value) }
            let result = try Run.program("/bin/bash", ["--noprofile", "--norc", "-eo", "pipefail", file], in: checkout, environment: environment)
            results.append((step.name ?? "step \(index)", result))
            if result.status != 0 { break }
        }
        return results
    }
}
