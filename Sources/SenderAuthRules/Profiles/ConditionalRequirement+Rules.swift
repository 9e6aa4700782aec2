import SenderAuthCore

// The rules that wait for input the run asks for only on request: a profile shows them as not
// checkable without it, and the `rfc` profile leaves them out (`Rule.waitsFor`).

/// A rule that judges only the addresses given with `--ip`.
public protocol SendingIPRequirement: ConditionalRequirement {}

extension SendingIPRequirement {
  public func isCheckable(_ context: DomainContext) -> Bool { !context.options.ips.isEmpty }
  public var waitsFor: OnRequestInput? { .ip }
}

extension SPFIPNotAuthorizedRule: SendingIPRequirement {}
extension ESPSendingIPRule: SendingIPRequirement {}

/// A rule that judges the reverse DNS of the sending IPs: those given with `--ip`, and the one
/// a `--message` came from (`SendingIPContext.addresses`). Without either it waits for `--ip`.
public protocol ReverseDNSRequirement: ConditionalRequirement {}

extension ReverseDNSRequirement {
  public func isCheckable(_ context: DomainContext) -> Bool { context.sendingIPs.isChecked }
  public var waitsFor: OnRequestInput? { .ip }
  public func hasInput(_ context: DomainContext) -> Bool { context.options.namesSendingIP }
}

/// A rule that judges the message of `check --message`.
public protocol MessageRequirement: ConditionalRequirement {}

extension MessageRequirement {
  public func isCheckable(_ context: DomainContext) -> Bool { context.message != nil }
  public var waitsFor: OnRequestInput? { .message }
}

extension MessageDMARCFailRule: MessageRequirement {}
extension MessageDKIMKeyMissingRule: MessageRequirement {}
extension MessageSPFFailRule: MessageRequirement {}
extension MessageReceiverDiffersRule: MessageRequirement {}

/// A rule that compares or asks the name servers themselves, with `--authoritative`.
public protocol AuthoritativeRequirement: ConditionalRequirement {}

extension AuthoritativeRequirement {
  public func isCheckable(_ context: DomainContext) -> Bool { context.options.authoritative }
  public var waitsFor: OnRequestInput? { .authoritative }
}

extension DNSAuthoritativeMismatchRule: AuthoritativeRequirement {}
extension DNSAuthoritativeUnreachableRule: AuthoritativeRequirement {}

/// `dkim.selector-missing` judges only the selectors given with `--selector`.
extension DKIMSelectorMissingRule: ConditionalRequirement {
  public func isCheckable(_ context: DomainContext) -> Bool {
    context.dkim.selectors.contains { $0.source == .given }
  }
  public var waitsFor: OnRequestInput? { .selector }
}
