import DNSLookup
import SenderAuthCore

/// `senderauth dmarc --format json`: the tree walk, the applicable record and why, the report
/// destinations, alignment and the findings, with stable field names.
public struct DMARCReport: Codable, Sendable {
  public var schemaVersion: Int
  public var domain: String
  public var discovery: DMARCDiscovery
  public var reportDestinations: [DMARCReportAuthorization]
  /// DMARC records published at the domain itself by mistake.
  public var apexRecords: [DMARCRecord]
  public var alignment: Alignment
  public var findings: [Finding]

  public init(context: DomainContext, findings: [Finding]) {
    schemaVersion = 1
    domain = context.domain.text
    discovery = context.dmarc.discovery
    reportDestinations = context.dmarc.reportDestinations
    apexRecords = context.dmarc.apexRecords
    alignment = Alignment.assess(context)
    self.findings = findings
  }
}
