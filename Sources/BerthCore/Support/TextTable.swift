/// Columns padded to their widest cell, two spaces apart, for the tables commands print.
public enum TextTable {
    /// The header and rows as lines; the last column is never padded.
    public static func render(_ header: [String], _ rows: [[String]]) -> String {
        lines([header] + rows).joined(separator: "\n")
    }

    /// Each row as a line, its columns padded to the widest cell or to `minimum` (by column), whichever is wider.
    public static func lines(_ rows: [[String]], minimum: [Int] = []) -> [String] {
        let count = rows.map(\.count).max() ?? 0
        let widths = (0..<count).map { column in
            max(column < minimum.count ? minimum[column] : 0, rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0)
        }
        return rows.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
    }
}
