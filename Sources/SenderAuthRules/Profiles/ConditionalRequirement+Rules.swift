import SenderAuthCore

/// `spf.ip-not-authorized` judges only the addresses given with `--ip`: without any, a profile
/// shows it as not checkable instead of passed.
extension SPFIPNotAuthorizedRule: ConditionalRequirement {
  public func isCheckable(_ context: DomainContext) -> Bool { !context.options.ips.isEmpty }
}
