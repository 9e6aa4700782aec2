import SenderAuthCore

/// Rules about the null MX (RFC 7505): malformed, mixed with other MX records, or on a domain
/// that still authorizes senders.
public enum NullMXRules {
  public static let all: [any Rule] = [
    MXNullMXWithOtherMXRule(), MXNullMXPreferenceRule(), MXNullMXSPFAuthorizesRule(),
  ]
}
