/// A fact about the signed-in user that the identity provider vouches for on a protected route.
public enum IdentityClaim: String, Sendable, Hashable, CaseIterable, Comparable {
    case username, email, name, groups, uid

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// One header a protected route passes to its container: which claim, under the name the app reads.
///
/// Dozzle reads `Remote-User`, Tangram's backend `X-App-User`; the provider answers with its own names
/// (`X-authentik-username`), and the proxy renames them. A header of that name sent by the client is dropped.
public struct IdentityHeader: Sendable, Hashable {
    public var claim: IdentityClaim
    public var header: String

    public init(_ claim: IdentityClaim, as header: String) {
        self.claim = claim
        self.header = header
    }
}
