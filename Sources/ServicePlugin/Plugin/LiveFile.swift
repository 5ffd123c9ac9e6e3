/// A file the proxy watches, in which a deploy lists the containers of a service that rolls out.
///
/// The proxy routes the service to exactly the containers the file names. A deploy rewrites it on the
/// target: the new container joins once healthy, and the old one leaves before it is stopped; each time,
/// the deploy waits until the proxy's own API shows the change, so that no request reaches a container
/// that is not ready or is about to stop.
public struct LiveFile: Sendable, Hashable {
    /// The file, relative to the deploy folder.
    public var path: String
    /// The file's text before the containers.
    public var header: String
    /// One container's line, where `{container}` stands for the container's name.
    public var server: String
    /// A URL, read from inside the proxy's container, that shows what the proxy routes the service to.
    public var loadedURL: String
    /// What that answer holds for each container it routes to, where `{container}` stands for the name.
    public var loadedEntry: String

    public init(path: String, header: String, server: String, loadedURL: String, loadedEntry: String) {
        self.path = path
        self.header = header
        self.server = server
        self.loadedURL = loadedURL
        self.loadedEntry = loadedEntry
    }

    /// The file's suffix: a sync never writes nor deletes such a file, and a release never records it.
    public static let suffix = ".live.yaml"
}
