import DNSLookup

extension MailHostContext {
  /// The MX records whose exchange is `.` (RFC 7505's null MX is `0 .`), with their
  /// preferences; empty when the MX lookup failed.
  public var nullMXRecords: [UInt16] {
    (mx.answer?.mxHosts ?? []).filter { $0.exchange.isRoot }.map(\.preference)
  }

  /// The MX hosts that are real host names (not `.`).
  public var mailExchangers: [DomainName] {
    (mx.answer?.mxHosts ?? []).map(\.exchange).filter { !$0.isRoot }
  }

  /// True when the domain publishes an MX with exchange `.` (whatever else it publishes):
  /// it declares, correctly or not, that it accepts no mail.
  public var declaresNoMail: Bool { !nullMXRecords.isEmpty }
}
