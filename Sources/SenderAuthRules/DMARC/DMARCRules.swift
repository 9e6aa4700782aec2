import SenderAuthCore

/// The DMARC rules, in catalog order.
public enum DMARCRules {
  public static let all: [any Rule] = [
    DMARCMissingRule(),
    DMARCMultipleRecordsRule(),
    DMARCSyntaxRule(),
    DMARCAtApexRule(),
    DMARCNoPolicyRule(),
    DMARCPolicyNoneRule(),
    DMARCTestingRule(),
    DMARCInheritedRule(),
    DMARCIntermediateIgnoredRule(),
    DMARCNoRUARule(),
    DMARCRUAUnauthorizedRule(),
    DMARCRUANoMXRule(),
    DMARCRemovedTagRule(),
    DMARCUnknownTagRule(),
    AlignmentNoneRule(),
  ]
}
