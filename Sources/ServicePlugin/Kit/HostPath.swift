/// Host paths as Berth compares them: absolute, normalised, folder by folder.
public enum HostPath {
    /// `path` with empty and `.` components dropped and `..` applied.
    public static func normalised(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") where part != "." {
            if part == ".." { _ = parts.popLast() } else { parts.append(part) }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// True when one of the two is the other or inside it: two mounts of them share files.
    public static func overlaps(_ first: String, _ second: String) -> Bool {
        isUnder(first, second) || isUnder(second, first)
    }

    /// True when `path` is `root` or inside it, compared on normalised paths (`/a/bc` is not under `/a/b`).
    public static func isUnder(_ path: String, _ root: String) -> Bool {
        let path = normalised(path), root = normalised(root)
        return root == "/" || path == root || path.hasPrefix(root + "/")
    }
}
