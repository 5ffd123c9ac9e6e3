extension String {
    /// The text less one final line break, as a secret piped in or printed by a password manager ends.
    public var withoutFinalLineBreak: String {
        var text = self
        if text.hasSuffix("\n") { text.removeLast() }
        if text.hasSuffix("\r") { text.removeLast() }
        return text
    }
}
