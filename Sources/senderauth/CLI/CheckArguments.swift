import DNSLookup
import SenderAuthCore
import SenderAuthRules

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What `check` and `diff` both take about how a domain sends mail, plus the project
/// configuration (`senderauth.json`) that can say the same per domain.
struct CheckArguments {
  static let specs: [OptionSpec] = [
    .option("--selector", value: "S", help: "DKIM selector to check.", repeatable: true),
    .option("--return-path", value: "DOMAIN", help: "Envelope (Return-Path) domain used."),
    .option(
      "--esp", value: "NAME",
      help: "Check this ESP's expected records: " + ESPCatalog.ids.joined(separator: ", ") + ".",
      repeatable: true),
    .option("--ip", value: "IP", help: "Sending IP address to check.", repeatable: true),
    .option(
      "--profile", value: "ID",
      help: "Provider profile to judge against (default bulk): "
        + ProfileCatalog.ids.joined(separator: ", ") + ".",
      repeatable: true),
    .option("--rua", value: "URI", help: "DMARC report address to use in fixes."),
    .flag("--parked", help: "The domain sends no mail: expect it locked down."),
    .option(
      "--fail-on", value: "SEVERITY", help: "Exit 1 at findings of this severity or worse.",
      choices: ["error", "warning", "note"]),
    .flag(
      "--authoritative",
      help: "Ask each of the zone's name servers directly; report disagreement and TTLs."),
    .option(
      "--authoritative-port", value: "PORT",
      help: "Port of the name servers for --authoritative (default 53)."),
    .option(
      "--config", value: "FILE",
      help: "Project configuration (default: ./senderauth.json when present)."),
  ]

  /// Options given on the command line, for every domain.
  var options: CheckOptions
  var failOn: Severity
  /// With `--authoritative`: the resolvers that ask each name server directly, shared by
  /// every domain of the run.
  var directResolvers: DirectResolvers?
  var configuration: ProjectConfiguration?
  /// The configuration file's directory, which its zone paths are relative to.
  var configurationDirectory: String

  init(_ arguments: ParsedArguments) throws(UsageError) {
    try ProvidersCommand.validate(
      esps: arguments.all("--esp"), profiles: arguments.all("--profile"))
    for ip in arguments.all("--ip") where IPAddress(ip) == nil {
      throw UsageError("--ip '\(ip)' is not an IP address")
    }
    var returnPath: String?
    if let value = arguments.last("--return-path") {
      do {
        returnPath = try DomainInput.parse(value).domain.text
      } catch {
        throw UsageError("--return-path: \(error)")
      }
    }
    options = CheckOptions(
      selectors: arguments.all("--selector"), returnPath: returnPath,
      esps: arguments.all("--esp"), ips: arguments.all("--ip"),
      profiles: arguments.all("--profile"), rua: arguments.last("--rua"),
      parked: arguments.has("--parked"), authoritative: arguments.has("--authoritative"))
    if let port = try arguments.integer("--authoritative-port", in: 1...65535) {
      guard options.authoritative else {
        throw UsageError("--authoritative-port goes with --authoritative")
      }
      directResolvers = DirectResolvers(port: UInt16(port))
    } else if options.authoritative {
      directResolvers = DirectResolvers(port: 53)
    }
    if options.authoritative, arguments.has("--offline") {
      throw UsageError("--authoritative asks the name servers over the network; drop --offline")
    }
    failOn = arguments.last("--fail-on").flatMap(Severity.init(rawValue:)) ?? .error
    let path =
      arguments.last("--config") ?? (access("senderauth.json", R_OK) == 0 ? "senderauth.json" : nil)
    configurationDirectory = "."
    if let path {
      do {
        configuration = try ProjectConfiguration.load(path: path)
      } catch {
        throw UsageError(error.description)
      }
      if let slash = path.lastIndex(of: "/") {
        configurationDirectory = String(path[..<slash])
      }
    }
  }

  /// The checker for these arguments: with `--authoritative`, one that can ask each name
  /// server directly.
  func checker(resolver: any DNSResolver, resolverOptions: ResolverOptions) -> Checker {
    guard let direct = directResolvers else { return Checker(resolver: resolver) }
    let configuration = resolverOptions.configuration
    return Checker(
      resolver: resolver,
      serverResolver: { direct.resolver(for: $0, configuration: configuration) },
      now: { Double(time(nil)) })
  }

  /// The domains the configuration lists, as typed domain inputs.
  var configuredDomains: [String] {
    configuration?.domains.map(\.domain.text) ?? []
  }

  /// Zone files the configuration names, as paths from the current directory.
  var configuredZones: [String] {
    (configuration?.zones ?? []).map {
      $0.hasPrefix("/") ? $0 : configurationDirectory + "/" + $0
    }
  }

  var suppressions: [Suppression] { configuration?.suppressions ?? [] }

  /// The options for `domain`: the configuration's entry with the command line's added.
  func options(for domain: DomainName) -> CheckOptions {
    guard let entry = configuration?.domains.first(where: { $0.domain == domain }) else {
      return options
    }
    var merged = entry.options
    merged.selectors += options.selectors.filter { !merged.selectors.contains($0) }
    merged.esps += options.esps.filter { !merged.esps.contains($0) }
    merged.ips += options.ips.filter { !merged.ips.contains($0) }
    merged.profiles += options.profiles.filter { !merged.profiles.contains($0) }
    merged.returnPath = options.returnPath ?? merged.returnPath
    merged.rua = options.rua ?? merged.rua
    merged.parked = merged.parked || options.parked
    merged.authoritative = options.authoritative
    return merged
  }
}
