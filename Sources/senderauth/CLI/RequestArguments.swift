import DNSLookup
import SenderAuthCore
import SenderAuthKit
import SenderAuthRules

/// The options that make a `CheckRequest`, shared by the commands that check domains, and
/// their parsing into typed values (every check happens here, before any work).
enum RequestArguments {
  /// How a domain sends mail, and the configuration (`check`, `diff`).
  static let checkSpecs: [OptionSpec] = [
    .option(
      "--selector", value: "S", help: "DKIM selector to check.",
      de: "Zu prüfender DKIM-Selektor.", repeatable: true),
    .option(
      "--return-path", value: "DOMAIN", help: "Envelope (Return-Path) domain used.",
      de: "Verwendete Return-Path-Domain (Umschlagabsender, MAIL FROM)."),
    .option(
      "--esp", value: "NAME",
      help: "Check this ESP's expected records: " + ESPCatalog.ids.joined(separator: ", ") + ".",
      de: "Die erwarteten Einträge dieses Versanddienstes prüfen: "
        + ESPCatalog.ids.joined(separator: ", ") + ".",
      repeatable: true),
    .option(
      "--ip", value: "IP",
      help: "Sending IP address to check: SPF and its reverse DNS (offline, that needs the zones "
        + "of its reverse name and PTR name).",
      de: "Zu prüfende Versand-IP: SPF und ihr Reverse-DNS (offline braucht das die Zone ihres "
        + "Reverse-Namens und die ihres PTR-Namens).", repeatable: true),
    .option(
      "--profile", value: "ID",
      help: "Provider profile to judge against (default bulk; parked with --parked): "
        + ProfileCatalog.ids.joined(separator: ", ") + ".",
      de: "Profil, gegen das geprüft wird (Standard bulk; parked mit --parked): "
        + ProfileCatalog.ids.joined(separator: ", ") + ".",
      repeatable: true),
    .option(
      "--rua", value: "URI",
      help: "DMARC report address to use in fixes: mailto:ADDRESS (or ADDRESS) or https: URI.",
      de: "DMARC-Berichtsadresse für die Korrekturen: mailto:ADRESSE (oder ADRESSE) oder "
        + "https:-URI."),
    .flag(
      "--parked",
      help:
        "The domain sends no mail: judge it against what a parked domain needs (also with "
        + "--profile parked).",
      de: "Die Domain versendet keine E-Mails: gegen die Anforderungen an eine Domain ohne "
        + "Mailversand prüfen (auch mit --profile parked)."),
    failOnSpec,
    .flag(
      "--authoritative",
      help: "Ask each of the zone's name servers directly; report disagreement and TTLs.",
      de: "Jeden Nameserver der Zone direkt fragen; Abweichungen und TTLs melden."),
    .option(
      "--authoritative-port", value: "PORT",
      help: "Port of the name servers for --authoritative (default 53).",
      de: "Port der Nameserver für --authoritative (Standard 53)."),
    .option(
      "--config", value: "FILE",
      help: "Project configuration (default: ./senderauth.json when present).",
      de: "Projektkonfiguration (Standard: ./senderauth.json, falls vorhanden)."),
    deadlineSpec,
  ]

  static let failOnSpec = OptionSpec.option(
    "--fail-on", value: "SEVERITY", help: "Exit 1 at findings of this severity or worse.",
    de: "Exit-Status 1 bei Befunden dieses Schweregrads oder schwerer.",
    choices: ["error", "warning", "note"])

  static let deadlineSpec = OptionSpec.option(
    "--deadline", value: "SECONDS",
    help: "Give up on a domain's unanswered lookups after SECONDS (default 30; 0 for none).",
    de: "Unbeantwortete DNS-Abfragen einer Domain nach SEKUNDEN aufgeben (Standard 30; 0 für "
      + "keine Frist).")

