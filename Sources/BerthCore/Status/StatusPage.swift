import Foundation

/// `berth status --html`: one self-contained page, inline CSS only, no script and nothing fetched.
///
/// Every value goes through ``StatusPage/escape(_:)``; the report holds no secret to begin with.
public struct StatusPage: Sendable {
    public let report: StatusReport

    public init(_ report: StatusReport) { self.report = report }

    /// Text as HTML element content or a double-quoted attribute value.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    static let style = """
        body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1d2329;background:#fff}
        h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
        .meta{color:#57606a}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eaeef2;vertical-align:top}
        th{background:#f6f8fa}.ok{color:#1a7f37;font-weight:600}.warn{color:#9a6700;font-weight:600}.fail{color:#cf222e;font-weight:600}
        .badge{display:inline-block;padding:2px 8px;border-radius:10px;margin-right:6px;background:#f6f8fa}
        .module{display:inline-block;padding:2px 8px;margin:2px;border:1px solid #d0d7de;border-radius:6px}
        pre{background:#f6f8fa;padding:8px;white-space:pre-wrap}
        """

    /// The whole document.
    public var html: String {
        let title = "\(report.project) \(report.environment): status"
        var parts = [
            "<!DOCTYPE html>",
            "<html lang=\"en\"><head><meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<title>\(Self.escape(title))</title>",
            "<style>\(Self.style)</style>",
            "</head><body>",
            "<h1>\(Self.escape(title))</h1>",
            "<p class=\"meta\">\(Self.escape(report.target)) · generated \(Self.escape(Self.stamp(report.generated)))</p>",
            "<section id=\"modules\"><h2>Modules</h2><p>" + report.modules.map { "<span class=\"module\">\(Self.escape($0))</span>" }.joined() + "</p></section>",
        ]
        parts += [checks, backups, releases, updates]
        parts.append("</body></html>")
        return parts.joined(separator: "\n") + "\n"
    }

    static func stamp(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    /// A table with escaped header and cells; `classes` gives a cell's class by column.
    static func table(_ header: [String], _ rows: [[String]], classes: [Int: (String) -> String] = [:]) -> String {
        let head = "<tr>" + header.map { "<th>\(escape($0))</th>" }.joined() + "</tr>"
        let body = rows.map { row in
            "<tr>"
                + row.enumerated().map { column, cell in
                    let css = classes[column].map { " class=\"\(escape($0(cell)))\"" } ?? ""
                    return "<td\(css)>\(escape(cell))</td>"
                }.joined() + "</tr>"
        }
        return "<table>\(head)\(body.joined())</table>"
    }

    static func problem(_ text: String) -> String { "<p class=\"fail\">\(escape(text))</p>" }
}
