import Foundation
import ServicePlugin

/// Checks URLs given by hand, all at once, with the same prober, deadlines and rules as the modules' checks.
public struct URLChecker: Sendable {
    public var options: CheckOptions
    /// The statuses an answer may have.
    public var expectStatus: [Int]

    public init(options: CheckOptions = CheckOptions(), expectStatus: [Int] = [200]) {
        self.options = options
        self.expectStatus = expectStatus
    }

    /// Every URL that is not absolute `http` or `https` with a host, each named; empty when all are fine.
    public static func problems(_ urls: [String]) -> [String] {
        urls.enumerated().compactMap { index, url in
            guard let parts = URLComponents(string: url), ["http", "https"].contains(parts.scheme ?? ""), !(parts.host ?? "").isEmpty else {
                return "url \(index + 1): '\(url)' is not an absolute http(s) URL"
            }
            return nil
        }
    }

    /// One result per URL, in the order given; the plugin column reads `url`.
    public func run(_ urls: [String]) async throws -> [CheckResult] {
        let problems = Self.problems(urls)
        guard problems.isEmpty else { throw BerthError.usage(problems.joined(separator: "\n")) }
        let http = HTTPProber.local()
        var results = [CheckResult?](repeating: nil, count: urls.count)
        let expectations = HTTPProbe(service: "", port: 0, path: "", expectStatus: expectStatus)
        let options = options
        await withTaskGroup(of: (Int, CheckResult).self) { group in
            for (index, url) in urls.enumerated() {
                group.addTask {
                    (
                        index,
                        await CheckRunner.timed(module: "url", check: url, timeout: options.timeout) {
                            try await http.fetch(url, shown: url, expecting: expectations, secrets: nil, slowAfterMs: options.slowAfterMs)
                        }
                    )
                }
            }
            for await (index, result) in group { results[index] = result }
        }
        try? await http.shutdown()
        return results.map { $0! }
    }
}
