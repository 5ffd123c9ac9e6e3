/// How to generate a secret: a length and an alphabet.
public struct SecretGenerator: Sendable, Hashable {
    public enum Alphabet: String, Sendable, Hashable {
        /// `A-Z a-z 0-9`: safe inside URLs and shell words.
        case alphanumeric
        /// `0-9 a-f`.
        case hex
        /// `A-Z a-z 0-9 - _`.
        case urlSafe = "url-safe"

        public var characters: [Character] {
            switch self {
            case .alphanumeric: Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
            case .hex: Array("0123456789abcdef")
            case .urlSafe: Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
            }
        }
    }

    public var length: Int
    public var alphabet: Alphabet

    public init(length: Int, alphabet: Alphabet = .alphanumeric) {
        self.length = length
        self.alphabet = alphabet
    }

    /// PostgreSQL truncates passwords longer than 99 characters in some clients; stay at or below.
    public static let postgresMaxLength = 99

    /// A PostgreSQL password: alphanumeric so it can sit inside a connection URL.
    public static func postgresPassword(length: Int = 48) -> SecretGenerator {
        SecretGenerator(length: min(length, postgresMaxLength), alphabet: .alphanumeric)
    }
}
