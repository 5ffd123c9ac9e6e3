/// A rule a module states about its options or the stack, checked by `berth validate`.
///
/// Like a NixOS module assertion: when ``holds`` is false, ``message`` is reported
/// at ``path`` (for example `services.planka.oidc_admin_roles`).
public struct Assertion: Sendable, Hashable {
    public var holds: Bool
    public var path: String
    public var message: String

    public init(_ holds: Bool, path: String, _ message: String) {
        self.holds = holds
        self.path = path
        self.message = message
    }
}
