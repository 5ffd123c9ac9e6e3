import BerthCore
import Foundation

/// A secret typed at a prompt without echo, or piped on standard input; never an argument.
enum SecretInput {
    static func read(prompt: String) throws -> String {
        let value = isatty(STDIN_FILENO) == 1 ? try typed(prompt) : piped()
        guard !value.isEmpty else { throw BerthError.usage("no value given on standard input") }
        return value
    }

    /// Everything piped in, less one final line break.
    static func piped() -> String {
        String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self).withoutFinalLineBreak
    }

    /// One line typed at the terminal with echo off; echo comes back even when reading fails.
    static func typed(_ prompt: String) throws -> String {
        FileHandle.standardError.write(Data(prompt.utf8))
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        return readLine(strippingNewline: true) ?? ""
    }
}
