import SenderAuthCore

/// Rules about DNSSEC: whether the domain's answers validate.
public enum DNSSECRules {
  public static let all: [any Rule] = [
    DNSSECBogusRule(), DNSSECDSMissingRule(), DNSSECUnsignedRule(),
  ]
}
