import SenderAuthCore

/// The DKIM rules, in catalog order.
public enum DKIMRules {
  public static let all: [any Rule] = []
}