  /// Where answers come from (every command that asks DNS).
  static let resolverSpecs: [OptionSpec] = [
    .option(
      "--nameserver", value: "IP[:PORT]",
      help: "Ask this server instead of resolv.conf's; IPv6 as [IP]:PORT.",
      de: "Diesen Server statt dem aus resolv.conf fragen; IPv6 als [IP]:PORT.", repeatable: true),
    .option(
      "--timeout", value: "SECONDS", help: "Seconds to wait for each try (default 2).",
      de: "Sekunden Wartezeit je Versuch (Standard 2)."),
    .option(
      "--tries", value: "N", help: "Tries per server before giving up (default 2).",
      de: "Versuche je Server, bevor aufgegeben wird (Standard 2)."),
    .option(
      "--max-inflight", value: "N",
      help: "Queries in flight to one server; more wait (default: "
        + "\(ResolverConfiguration.defaultMaxInFlight) held by the server, plus those on the wire).",
      de: "Offene Abfragen an einen Server; weitere warten (Standard: "
        + "\(ResolverConfiguration.defaultMaxInFlight) in Bearbeitung beim Server, zuzüglich der "
        + "Abfragen, die gerade im Netz unterwegs sind)."),
    .option(
      "--zone", value: "FILE",
      help: "Answer names inside this zone file (or each *.zone in a directory) from it.",
      de:
        "Namen in dieser Zonendatei (oder jeder *.zone in einem Verzeichnis) aus ihr beantworten.",
      repeatable: true),
    .flag(
      "--offline", help: "Answer only from --zone/--replay files; never touch the network.",
      de: "Nur aus --zone-/--replay-Dateien antworten; nie das Netz fragen."),
    .option(
      "--save-dns", value: "FILE", help: "Write every question and answer to FILE (JSON).",
      de: "Jede Frage und Antwort in DATEI schreiben (JSON)."),
    .option(
      "--replay", value: "FILE",
      help: "Answer from a file written by --save-dns (no network; with --zone overlays).",
      de: "Aus einer mit --save-dns geschriebenen Datei antworten (ohne Netz; --zone hat Vorrang)."),
    .flag(
      "--https-private",
      help: "Let MTA-STS and BIMI fetches connect to private, loopback and link-local addresses "
        + "(off: a domain's DNS cannot point them into your network).",
      de: "MTA-STS- und BIMI-Abrufe auch mit privaten, Loopback- und Link-Local-Adressen "
        + "verbinden (aus: das DNS einer Domain kann sie nicht in Ihr Netz lenken)."),
    // Applied by `CAFileOption.apply` at the start of main, while the process has one thread.
    .option(
      "--ca-file", value: "FILE",
      help: "Also trust the CA certificates (PEM) in FILE for HTTPS fetches (MTA-STS, BIMI).",
      de: "Zusätzlich den CA-Zertifikaten (PEM) in DATEI für HTTPS-Abrufe (MTA-STS, BIMI) "
        + "vertrauen."),
  ]

  /// The resolver settings of `--nameserver`, `--timeout`, `--tries`, `--max-inflight`,
  /// `--zone`, `--offline`,
  /// `--save-dns`, `--replay` and `--authoritative-port`.
  static func resolver(_ arguments: ParsedArguments) throws(UsageError) -> ResolverSettings {
    var configuration: ResolverConfiguration
    do {
      configuration = try ResolverConfiguration.parse(
        nameservers: arguments.all("--nameserver"), timeout: arguments.last("--timeout"),
        tries: arguments.last("--tries"), maxInFlight: arguments.last("--max-inflight"))
    } catch {
      // The resolver's own line quotes the option and the value it rejects.
      throw UsageError(verbatim: error.message)
    }
    let offline = arguments.has("--offline")
    if offline, !arguments.all("--nameserver").isEmpty {
      throw UsageError(
        en: "--offline and --nameserver contradict each other",
        de: "--offline und --nameserver widersprechen sich")
    }
    var settings = ResolverSettings(
      configuration: configuration, zones: arguments.all("--zone"), offline: offline,
      replay: arguments.last("--replay"), saveDNS: arguments.last("--save-dns"))
    settings.httpsPrivate = arguments.has("--https-private")
    if let port = try arguments.integer("--authoritative-port", in: 1...65535) {
      guard arguments.has("--authoritative") else {
        throw UsageError(
          en: "--authoritative-port goes with --authoritative",
          de: "--authoritative-port gilt nur zusammen mit --authoritative")
      }
      settings.authoritativePort = UInt16(port)
    }
    return settings
  }

