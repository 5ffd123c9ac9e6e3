import Foundation
import Testing

/// Compares text with a golden file in `__Snapshots__` beside the test file.
///
/// A missing golden file is written and the test fails once, so a new snapshot is always
/// looked at; `BERTH_RECORD=1` rewrites existing ones.
public func assertSnapshot(_ text: String, named name: String, filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation) {
    let directory = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    let url = directory.appendingPathComponent(name)
    let record = ProcessInfo.processInfo.environment["BERTH_RECORD"] == "1"
    guard !record, let golden = try? String(contentsOf: url, encoding: .utf8) else {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? text.write(to: url, atomically: true, encoding: .utf8)
        Issue.record("recorded snapshot \(url.path); check it and run again", sourceLocation: sourceLocation)
        return
    }
    if golden != text {
        let goldenLines = golden.split(separator: "\n", omittingEmptySubsequences: false)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let index = Array(zip(goldenLines, lines)).firstIndex { $0 != $1 } ?? min(goldenLines.count, lines.count)
        let expected = index < goldenLines.count ? String(goldenLines[index]) : "<end>"
        let actual = index < lines.count ? String(lines[index]) : "<end>"
        Issue.record("snapshot \(name) differs at line \(index + 1):\n  golden: \(expected)\n  actual: \(actual)", sourceLocation: sourceLocation)
    }
}
