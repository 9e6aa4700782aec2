import DNSLookup

/// What the user asked to check besides the domain: one `CheckOptions` per domain. Every
/// value is typed where it is parsed (command line, project configuration, message headers),
/// so nothing below re-parses text.
public struct CheckOptions: Hashable, Sendable, Codable {
  /// DKIM selectors to probe besides ESP and common ones (`--selector`).
  public var selectors: [String]
  /// The envelope (Return-Path) domain mail is sent with (`--return-path`).
  public var returnPath: DomainName?
  /// ESP ids whose expected records are checked (`--esp`), validated against the catalog.
  public var esps: [String]
  /// Sending IP addresses (`--ip`).
  public var ips: [IPAddress]
  /// Profile ids (`--profile`), validated against the catalog; empty means the default
  /// (`bulk`, or `parked` with `--parked`).
  public var profiles: [String]
  /// The DMARC report URI to put into fixes (`--rua`): `mailto:` or `https:`.
  public var rua: String?
  /// The domain sends no mail (`--parked`).
  public var parked: Bool
  /// Ask every authoritative name server directly and compare (`--authoritative`).
  public var authoritative: Bool
  /// The envelope sender (MAIL FROM) for SPF evaluations of `ips` (`spf --sender`); default
  /// `postmaster@` the SPF domain.
  public var sender: String?
  /// The HELO/EHLO name for SPF evaluations of `ips` (`spf --helo`); default the domain.
  public var helo: String?
  /// The message of `check --message`, parsed: what a receiver will conclude about it is
  /// predicted from today's DNS.
  public var message: MessageHeaders?
  /// True when the run names a sending IP: `--ip`, or a message's public address.
  public var namesSendingIP: Bool { !ips.isEmpty || message?.publicSendingIP != nil }

  public init(
    selectors: [String] = [], returnPath: DomainName? = nil, esps: [String] = [],
    ips: [IPAddress] = [], profiles: [String] = [], rua: String? = nil, parked: Bool = false,
    authoritative: Bool = false, sender: String? = nil, helo: String? = nil,
    message: MessageHeaders? = nil
  ) {
    self.selectors = selectors
    self.returnPath = returnPath
    self.esps = esps
    self.ips = ips
    self.profiles = profiles
    self.rua = rua
    self.parked = parked
    self.authoritative = authoritative
    self.sender = sender
    self.helo = helo
    self.message = message
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    selectors = try container.decodeIfPresent([String].self, forKey: .selectors) ?? []
    returnPath = try container.decodeIfPresent(DomainName.self, forKey: .returnPath)
    esps = try container.decodeIfPresent([String].self, forKey: .esps) ?? []
    ips = try container.decodeIfPresent([IPAddress].self, forKey: .ips) ?? []
    profiles = try container.decodeIfPresent([String].self, forKey: .profiles) ?? []
    rua = try container.decodeIfPresent(String.self, forKey: .rua)
    parked = try container.decodeIfPresent(Bool.self, forKey: .parked) ?? false
    authoritative = try container.decodeIfPresent(Bool.self, forKey: .authoritative) ?? false
    sender = try container.decodeIfPresent(String.self, forKey: .sender)
    helo = try container.decodeIfPresent(String.self, forKey: .helo)
    message = try container.decodeIfPresent(MessageHeaders.self, forKey: .message)
  }

  /// The options of a configuration entry with `extra` (the command line's) added: lists are
  /// joined without repeats, single values from `extra` win, flags are set by either.
  public func merged(with extra: CheckOptions) -> CheckOptions {
    func union<T: Equatable>(_ base: [T], _ more: [T]) -> [T] {
      base + more.filter { !base.contains($0) }
    }
    var merged = self
    merged.selectors = union(selectors, extra.selectors)
    merged.esps = union(esps, extra.esps)
    merged.ips = union(ips, extra.ips)
    merged.profiles = union(profiles, extra.profiles)
    merged.returnPath = extra.returnPath ?? returnPath
    merged.rua = extra.rua ?? rua
    merged.parked = parked || extra.parked
    merged.authoritative = authoritative || extra.authoritative
    merged.sender = extra.sender ?? sender
    merged.helo = extra.helo ?? helo
    merged.message = extra.message ?? message
    return merged
  }
}
