import SenderAuthKit

/// The command-line front end: picks the command, turns every error into one line and an
/// exit status. Wiring only; the work is in the libraries.
@main
enum SenderAuth {
  static var commands: [any Command.Type] {
    [
      CheckCommand.self, FixCommand.self, DKIMCommand.self, DMARCCommand.self, DiffCommand.self,
      LookupCommand.self,
      RulesCommand.self, SPFCommand.self, ExplainCommand.self, ProvidersCommand.self,
      CompletionsCommand.self, ManpageCommand.self,
    ]
  }

  static func main() async {
    if let message = CAFileOption.apply(CommandLine.arguments) {
      Output.error(message)
      System.exit(ExitStatus.usage.rawValue)
    }
    let status = await run(Array(CommandLine.arguments.dropFirst()))
    System.exit(status.rawValue)
  }

  static func run(_ arguments: [String]) async -> ExitStatus {
    guard let first = arguments.first else {
      Output.write(toolHelp)
      return .usage
    }
    switch first {
    case "--help", "-h", "help":
      if arguments.count > 1,
        let command = commands.first(where: {
          $0.configuration.name == arguments[1]
        })
      {
        Output.write(command.help)
      } else {
        Output.write(toolHelp)
      }
      return .ok
    case "--version":
      Output.write("senderauth \(SenderAuthVersion.current)")
      return .ok
    default:
      break
    }
    guard let command = commands.first(where: { $0.configuration.name == first }) else {
      let names = commands.map { $0.configuration.name }
      Output.error(
        "unknown command '\(first)'" + Suggestion.didYouMean(first, among: names)
          + " (see 'senderauth --help')")
      return .usage
    }
    let rest = Array(arguments.dropFirst())
    if rest.contains("--help") || rest.contains("-h") {
      Output.write(command.help)
      return .ok
    }
    let instance: any Command
    do {
      let parsed = try ArgumentScanner.scan(rest, options: command.options)
      instance = try command.init(parsed)
    } catch {
      Output.error("\(error)")
      return .usage
    }
    do {
      return try await instance.run()
    } catch let error as UsageError {
      Output.error(error.message)
      return .usage
    } catch let error as InputError {
      Output.error(error.message)
      return .usage
    } catch let error as RequestError {
      Output.error(error.message)
      return .usage
    } catch {
      Output.error("\(error)")
      return .usage
    }
  }

  static var toolHelp: String {
    var lines = [
      "senderauth \(SenderAuthVersion.current) — check a domain's SPF, DKIM and DMARC records",
      "against the RFCs and the rules of Gmail, Yahoo, Outlook.com and others, and print the",
      "DNS records that fix what is wrong.",
      "",
      "USAGE: senderauth COMMAND [options]",
      "",
      "COMMANDS:",
    ]
    let width = (commands.map { $0.configuration.name.count }.max() ?? 0) + 2
    for command in commands {
      let name = command.configuration.name
      lines.append(
        "  " + name + String(repeating: " ", count: width - name.count)
          + command.configuration.abstract)
    }
    lines += [
      "",
      "Run 'senderauth COMMAND --help' for a command's options and examples.",
      "Exit status: 0 ok, 1 findings at or above --fail-on, 2 bad input, 3 DNS failed.",
    ]
    return lines.joined(separator: "\n")
  }
}
