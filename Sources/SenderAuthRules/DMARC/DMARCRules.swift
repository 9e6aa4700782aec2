import SenderAuthCore

/// The DMARC rules, in catalog order.
public enum DMARCRules {
  public static let all: [any Rule] = []
}
