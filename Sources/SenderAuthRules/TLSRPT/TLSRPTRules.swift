import SenderAuthCore

/// Rules about SMTP TLS Reporting (RFC 8460): the `_smtp._tls` record.
public enum TLSRPTRules {
  public static let all: [any Rule] = [
    TLSRPTRecordSyntaxRule(), TLSRPTMultipleRecordsRule(), TLSRPTMissingRule(),
  ]
}
