import ServicePlugin

/// The server-side update script: the steps an admin runs by hand (`berth deploy` pulls side by side and rolls apps out itself).
public enum UpdateScript {
    /// The update steps, in order.
    public static let steps = UpdateStep.allCases

    public static var contents: String {
        """
        #!/bin/sh
        # Rendered by Berth. Pulls, builds and starts the stack in this folder, then prunes unused images.
        set -eu
        cd "$(dirname "$0")"

        """ + steps.map { $0.argv.joined(separator: " ") }.joined(separator: "\n") + "\n"
    }
}