  /// The per-domain options of the command line.
  static func options(_ arguments: ParsedArguments) throws(UsageError) -> CheckOptions {
    var ips: [IPAddress] = []
    for text in arguments.all("--ip") {
      guard let ip = IPAddress(text) else {
        throw Self.notAnAddress(text)
      }
      ips.append(ip)
    }
    var returnPath: DomainName?
    if let value = arguments.last("--return-path") {
      do {
        returnPath = try DomainInput.parse(value).domain
      } catch {
        throw UsageError(
          en: "--return-path: \(error.text.en)", de: "--return-path: \(error.text.de)")
      }
    }
    for selector in arguments.all("--selector") {
      guard DKIMSelectors.isValidSelector(selector.lowercased()) else {
        throw Self.notASelector(selector)
      }
    }
    return CheckOptions(
      selectors: arguments.all("--selector"), returnPath: returnPath,
      esps: arguments.all("--esp").map { $0.lowercased() }, ips: ips,
      profiles: arguments.all("--profile").map { $0.lowercased() },
      rua: arguments.last("--rua"), parked: arguments.has("--parked"),
      authoritative: arguments.has("--authoritative"))
  }

  /// `--ip` with something that is not an address.
  static func notAnAddress(_ text: String) -> UsageError {
    UsageError(
      en: "--ip '\(text)' is not an IPv4 or IPv6 address",
      de: "--ip '\(text)' ist keine IPv4- oder IPv6-Adresse")
  }

  /// `--selector` with something that is not a DKIM selector.
  static func notASelector(_ text: String) -> UsageError {
    UsageError(
      en: "--selector '\(text)' is not a selector (letters, digits, '-', '_', dots)",
      de: "--selector '\(text)' ist kein Selektor (Buchstaben, Ziffern, '-', '_', Punkte)")
  }

  /// `--fail-on`, default error.
  static func failOn(_ arguments: ParsedArguments) -> Severity {
    arguments.last("--fail-on").flatMap(Severity.init(rawValue:)) ?? .error
  }

  /// The `--deadline` value: seconds (fractions allowed), `0` for none, default 30.
  static func deadline(_ arguments: ParsedArguments) throws(UsageError) -> Double? {
    guard let text = arguments.last("--deadline") else { return CheckRequest.defaultDeadline }
    guard let seconds = DecimalText.fraction(text), seconds <= 86_400 else {
      throw UsageError(
        en: "--deadline takes seconds from 0 (none) to 86400, not '\(text)'",
        de: "--deadline nimmt Sekunden von 0 (keine Frist) bis 86400, nicht '\(text)'")
    }
    return seconds == 0 ? nil : seconds
  }

  /// The project configuration of `--config`, or `./senderauth.json` when present, and the
  /// directory its zone paths are relative to.
  static func configuration(_ arguments: ParsedArguments) throws(UsageError) -> (
    ProjectConfiguration?, String
  ) {
    let path =
      arguments.last("--config")
      ?? (System.isReadable("senderauth.json") ? "senderauth.json" : nil)
    guard let path else { return (nil, ".") }
    do {
      let configuration = try ProjectConfiguration.load(path: path)
      let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
      return (configuration, directory)
    } catch {
      // The configuration's line names the file, the JSON path and the value.
      throw UsageError(verbatim: error.description)
    }
  }

  /// The single DOMAIN argument, or a usage error with `usage` when there is not exactly one.
  static func domain(_ arguments: ParsedArguments, usage: LocalizedText) throws(UsageError)
    -> DomainInput
  {
    guard arguments.positionals.count == 1 else { throw UsageError(usage) }
    return try parseDomain(arguments.positionals[0])
  }

  /// A domain as typed (a name, an address, a URL), or a usage error saying why not.
  static func parseDomain(_ text: String) throws(UsageError) -> DomainInput {
    do {
      return try DomainInput.parse(text)
    } catch {
      throw UsageError(error.text)
    }
  }

  /// The request for one command: `build` with the arguments' typed parts; a request error is
  /// a usage error.
  static func request<Request>(_ build: () throws(RequestError) -> Request) throws(UsageError)
    -> Request
  {
    do {
      return try build()
    } catch {
      throw UsageError(error.text)
    }
  }
}
