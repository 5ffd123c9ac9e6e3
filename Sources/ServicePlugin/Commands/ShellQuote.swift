import Foundation

/// POSIX shell quoting: the one function that turns argv into a line a remote shell reads.
public enum ShellQuote {
    /// Quotes one word so that `sh` reads it back byte for byte, whatever it holds.
    ///
    /// Words made only of safe characters stay bare; everything else is wrapped in single
    /// quotes, with each `'` written as `'\''`.
    public static func quote(_ word: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@%+=:,./_-")
        if !word.isEmpty, word.allSatisfy({ safe.contains($0) }) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// A whole argv as one shell line.
    public static func line(_ argv: [String]) -> String {
        argv.map(quote).joined(separator: " ")
    }
}
