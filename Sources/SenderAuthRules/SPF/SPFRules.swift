import SenderAuthCore

/// The SPF rules, in catalog order.
public enum SPFRules {
  public static let all: [any Rule] = []
}
