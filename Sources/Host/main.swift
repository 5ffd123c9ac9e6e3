import BerthCLI
import Foundation

exit(await Berth.run(arguments: Array(CommandLine.arguments.dropFirst())))
