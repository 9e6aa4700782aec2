/// What a `LibresolvResolver`'s transport has done so far, over all its servers.
public struct TransportStatistics: Hashable, Sendable {
  /// Queries put on the wire: UDP datagrams (every try) and TCP queries.
  public var sent: Int
  /// Datagrams accepted as answers: source, id and question matched a query in flight.
  public var answered: Int
  /// Datagrams dropped: from another address or port, for an id not in flight, for another
  /// question, or not a response. Spoofed or stray, never taken for an answer. (The second
  /// answer to a query sent again is neither, and not counted.)
  public var dropped: Int
  /// Truncated UDP answers asked again over TCP.
  public var tcpFallbacks: Int
  /// Tries that got no answer in time.
  public var timeouts: Int
  /// UDP queries sent again within a try (once or more), their answer late or lost (`sent`
  /// counts every datagram).
  public var resent: Int
  /// Queries in flight now (sent, answer not yet in).
  public var inFlight: Int
  /// The most queries in flight at once so far, over all servers (each server's share is
  /// bounded by `ResolverConfiguration.maxInFlight`, for the default cap plus those on the
  /// wire).
  public var peakInFlight: Int
  /// Queries waiting now for a slot under a server's in-flight cap.
  public var waiting: Int
  /// UDP sockets open now (a server idle for two seconds has none).
  public var openSockets: Int
  /// Servers whose answers say recursion is available (RA): a recursive resolver answers
  /// from its cache at once and looks other names up upstream, so its round trips say
  /// nothing of a queue there, and only its cap and its losses pace it (`CongestionWindow`).
  /// Read from the UDP answers to queries sent once.
  public var recursiveServers: Int

  public init(
    sent: Int = 0, answered: Int = 0, dropped: Int = 0, tcpFallbacks: Int = 0, timeouts: Int = 0,
    resent: Int = 0, inFlight: Int = 0, peakInFlight: Int = 0, waiting: Int = 0,
    openSockets: Int = 0, recursiveServers: Int = 0
  ) {
    self.sent = sent
    self.answered = answered
    self.dropped = dropped
    self.tcpFallbacks = tcpFallbacks
    self.timeouts = timeouts
    self.resent = resent
    self.inFlight = inFlight
    self.peakInFlight = peakInFlight
    self.waiting = waiting
    self.openSockets = openSockets
    self.recursiveServers = recursiveServers
  }
}
