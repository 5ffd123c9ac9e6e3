/// The files of a deploy tree, by path relative to its root, before they are written.
public struct RenderedTree: Sendable, Equatable {
    public struct File: Sendable, Equatable {
        public var path: String
        public var contents: String
        public var executable: Bool

        public init(path: String, contents: String, executable: Bool = false) {
            self.path = path
            self.contents = contents
            self.executable = executable
        }
    }

    /// Files sorted by path.
    public private(set) var files: [File]

    public init(_ files: [File]) {
        self.files = files.sorted { $0.path < $1.path }
    }

    public subscript(path: String) -> String? {
        files.first { $0.path == path }?.contents
    }

    public var paths: [String] { files.map(\.path) }
}

extension RenderedTree {
    /// One checksum for the whole tree: SHA-256 over each path and its contents' SHA-256, in path order.
    public var checksum: String {
        SHA256.files(files.map { ($0.path, $0.contents) })
    }
}
