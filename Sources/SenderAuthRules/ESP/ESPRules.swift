import SenderAuthCore

/// The ESP rules: detection, expected DKIM and return-path records, SPF includes.
public enum ESPRules {
  public static let all: [any Rule] = [
    ESPDetectedRule(),
    ESPDKIMMissingRule(),
    ESPReturnPathMissingRule(),
    ESPSPFIncludeMissingRule(),
    ESPSPFIncludeUnneededRule(),
    ESPSendingIPRule(),
  ]
}
