import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A client of OCI distribution registries: anonymous bearer tokens, basic logins, bounded retries on 429.
///
/// Tokens and logins are secrets: they go into request headers only, never into an error or a report.
public final class RegistryClient: Sendable {
    let client: HTTPClient
    let credentials: RegistryCredentials
    let options: Options
    let state = State()

    /// Limits of one client.
    public struct Options: Sendable {
        /// Tags asked for per page (`n`); registries may send fewer and a `Link` to the rest.
        public var pageSize = 1000
        /// How often one request is sent again after a 429.
        public var retries = 3
        /// The longest `Retry-After` waited for; a longer one fails the request at once.
        public var longestWait = 30.0
        /// Seconds one request may take.
        public var timeout = 30.0

        public init(pageSize: Int = 1000, retries: Int = 3, longestWait: Double = 30, timeout: Double = 30) {
            self.pageSize = pageSize
            self.retries = retries
            self.longestWait = longestWait
            self.timeout = timeout
        }
    }

    /// Tokens by scope, hosts that want a basic login, and requests sent per host.
    actor State {
        var tokens: [String: String] = [:]
        var basicHosts: Set<String> = []
        var requests: [String: Int] = [:]

        func token(_ key: String) -> String? { tokens[key] }
        func store(token: String, for key: String) { tokens[key] = token }
        func wantsBasic(_ host: String) -> Bool { basicHosts.contains(host) }
        func markBasic(_ host: String) { basicHosts.insert(host) }
        func count(_ host: String) { requests[host, default: 0] += 1 }
        func sent(_ host: String) -> Int { requests[host] ?? 0 }
    }

    public init(credentials: RegistryCredentials, options: Options = Options()) {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(Int64(options.timeout)))
        configuration.redirectConfiguration = .follow(max: 5, allowCycles: false)
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.credentials = credentials
        self.options = options
    }

    public func shutdown() async throws { try await client.shutdown() }

    /// How many requests went to a registry host, tokens included.
    public func requests(to host: String) async -> Int { await state.sent(host) }

    /// A response with its body read.
    struct Answer {
        var status: Int
        var headers: HTTPHeaders
        var body: ByteBuffer
    }

    /// Sends one request for `repository`, answering the registry's challenge and waiting out 429s.
    func send(_ url: String, method: HTTPMethod = .GET, accept: [String] = [], for repository: RegistryRepository) async throws -> Answer {
        var retries = 0
        var challenged = false
        while true {
            var request = HTTPClientRequest(url: url)
            request.method = method
            for type in accept { request.headers.add(name: "Accept", value: type) }
            if let authorization = await authorization(for: repository) { request.headers.add(name: "Authorization", value: authorization) }
            let answer = try await execute(request, host: repository.host)
            switch answer.status {
            case 401 where !challenged:
                challenged = true
                try await answerChallenge(answer.headers["WWW-Authenticate"], for: repository)
            case 429:
                let wait = Self.retryAfter(answer.headers.first(name: "Retry-After")) ?? 1
                guard retries < options.retries, wait <= options.longestWait else {
                    throw RegistryError(repository.host, "rate limited (429) after \(retries + 1) tries; the registry asks to wait \(Int(wait)) s")
                }
                retries += 1
                try await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000))
            default:
                return answer
            }
        }
    }

    func execute(_ request: HTTPClientRequest, host: String) async throws -> Answer {
        await state.count(host)
        do {
            let response = try await client.execute(request, timeout: .seconds(Int64(options.timeout)))
            let body = try await response.body.collect(upTo: 64 << 20)
            return Answer(status: Int(response.status.code), headers: response.headers, body: body)
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            throw RegistryError(host, "no answer within \(Int(options.timeout)) s")
        } catch let error as RegistryError {
            throw error
        } catch {
            throw RegistryError(host, "unreachable (\(Self.describe(error)))")
        }
    }

    /// The header for a repository from what earlier challenges taught: its bearer token, or the host's basic login.
    func authorization(for repository: RegistryRepository) async -> String? {
        if let token = await state.token(repository.host + " " + repository.pullScope) { return "Bearer " + token }
        if await state.wantsBasic(repository.host), let login = credentials.login(for: repository.host) {
            return RegistryCredentials.basicAuthorization(login.user, login.password)
        }
        return nil
    }

    /// Learns how to authenticate from a 401: fetches a bearer token (with the login, when there is one) or uses the basic login.
    func answerChallenge(_ headers: [String], for repository: RegistryRepository) async throws {
        let challenges = headers.compactMap(RegistryChallenge.init)
        if var bearer = challenges.first(where: { $0.scheme == "bearer" }) {
            if bearer.parameters["scope"] == nil { bearer.parameters["scope"] = repository.pullScope }
            guard let url = bearer.tokenURL else { throw RegistryError(repository.host, "a bearer challenge without a realm") }
            var request = HTTPClientRequest(url: url)
            if let login = credentials.login(for: repository.host) {
                request.headers.add(name: "Authorization", value: RegistryCredentials.basicAuthorization(login.user, login.password))
            }
            let answer = try await execute(request, host: repository.host)
            guard answer.status == 200, let token = Self.token(in: answer.body) else {
                throw RegistryError(repository.host, "the token service \(bearer.parameters["realm"] ?? "?") answered \(answer.status)")
            }
            await state.store(token: token, for: repository.host + " " + repository.pullScope)
        } else if challenges.contains(where: { $0.scheme == "basic" }) {
            guard credentials.login(for: repository.host) != nil else {
                let hint = credentials.helper(for: repository.host).map { " (its login is in credential helper docker-credential-\($0), which Berth does not read)" } ?? ""
                throw RegistryError(repository.host, "needs a login: run `docker login \(repository.host)`\(hint)")
            }
            await state.markBasic(repository.host)
        } else {
            throw RegistryError(repository.host, "refused access (401) without a challenge Berth understands")
        }
    }

    /// `{"token": …}` or `{"access_token": …}`, as token services answer.
    static func token(in body: ByteBuffer) -> String? {
        struct Token: Decodable {
            var token: String?
            var access_token: String?
        }
        guard let decoded = try? JSONDecoder().decode(Token.self, from: Data(body.readableBytesView)) else { return nil }
        return (decoded.token ?? decoded.access_token).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `Retry-After` as seconds or as an HTTP date.
    static func retryAfter(_ value: String?) -> Double? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: value).map { max(0, $0.timeIntervalSinceNow) }
    }

    static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.contains("connectionRefused") || text.contains("Connection refused") { return "connection refused" }
        if text.contains("connectTimeout") { return "connect timed out" }
        if text.contains("NXDOMAIN") || text.contains("lookup") || text.contains("resolve") { return "name not resolved" }
        return text
    }
}

/// A registry that could not be queried, named by its host; never holds a token or a login.
public struct RegistryError: Error, Sendable, CustomStringConvertible, Equatable {
    public var host: String
    public var message: String

    public init(_ host: String, _ message: String) {
        self.host = host
        self.message = message
    }

    public var description: String { "\(host): \(message)" }
}
