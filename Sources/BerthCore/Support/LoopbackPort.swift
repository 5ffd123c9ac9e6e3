import Foundation

/// Ports on 127.0.0.1 for Berth's own listeners (a SOCKS forward) and for tests' servers.
public enum LoopbackPort {
    /// A port nothing listens on now: the kernel's pick for a socket bound to port 0.
    public static func free() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw BerthError.io("cannot open a socket") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw BerthError.io("cannot find a free local port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
