import ArgumentParser

/// `berth update`: newer image versions, pinned in berth.lock.
struct Update: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find newer image versions and pin them in berth.lock; a deploy applies them.",
        subcommands: [Check.self, Apply.self]
    )
}
