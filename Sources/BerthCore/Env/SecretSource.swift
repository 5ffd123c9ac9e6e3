import ServicePlugin

extension SecretGenerator {
    /// A fresh secret from the system's cryptographically secure generator (getrandom on Linux).
    public func generate() -> String {
        var rng = SystemRandomNumberGenerator()
        let characters = alphabet.characters
        return String((0..<length).map { _ in characters.randomElement(using: &rng)! })
    }
}
