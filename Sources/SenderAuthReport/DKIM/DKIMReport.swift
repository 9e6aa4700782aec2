import DNSLookup
import SenderAuthCore

/// What `senderauth dkim DOMAIN` reports: every selector probed and the DKIM findings.
///
/// Its JSON form (sorted keys) is public API like the main report's: `schemaVersion`,
/// `domain`, `selectors` (each with `selector`, `source`, `name`, `cnameChain`, `status`,
/// `targetStatus`, `records`, `keyType`, `bits`, `flags`, `error`), `wildcard`,
/// `wildcardAnswer`, `signingDomains`, `findings`.
public struct DKIMReport: Codable, Sendable {
  public var schemaVersion: Int
  public var domain: String
  public var selectors: [DKIMSelectorResult]
  /// True when a wildcard below `_domainkey` answers every selector name.
  public var wildcard: Bool
  /// What the wildcard answers (selector `*`), when there is one.
  public var wildcardAnswer: DKIMSelectorResult?
  public var signingDomains: [String]
  public var findings: [Finding]

  public init(context: DKIMContext, findings: [Finding]) {
    schemaVersion = 1
    domain = context.domain.text
    selectors = context.selectors
    wildcard = context.hasWildcard
    wildcardAnswer = context.hasWildcard ? context.wildcard : nil
    signingDomains = context.signingDomains.map(\.text)
    self.findings = findings
  }
}
