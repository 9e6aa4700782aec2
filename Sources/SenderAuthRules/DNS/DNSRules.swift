import SenderAuthCore

/// Rules about DNS itself: failed lookups, MX, PTR.
public enum DNSRules {
  public static let all: [any Rule] = [
    DNSDomainNotFoundRule(), DNSLookupFailedRule(), DNSDeadlineExceededRule(),
    DNSAuthoritativeMismatchRule(),
    DNSAuthoritativeUnreachableRule(),
  ]
}
