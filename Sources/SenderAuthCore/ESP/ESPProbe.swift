import DNSLookup

/// A name an ESP setup puts below the checked domain, and the types to ask for there.
///
/// The ESP catalog (in SenderAuthRules) turns into these values; the engine queries them
/// without knowing any ESP.
public struct ESPProbe: Hashable, Sendable, Codable {
  /// Labels in front of the domain (`s1._domainkey`, `pm-bounces`).
  public var label: String
  public var types: [RRType]

  public init(label: String, types: [RRType]) {
    self.label = label
    self.types = types
  }
}
