import Foundation
import Testing

/// What must hold after a fault and its recovery (the same command again), and the state it is measured against.
struct FaultInvariants {
    /// The data a fault must never change: rows, the volume's files, the last good dump, every `.env` byte.
    struct Data: Equatable {
        var rows: String
        var files: String
        var dump: String
        var envFiles: String

        static func read(_ bed: FaultBed) throws -> Data {
            Data(
                rows: try bed.psql("SELECT count(*), md5(string_agg(note, ',' ORDER BY id)) FROM orders"),
                files: try Run.shell("cd \(bed.server)/data/shop/uploads && find . -type f | sort | xargs sha256sum").stdout,
                dump: try Run.shell("sha256sum \(bed.server)/dumps/shop/shop.dump").stdout,
                envFiles: try Run.shell("cd \(bed.services) && find . -name .env | sort | xargs sha256sum; find . -name '.env*' | sort").stdout)
        }
    }

    /// The five invariants, each an expectation naming the fault: `outputs` is everything Berth printed.
    static func check(_ bed: FaultBed, fault: String, before: Data, outputs: [String]) throws {
        // 1. Serving: both apps answer through the proxy.
        for host in ["web", "shop"] {
            let answer = try bed.proxy.get("https://\(host).example.org/health")
            if answer.status != 200 {
                let containers = try Run.shell("docker ps -a --filter label=com.docker.compose.project=\(FaultBed.name) --format '{{.Names}} {{.Status}} {{.Image}}'").stdout
                Issue.record("\(fault): \(host) answers \(answer.status) (curl \(answer.curlStatus)) after the recovery\n\(containers)\n\(outputs.joined(separator: "\n---\n"))")
            }
        }
        // 2. Data: unchanged, the dump intact, every .env byte-identical and no partial file beside one.
        let after = try Data.read(bed)
        #expect(after.rows == before.rows, "\(fault): rows changed: \(before.rows) -> \(after.rows)")
        #expect(after.files == before.files, "\(fault): the volume's files changed: \(before.files) -> \(after.files)")
        #expect(after.dump == before.dump, "\(fault): the last good dump changed")
        #expect(after.envFiles == before.envFiles, "\(fault): .env files changed:\n\(before.envFiles)\n->\n\(after.envFiles)")
        // 3. The lock: free once the command ran again.
        let lock = try bed.berth(["lock", "status", "testbed"])
        #expect(lock.stdout.contains("not held") || lock.stdout.contains("free"), "\(fault): \(lock.output)")
        // 4. The records: the release marked live is the one that serves.
        let current = try String(contentsOfFile: bed.services + "/.berth/current", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let record = try String(contentsOfFile: bed.services + "/.berth/releases/\(current)/record.json", encoding: .utf8)
        let served = try bed.proxy.get("https://web.example.org/version").body.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(record.contains("/berth-testbed/app:\(served)"), "\(fault): release \(current) is live but web serves \(served)")
        let releases = try bed.berth(["releases", "--env", "testbed", "--json"])
        #expect(releases.status == 0 && releases.stdout.contains("\"current\" : \"\(current)\""), "\(fault): \(releases.output)")
        // 5. Secrets: no value of any .env was printed, whatever the fault.
        let values = try Run.shell("cd \(bed.services) && cat */.env | sed -n 's/^[A-Z_]*=//p'").stdout
            .split(separator: "\n").map(String.init).filter { $0.count >= 12 }
        for output in outputs {
            for value in values { #expect(!output.contains(value), "\(fault): a secret was printed") }
        }
    }
}
