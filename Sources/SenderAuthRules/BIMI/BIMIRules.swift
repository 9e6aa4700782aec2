import SenderAuthCore

/// Rules about BIMI: the assertion record, its DMARC prerequisite, the logo and the mark
/// certificate.
public enum BIMIRules {
  public static let all: [any Rule] = [
    BIMIRecordSyntaxRule(), BIMIMultipleRecordsRule(), BIMIDMARCNotEnforcedRule(),
    BIMILogoUnavailableRule(), BIMILogoInvalidRule(), BIMIEvidenceMissingRule(),
    BIMIEvidenceInvalidRule(),
  ]
}
