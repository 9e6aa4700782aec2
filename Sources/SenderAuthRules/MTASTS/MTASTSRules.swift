import SenderAuthCore

/// Rules about MTA-STS (RFC 8461): the `_mta-sts` record, the policy file and its MX patterns.
public enum MTASTSRules {
  public static let all: [any Rule] = [
    MTASTSRecordSyntaxRule(), MTASTSMultipleRecordsRule(), MTASTSPolicyUnavailableRule(),
    MTASTSPolicySyntaxRule(), MTASTSMXNotCoveredRule(), MTASTSNotEnforcedRule(),
    MTASTSMaxAgeShortRule(), MTASTSMissingRule(),
  ]
}
