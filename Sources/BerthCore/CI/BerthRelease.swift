import Foundation

/// A published `berth` tarball, pinned by its address and its SHA-256 (`ci.berth:` in `berth.yaml`).
///
/// A stack repository holds no Berth sources; its workflow downloads this file, checks the sum and
/// unpacks the static binary, so every job runs the same build and nothing compiles on the runner.
public struct BerthRelease: Sendable, Hashable {
    /// Where the tarball is: `https://…`, or `file://…` for a runner or test bed that holds it.
    public var url: String
    /// The tarball's SHA-256, 64 lowercase hexadecimal digits (the `.sha256` file `scripts/release` writes).
    public var sha256: String

    public init(url: String, sha256: String) {
        self.url = url
        self.sha256 = sha256
    }

    /// The characters a URL may hold here, RFC 3986's less `'`: it is written into a workflow's shell line.
    static let urlCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#[]@!$&()*+,;=%")

    /// Why `text` is not a release address, or nil.
    static func urlProblem(_ text: String) -> String? {
        guard text.hasPrefix("https://") || text.hasPrefix("file:///") else {
            return "'\(Validators.quoted(text))' must start with https:// (or file:/// for a tarball on the runner)"
        }
        guard text.allSatisfy({ urlCharacters.contains($0) }), URL(string: text) != nil else {
            return "'\(Validators.quoted(text))' is not a URL"
        }
        return nil
    }

    /// Why `text` is not a SHA-256, or nil.
    static func sha256Problem(_ text: String) -> String? {
        text.count == 64 && text.allSatisfy({ "0123456789abcdef".contains($0) })
            ? nil : "'\(Validators.quoted(text))' is not a SHA-256 (64 lowercase hexadecimal digits, as in the release's .sha256 file)"
    }
}
