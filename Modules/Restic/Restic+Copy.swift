import ServicePlugin

extension Restic {
    /// Where a folder given as `backup_copy_to:` is mounted in the engine's container.
    static let copyMount = "/copy-repository"

    /// The second repository's location and credentials, as `COPY_` variables of the engine's container.
    func copyEnvironment(_ context: RenderContext) -> [EnvironmentEntry] {
        guard let copy = context.stack.backupCopyTo else { return [] }
        return [EnvironmentEntry("COPY_RESTIC_REPOSITORY", .text(copy.resticLocation(mount: Self.copyMount)))] + copy.resticCredentialEntries(prefix: "COPY_")
    }

    /// `backup_copy_to:` must be a kind restic reaches, another repository, and not of the kind of the first where
    /// both need a login: restic reads one set of S3 keys, or of REST logins, for both repositories of `restic copy`.
    func copyAssertions(_ context: StackContext) -> [Assertion] {
        guard let copy = context.backupCopyTo else { return [] }
        let sameLogin = copy.scheme == repository.scheme && [.s3, .rest].contains(copy.scheme)
        return [
            Assertion(Self.schemes.contains(copy.scheme), path: "backup_copy_to", "restic takes a folder, s3:, rest: or sftp:, not \(copy.scheme.rawValue):"),
            Assertion(copy != repository, path: "backup_copy_to", "is the restic repository itself: name a second one"),
            Assertion(!sameLogin, path: "backup_copy_to", "is of the restic repository's kind (\(copy.scheme.rawValue):); restic reads one login of a kind for both: use another kind"),
        ]
    }
}

extension ResticEngine {
    /// Run in the engine's container: the first repository becomes `restic copy`'s source, the `COPY_` variables
    /// the destination's location and login; made on first use with the source's chunker, so the two deduplicate alike.
    /// One password opens both. restic retries a store it cannot reach for 15 minutes: 30 s of silence fails the copy.
    static let copyScript = """
        export RESTIC_FROM_REPOSITORY="$RESTIC_REPOSITORY" RESTIC_FROM_PASSWORD="$RESTIC_PASSWORD" RESTIC_REPOSITORY="$COPY_RESTIC_REPOSITORY"
        for key in AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY RESTIC_REST_USERNAME RESTIC_REST_PASSWORD; do
          eval "value=\\${COPY_$key:-}"
          [ -z "$value" ] || export "$key=$value"
        done
        timeout 30 restic init --copy-chunker-params >/dev/null 2>&1 || timeout 30 restic cat config >/dev/null || {
          echo 'restic: the second repository did not answer within 30 s; nothing was copied' >&2
          exit 1
        }
        restic copy --quiet
        """

    public var copyCommand: [String]? {
        context.backupCopyTo == nil ? nil : ["/bin/sh", "-c", Self.copyScript]
    }
}
