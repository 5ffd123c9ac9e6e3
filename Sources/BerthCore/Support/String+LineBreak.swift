extension String {
    /// The text less one final line break (`\n`, or `\r\n` as Windows ends a line), as a secret piped in or printed by
    /// a password manager ends.
    ///
    /// Read as Unicode scalars: to `String`, `"\r\n"` is one `Character`, so `hasSuffix("\n")` is false for it.
    public var withoutFinalLineBreak: String {
        var scalars = unicodeScalars[...]
        if scalars.last == "\n" { scalars.removeLast() }
        if scalars.last == "\r" { scalars.removeLast() }
        return String(scalars)
    }
}
