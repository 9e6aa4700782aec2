/// How `LibresolvResolver` talks to DNS: which servers, how long to wait, how often to try.
///
/// Built from the command line with
/// `ResolverConfiguration.parse(nameservers:timeout:tries:maxInFlight:)`, which turns bad input
/// into one clear message for a usage error.
public struct ResolverConfiguration: Hashable, Sendable {
  /// One nameserver: an IP address (IPv4 or IPv6, no brackets) and a UDP/TCP port.
  public struct Nameserver: Hashable, Sendable, CustomStringConvertible {
    /// The address as given, validated (`127.0.0.1`, `::1`).
    public var host: String
    public var port: UInt16

    /// Creates a nameserver from a validated IP text; nil when `host` is not an IP address.
    public init?(host: String, port: UInt16 = 53) {
      guard IPAddress(host) != nil else { return nil }
      self.host = host
      self.port = port
    }

    /// True for an IPv6 address.
    public var isIPv6: Bool { host.contains(":") }

    /// `127.0.0.1:53` or `[::1]:53`, the form answers name their server with.
    public var description: String { isIPv6 ? "[\(host)]:\(port)" : "\(host):\(port)" }
  }

  /// resolv.conf holds at most this many nameservers (`MAXNS`).
  public static let maximumNameservers = 3

  /// The servers to ask in order; empty means the system's resolv.conf.
  public var nameservers: [Nameserver]
  /// Seconds to wait for each try (whole seconds, at least 1, as resolv.conf counts them).
  public var timeout: Int
  /// How many rounds over the servers before giving up on a server that does not answer.
  public var tries: Int
  /// Queries in flight to one server at once from this resolver; more wait for a slot
  /// (`--max-inflight`). The default bounds what the server holds (see
  /// `maxInFlightExcludesWire`); a cap that is set bounds everything in flight.
  public var maxInFlight: Int {
    didSet { maxInFlightExcludesWire = false }
  }
  /// True for the default cap, which bounds the queries the server holds: those on the wire
  /// (a round trip's worth, when the round trip is long) come on top, up to three caps more.
  /// Setting `maxInFlight` (or passing it to `init`) makes it false.
  public private(set) var maxInFlightExcludesWire: Bool
  /// Ask a CNAME's target when the answer stops at the CNAME (as from an authoritative
  /// server), like a recursive resolver; off for dig-like lookups that show what was said.
  public var followsCNAMEs = true
  /// Ask for DNSSEC records (the DO bit, RFC 3225) and keep the AD bit of answers
  /// (`DNSAnswer.authenticated`; glibc's RES_TRUSTAD): for the DNSSEC checks only.
  public var dnssecOK = false
  /// Set the CD bit (RFC 4035 §3.2.2): a validating resolver answers without validating, so
  /// data that fails validation (SERVFAIL otherwise) can still be looked at.
  public var checkingDisabled = false

  /// Queries in flight to one server unless `--max-inflight` says otherwise: as many as one
  /// thread of a recursive resolver such as Unbound serves at once (`num-queries-per-thread`
  /// 1024 when built with libevent, as Debian's is); with the queries on the wire on top
  /// (up to 4,096 in all), enough for 80 ms round trips at 51,000 queries per second. Below
  /// the cap the transport's congestion window keeps the number down to what the server
  /// answers without queueing.
  public static let defaultMaxInFlight = 1024
  /// The largest `--max-inflight`: query ids are 16 bits per socket.
  public static let maximumInFlightLimit = 65_535

  /// `maxInFlight` nil for the default cap (what the server holds).
  public init(
    nameservers: [Nameserver] = [], timeout: Int = 2, tries: Int = 2, maxInFlight: Int? = nil
  ) {
    self.nameservers = Array(nameservers.prefix(Self.maximumNameservers))
    self.timeout = min(max(timeout, 1), 300)
    self.tries = min(max(tries, 1), 10)
    self.maxInFlight = min(
      max(maxInFlight ?? Self.defaultMaxInFlight, 1), Self.maximumInFlightLimit)
    maxInFlightExcludesWire = maxInFlight == nil
  }

  /// Parses the command-line values: each `--nameserver`, `--timeout`, `--tries` and
  /// `--max-inflight`.
  ///
  /// `nil` keeps the default. Throws with a message such as
  /// `--nameserver '1.2.3' is not an IP address`.
  public static func parse(
    nameservers: [String], timeout: String? = nil, tries: String? = nil,
    maxInFlight: String? = nil
  ) throws(ResolverConfigurationError) -> ResolverConfiguration {
    guard nameservers.count <= maximumNameservers else {
      throw ResolverConfigurationError(
        "at most \(maximumNameservers) --nameserver options are possible, got \(nameservers.count)")
    }
    var configuration = ResolverConfiguration()
    for text in nameservers {
      configuration.nameservers.append(try parseNameserver(text))
    }
    if let timeout {
      configuration.timeout = try parseNumber(timeout, option: "--timeout", range: 1...300)
    }
    if let tries {
      configuration.tries = try parseNumber(tries, option: "--tries", range: 1...10)
    }
    if let maxInFlight {
      configuration.maxInFlight = try parseNumber(
        maxInFlight, option: "--max-inflight", range: 1...maximumInFlightLimit)
    }
    return configuration
  }

  /// Parses `IP`, `IP:PORT`, `IPv6`, `[IPv6]` or `[IPv6]:PORT`; the port defaults to 53.
  public static func parseNameserver(
    _ text: String
  ) throws(ResolverConfigurationError) -> Nameserver {
    let option = "--nameserver '\(text)'"
    var host = Substring(text)
    var portText: Substring?
    if host.hasPrefix("[") {
      guard let close = host.firstIndex(of: "]") else {
        throw ResolverConfigurationError("\(option) has '[' without ']'")
      }
      let rest = host[host.index(after: close)...]
      host = host[host.index(after: host.startIndex)..<close]
      if !rest.isEmpty {
        guard rest.hasPrefix(":") else {
          throw ResolverConfigurationError("\(option): expected ':PORT' after ']'")
        }
        portText = rest.dropFirst()
      }
      guard host.contains(":") else {
        throw ResolverConfigurationError("\(option): brackets are only for IPv6 addresses")
      }
    } else if host.filter({ $0 == ":" }).count == 1, let colon = host.firstIndex(of: ":") {
      portText = host[host.index(after: colon)...]
      host = host[..<colon]
    }
    var port: UInt16 = 53
    if let portText {
      guard let value = DecimalText.value(portText, as: UInt16.self), value > 0 else {
        throw ResolverConfigurationError(
          "\(option) has an invalid port '\(portText)' (expected 1–65535)")
      }
      port = value
    }
    guard !host.isEmpty, let server = Nameserver(host: String(host), port: port) else {
      throw ResolverConfigurationError("\(option) is not an IP address")
    }
    return server
  }

  static func parseNumber(
    _ text: String, option: String, range: ClosedRange<Int>
  ) throws(ResolverConfigurationError) -> Int {
    guard let value = DecimalText.value(text, as: Int.self), range.contains(value) else {
      throw ResolverConfigurationError(
        "\(option) '\(text)' is not a whole number from \(range.lowerBound) to \(range.upperBound)"
      )
    }
    return value
  }
}

/// A resolver option that cannot be used; `message` is one line for the usage error.
public struct ResolverConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
