import ServicePlugin

extension DockerFeatures {
    /// `--docker-version VERSION`: a version as `docker info` prints it; anything else is a usage error.
    public init(option version: String) throws {
        guard let first = version.first, first.isNumber, version.allSatisfy({ $0.isNumber || $0.isLetter || ".+-~".contains($0) }) else {
            throw BerthError.usage("--docker-version: must be a Docker engine version such as 28.2.2, got '\(Validators.quoted(version))'")
        }
        self.init(dockerVersion: version)
    }
}
