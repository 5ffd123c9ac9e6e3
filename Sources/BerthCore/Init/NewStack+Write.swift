import Foundation

extension NewStack {
    /// What `berth init` wrote and left, for its summary and `--json`.
    public struct Report: Sendable, Codable, Equatable {
        /// Paths written, relative to the folder.
        public var written: [String] = []
        /// Files that were there already and were left as they are.
        public var kept: [String] = []
        /// Compose projects the target's engine runs, to take over with `berth adopt`.
        public var running: [String] = []
        public var notes: [String] = []
    }

    /// Writes `files` into `folder`: all of them or none.
    ///
    /// Refuses (exit 2) when a file Berth would own is there already: `berth init` starts a repository and
    /// replaces nothing. An existing `.gitignore` is kept, with a note naming the lines it lacks.
    public static func write(_ files: [File], into folder: String) throws -> Report {
        var report = Report()
        var writing: [File] = []
        var present: [String] = []
        for file in files {
            let path = (folder as NSString).appendingPathComponent(file.path)
            var info = stat()
            guard lstat(path, &info) == 0 else {
                writing.append(file)
                continue
            }
            guard file.optional else {
                present.append(path)
                continue
            }
            report.kept.append(file.path)
            let missing = missingIgnores(in: (try? String(contentsOfFile: path, encoding: .utf8)) ?? "")
            if !missing.isEmpty { report.notes.append("\(path) is kept as it is; add these lines to it: \(missing.joined(separator: " "))") }
        }
        guard present.isEmpty else {
            throw BerthError.usage(
                present.map { "\($0): already there; berth init starts a new repository and replaces nothing (edit the file, or move it away first)" }
                    .joined(separator: "\n"))
        }
        var staged: [SecureFile.Staged] = []
        do {
            for file in writing {
                let path = (folder as NSString).appendingPathComponent(file.path)
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                staged.append(try SecureFile.stage(file.text, for: path, mode: file.mode))
            }
        } catch {
            SecureFile.discard(staged)
            throw error
        }
        try SecureFile.commit(staged)
        report.written = writing.map(\.path)
        return report
    }
}
