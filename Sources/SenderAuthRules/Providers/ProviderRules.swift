import SenderAuthCore

/// The mailbox-provider rules (`<provider>.<slug>`): one per checked row of `ProviderTable`,
/// in table order. `DomainEvaluator` runs them only when a judged profile holds them.
public enum ProviderRules {
  public static let all: [any Rule] = ProviderTable.rows.filter(\.kind.isChecked).map(
    ProviderRequirementRule.init)

  /// Their ids.
  public static let ids: Set<String> = Set(all.map(\.description.id))
}
