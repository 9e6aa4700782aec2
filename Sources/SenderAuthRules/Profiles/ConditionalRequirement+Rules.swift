import SenderAuthCore

/// `spf.ip-not-authorized` judges only the addresses given with `--ip`: without any, a profile
/// shows it as not checkable instead of passed.
extension SPFIPNotAuthorizedRule: ConditionalRequirement {
  public func isCheckable(_ context: DomainContext) -> Bool { !context.options.ips.isEmpty }
  public var isJudgedOnRequest: Bool { true }
}

/// The name servers are only compared with `--authoritative`.
extension DNSAuthoritativeMismatchRule: ConditionalRequirement {
  public func isCheckable(_ context: DomainContext) -> Bool { context.options.authoritative }
  public var isJudgedOnRequest: Bool { true }
}

/// The name servers are only asked directly with `--authoritative`.
extension DNSAuthoritativeUnreachableRule: ConditionalRequirement {
  public func isCheckable(_ context: DomainContext) -> Bool { context.options.authoritative }
  public var isJudgedOnRequest: Bool { true }
}

/// The message rules judge the message of `check --message`: without one, not checkable.
extension MessageDMARCFailRule: ConditionalRequirement {
  public func isCheckable(_ context: DomainContext) -> Bool { context.message != nil }
  public var isJudgedOnRequest: Bool { true }
}

extension MessageDKIMKeyMissingRule: ConditionalRequirement {
  public func isCheckable(_ context: DomainContext) -> Bool { context.message != nil }
  public var isJudgedOnRequest: Bool { true }
}

extension MessageSPFFailRule: ConditionalRequirement {
  public func isCheckable(_ context: DomainContext) -> Bool { context.message != nil }
  public var isJudgedOnRequest: Bool { true }
}

extension MessageReceiverDiffersRule: ConditionalRequirement {
  public func isCheckable(_ context: DomainContext) -> Bool { context.message != nil }
  public var isJudgedOnRequest: Bool { true }
}

/// `esp.sending-ip` judges only the addresses given with `--ip`.
extension ESPSendingIPRule: ConditionalRequirement {
  public func isCheckable(_ context: DomainContext) -> Bool { !context.options.ips.isEmpty }
  public var isJudgedOnRequest: Bool { true }
}

/// `dkim.selector-missing` judges only the selectors given with `--selector`.
extension DKIMSelectorMissingRule: ConditionalRequirement {
  public func isCheckable(_ context: DomainContext) -> Bool {
    context.dkim.selectors.contains { $0.source == .given }
  }
  public var isJudgedOnRequest: Bool { true }
}
