/// A deploy that failed, with the report of what it did (and whether it rolled back).
public struct DeployFailure: Error, CustomStringConvertible {
    public var report: DeployReport
    public var underlying: any Error

    public var description: String {
        var text = "deploy to \(report.environment) failed at \(report.failedStep ?? "?"): \(underlying)"
        if report.rolledBack { text += "\nrolled back to release \(report.previousRelease ?? "?"), which is serving again" }
        if let project = report.gaveBack { text += "\ngave the server back to compose project \(project): Berth's containers are removed and its own run again, as they were" }
        if report.removedFirstDeploy { text += "\nremoved every container this first deploy created; the server runs what it ran before" }
        if let problem = report.rollbackError { text += "\nno rollback: \(problem)" }
        return text
    }
}
