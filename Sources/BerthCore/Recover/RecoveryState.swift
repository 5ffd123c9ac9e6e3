/// What a recovery has done on its target (`.berth/recover.json`): running `berth recover` again resumes after it.
public struct RecoveryState: Codable, Sendable, Equatable {
    /// The snapshot being recovered.
    public var snapshot: String
    /// The release the snapshot was tagged with.
    public var release: String
    /// The last step done, 2 to 6 (1 only reads).
    public var done: Int

    public init(snapshot: String, release: String, done: Int) {
        self.snapshot = snapshot
        self.release = release
        self.done = done
    }
}
