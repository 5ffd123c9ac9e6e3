/// Text written into a compose file.
public enum ComposeText {
    /// Doubles every `$`, so compose passes the text through instead of interpolating it.
    public static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "$", with: "$$")
    }
}
