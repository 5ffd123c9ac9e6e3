/// Where a backup engine keeps its repository: a folder on the server, or a store off it.
///
/// Written in `berth.yaml` as a path or a URL with the engine's scheme prefix, as restic reads them
/// (`/opt/restic-repo`, `s3:https://s3.example.org/bucket/prefix`, `rest:https://backup.example.org/tangram/`,
/// `sftp:backup@vault.example.org:/srv/tangram`, `webdav:https://dav.example.org/tangram`). Credentials are
/// never part of it: they are keys of the engine module's `.env`.
public enum BackupRepository: Sendable, Hashable, CustomStringConvertible {
    /// A folder on the server (an absolute host path).
    case folder(String)
    /// An S3 bucket: the endpoint URL (`http(s)://HOST[:PORT]`), the bucket and a prefix inside it (may be empty).
    case s3(endpoint: String, bucket: String, prefix: String)
    /// restic's REST protocol (rest-server, `rclone serve restic`): the server URL with the repository's path.
    case rest(url: String)
    /// A WebDAV folder (Kopia's backend).
    case webdav(url: String)
    /// A folder reached over SFTP.
    case sftp(user: String, host: String, path: String)

    /// The kinds of repository, as the scheme prefixes name them.
    public enum Scheme: String, Sendable, Hashable, CaseIterable {
        case folder, s3, rest, webdav, sftp
    }

    public var scheme: Scheme {
        switch self {
        case .folder: .folder
        case .s3: .s3
        case .rest: .rest
        case .webdav: .webdav
        case .sftp: .sftp
        }
    }

    /// Whether the repository lies off the server, where losing the server does not lose it.
    public var isOffSite: Bool { scheme != .folder }

    /// The repository as written in `berth.yaml`.
    public var description: String {
        switch self {
        case .folder(let path): path
        case .s3(let endpoint, let bucket, let prefix): "s3:\(endpoint)/\(bucket)" + (prefix.isEmpty ? "" : "/\(prefix)")
        case .rest(let url): "rest:\(url)"
        case .webdav(let url): "webdav:\(url)"
        case .sftp(let user, let host, let path): "sftp:\(user)@\(host):\(path)"
        }
    }

    /// Reads a repository; the problem in words when `text` is none of the `allowed` kinds.
    public static func parse(_ text: String, allowed: [Scheme]) -> Result<BackupRepository, Problem> {
        let kinds = allowed.map { $0 == .folder ? "an absolute folder" : "\($0.rawValue):" }.joined(separator: ", ")
        switch read(text) {
        case nil:
            return .failure(Problem(text: "must be \(kinds), got '\(text.prefix(80))'"))
        case .failure(let problem)?:
            return .failure(problem)
        case .success(let repository)?:
            guard allowed.contains(repository.scheme) else { return .failure(Problem(text: "this engine takes \(kinds), not \(repository.scheme.rawValue):")) }
            return .success(repository)
        }
    }

    /// A reason a repository was refused, for a config message.
    public struct Problem: Error, Sendable, Hashable {
        public var text: String
    }

    static func read(_ text: String) -> Result<BackupRepository, Problem>? {
        if text.hasPrefix("/") { return .success(.folder(text)) }
        guard let colon = text.firstIndex(of: ":"), let scheme = Scheme(rawValue: String(text[..<colon])), scheme != .folder else { return nil }
        let rest = String(text[text.index(after: colon)...])
        switch scheme {
        case .s3:
            guard let (origin, path) = url(rest), let bucket = path.split(separator: "/").first else {
                return .failure(Problem(text: "an s3: repository is s3:http(s)://HOST[:PORT]/BUCKET[/PREFIX]"))
            }
            let prefix = path.split(separator: "/").dropFirst().joined(separator: "/")
            return .success(.s3(endpoint: origin, bucket: String(bucket), prefix: prefix))
        case .rest, .webdav:
            guard url(rest) != nil else { return .failure(Problem(text: "a \(scheme.rawValue): repository is \(scheme.rawValue):http(s)://HOST[:PORT]/PATH")) }
            return .success(scheme == .rest ? .rest(url: rest) : .webdav(url: rest))
        case .sftp:
            let parts = rest.split(separator: ":", maxSplits: 1).map(String.init)
            let login = parts.first?.split(separator: "@").map(String.init) ?? []
            guard parts.count == 2, login.count == 2, !login[0].isEmpty, !login[1].isEmpty, parts[1].hasPrefix("/") else {
                return .failure(Problem(text: "an sftp: repository is sftp:USER@HOST:/PATH"))
            }
            return .success(.sftp(user: login[0], host: login[1], path: parts[1]))
        case .folder:
            return nil
        }
    }

    /// `http(s)://HOST[:PORT]` and the path after it, without its leading `/`; nil for anything else, and for a URL
    /// with a login in it (credentials belong in the module's `.env`, where they stay secret).
    static func url(_ text: String) -> (origin: String, path: String)? {
        guard let schemeEnd = text.range(of: "://"), ["http", "https"].contains(text[..<schemeEnd.lowerBound]) else { return nil }
        let afterScheme = text[schemeEnd.upperBound...]
        let host = afterScheme.prefix { $0 != "/" }
        guard !host.isEmpty, !host.contains("@"), !text.contains(where: { $0 == " " || $0 == "'" || $0 == "\"" || $0 == "\\" || $0 == "$" || $0 == "`" })
        else { return nil }
        return (String(text[..<host.endIndex]), String(afterScheme.dropFirst(host.count).drop { $0 == "/" }))
    }
}

extension Result where Failure == BackupRepository.Problem {
    /// The refusal's words; nil when the repository was read.
    public var problem: String? {
        if case .failure(let problem) = self { return problem.text }
        return nil
    }
}
