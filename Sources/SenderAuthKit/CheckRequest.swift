import DNSLookup
import SenderAuthCore
import SenderAuthRules

/// Everything one check run needs, typed: the domains, what to check them for, where answers
/// come from, and the project configuration merged in. The command line builds one; the
/// `Session` turns it into reports. Built only through `init`, which validates every value.
public struct CheckRequest: Sendable {
  /// Which rules a command judges: everything (`check`, `diff`) or one protocol's group.
  public enum Scope: String, Sendable {
    case all
    case spf
    case dmarc
    case dkim

    /// The parts of a domain's context the scope judges.
    var inputs: RuleInputs {
      switch self {
      case .all: .all
      case .spf: .spf
      case .dmarc: [.dmarc, .spf, .dkim, .esp]
      case .dkim: .dkim
      }
    }

    /// The rules of the scope: its group and the DNS rules (failures, a missing domain).
    var rules: [any Rule] {
      switch self {
      case .all: RuleCatalog.all
      case .spf: DNSRules.all + SPFRules.all
      case .dmarc: DNSRules.all + DMARCRules.all
      case .dkim: DNSRules.all + DKIMRules.all
      }
    }
  }

  public var domains: [DomainInput]
  /// The options given for every domain (the command line's); a configured domain's entry is
  /// merged with them.
  public var options: CheckOptions
  public var scope: Scope
  public var resolver: ResolverSettings
  /// Seconds a domain's lookups may take; nil for no limit.
  public var deadline: Double?
  /// The most domains checked at once.
  public var jobs: Int
  /// Whether each domain gets a verified fix plan (the whole check only).
  public var plans = true
  /// The project configuration (`senderauth.json`), with the directory its zone paths are
  /// relative to.
  public var configuration: ProjectConfiguration?
  public var configurationDirectory: String

  /// The default per-domain deadline in seconds.
  public static let defaultDeadline = 30.0
  /// The most domains checked at once unless told otherwise. A run starts with fewer and
  /// adds more while that makes it faster (`ConcurrencyLimit`): on loopback a few dozen keep
  /// two cores busy; with 80 ms round trips a domain waits half a second for answers and a few
  /// hundred are needed. A domain in progress holds 100–200 KB, so this bound is also the
  /// memory bound: about 250 MB if all of them are ever needed.
  public static let defaultJobs = 1024
  /// The highest `--jobs`: a bound for machines with many cores and a resolver far away.
  public static let maximumJobs = 16_384

  /// A validated request: unknown ESP or profile ids, a `--rua` that is not a `mailto:` or
  /// `https:` URI, and `--authoritative` with `--offline` are refused.
  public init(
    domains: [DomainInput], options: CheckOptions = CheckOptions(), scope: Scope = .all,
    resolver: ResolverSettings = ResolverSettings(), deadline: Double? = defaultDeadline,
    jobs: Int = defaultJobs, configuration: ProjectConfiguration? = nil,
    configurationDirectory: String = "."
  ) throws(RequestError) {
    var options = options
    try Self.validate(&options, where: "")
    if let configuration {
      for (index, entry) in configuration.domains.enumerated() {
        var entryOptions = entry.options
        try Self.validate(&entryOptions, where: "\(configuration.file): domains[\(index)]: ")
      }
    }
    if options.authoritative, resolver.offline {
      throw RequestError(
        en: "--authoritative asks the name servers over the network; drop --offline",
        de: "--authoritative fragt die Nameserver über das Netz; lassen Sie --offline weg")
    }
    self.domains = domains
    self.options = options
    self.scope = scope
    self.resolver = resolver
    self.deadline = deadline
    self.jobs = max(jobs, 1)
    self.configuration = configuration
    self.configurationDirectory = configurationDirectory
  }

  /// Checks the typed values the catalogs define: ESP and profile ids, the report URI.
  static func validate(_ options: inout CheckOptions, where prefix: String) throws(RequestError) {
    for id in options.esps where ESPCatalog.esp(id: id) == nil {
      let hint = Suggestion.localized(id, among: ESPCatalog.ids)
      let known = ESPCatalog.ids.joined(separator: ", ")
      throw RequestError(
        en: prefix + "unknown ESP '\(id)'" + hint.en + " (known: \(known))",
        de: prefix + "unbekannter Versanddienst '\(id)'" + hint.de + " (bekannt: \(known))")
    }
    for id in options.profiles where ProfileCatalog.profile(id: id) == nil {
      let hint = Suggestion.localized(id, among: ProfileCatalog.ids)
      let known = ProfileCatalog.ids.joined(separator: ", ")
      throw RequestError(
        en: prefix + "unknown profile '\(id)'" + hint.en + " (known: \(known))",
        de: prefix + "unbekanntes Profil '\(id)'" + hint.de + " (bekannt: \(known))")
    }
    if let rua = options.rua {
      guard let uri = ReportURI(rua) else {
        throw RequestError(
          en: prefix + "--rua '\(rua)' is not a report address: give 'mailto:ADDRESS' (or just "
            + "the address) or an 'https:' URI",
          de: prefix + "--rua '\(rua)' ist keine Berichtsadresse: geben Sie 'mailto:ADRESSE' "
            + "(oder nur die Adresse) oder eine 'https:'-URI an")
      }
      options.rua = uri.text
    }
  }

  /// The options for `domain`: the configuration's entry with the command line's added,
  /// `parked` when the parked profile is chosen, and the message's envelope domain as return
  /// path when it lies below the domain.
  public func options(for domain: DomainName) -> CheckOptions {
    var merged = options
    if let entry = configuration?.domains.first(where: { $0.domain == domain }) {
      merged = entry.options.merged(with: options)
    }
    // `--profile parked` (or a configuration's "profiles": ["Parked"]) asks what `--parked`
    // asks: every rule then judges a domain that sends no mail, not one that lacks DKIM.
    if !merged.parked,
      merged.profiles.contains(where: { $0.lowercased() == ProfileCatalog.parkedID })
    {
      merged.parked = true
    }
    // The return path the message came with (SendGrid's em<n>, a custom MAIL FROM): the ESP
    // checks read it as if given with --return-path, which still wins.
    if merged.returnPath == nil, let message = merged.message,
      message.fromDomain == domain, let envelope = message.envelopeDomain,
      envelope != domain, envelope.isSubdomain(of: domain)
    {
      merged.returnPath = envelope
    }
    return merged
  }

  /// The suppressions of the configuration.
  public var suppressions: [Suppression] { configuration?.suppressions ?? [] }

  /// Zone files the configuration names, as paths from the current directory.
  public var configuredZones: [String] {
    (configuration?.zones ?? []).map {
      $0.hasPrefix("/") ? $0 : configurationDirectory + "/" + $0
    }
  }
}

/// A request that cannot be run: one line naming what is wrong, in every language (written
/// where the error is raised); exit status 2.
public struct RequestError: Error, Hashable, Sendable, CustomStringConvertible {
  public var text: LocalizedText

  public init(en: String, de: String) { text = LocalizedText(en: en, de: de) }
  public init(_ text: LocalizedText) { self.text = text }

  /// The line in English.
  public var message: String { text.en }
  public var description: String { text.en }
}
