import SenderAuthCore
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
    let arguments = Array(CommandLine.arguments.dropFirst())
    let status = await run(arguments)
    if let reason = URLSessionHTTPSClient.unavailableReason {
      // The reports left out what rests on the documents (as offline); say why, once.
      let text = LocalizedText(
        en: "warning: libcurl cannot be loaded (\(reason)): MTA-STS policies and BIMI files "
          + "were not fetched, and what rests on them was not checked",
        de: "Warnung: libcurl kann nicht geladen werden (\(reason)): MTA-STS-Richtlinien und "
          + "BIMI-Dateien wurden nicht abgerufen, und was auf ihnen beruht, wurde nicht geprüft")
      Output.error(text.text(OutputOptions.language(of: arguments)))
    }
    System.exit(status.rawValue)
  }

  static func run(_ arguments: [String]) async -> ExitStatus {
    let language = OutputOptions.language(of: arguments)
    guard let first = arguments.first else {
      Output.write(toolHelp(language))
      return .usage
    }
    switch first {
    case "--help", "-h", "help":
      if arguments.count > 1,
        let command = commands.first(where: {
          $0.configuration.name == arguments[1]
        })
      {
        Output.write(command.help(language))
      } else {
        Output.write(toolHelp(language))
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
      let hint = Suggestion.localized(first, among: names)
      let text = LocalizedText(
        en: "unknown command '\(first)'" + hint.en + " (see 'senderauth --help')",
        de: "unbekannter Befehl '\(first)'" + hint.de + " (siehe 'senderauth --help')")
      Output.error(text.text(language))
      return .usage
    }
    let rest = Array(arguments.dropFirst())
    if rest.contains("--help") || rest.contains("-h") {
      Output.write(command.help(language))
      return .ok
    }
    do {
      let parsed = try ArgumentScanner.scan(rest, options: command.options)
      let instance = try command.init(parsed)
      return try await instance.run()
    } catch {
      Output.error(message(error, language: language))
      return .usage
    }
  }

  /// The one line an error prints, in `language`.
  static func message(_ error: any Error, language: Language) -> String {
    switch error {
    case let error as UsageError: error.text.text(language)
    case let error as InputError: error.text.text(language)
    case let error as RequestError: error.text.text(language)
    default: "\(error)"
    }
  }

  /// `senderauth --help`: what the tool does, its commands, the exit statuses.
  static func toolHelp(_ language: Language) -> String {
    let german = language == .de
    var lines =
      german
      ? [
        "senderauth \(SenderAuthVersion.current) — prüft die SPF-, DKIM- und DMARC-Einträge "
          + "einer Domain",
        "gegen die RFCs und die Regeln von Gmail, Yahoo, Outlook.com und anderen und gibt die",
        "DNS-Einträge aus, die beheben, was falsch ist.",
        "",
        "AUFRUF: senderauth BEFEHL [Optionen]",
        "",
        "BEFEHLE:",
      ]
      : [
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
          + command.configuration.abstract(language))
    }
    lines +=
      german
      ? [
        "",
        "'senderauth BEFEHL --help' zeigt die Optionen und Beispiele eines Befehls.",
        "Exit-Status: 0 in Ordnung, 1 Befunde ab --fail-on, 2 ungültige Eingabe, "
          + "3 DNS-Fehler.",
      ]
      : [
        "",
        "Run 'senderauth COMMAND --help' for a command's options and examples.",
        "Exit status: 0 ok, 1 findings at or above --fail-on, 2 bad input, 3 DNS failed.",
      ]
    return lines.joined(separator: "\n")
  }
}
