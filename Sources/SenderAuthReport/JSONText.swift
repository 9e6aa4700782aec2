import Foundation

/// Encodes values as JSON with sorted keys, so output is byte-stable.
public enum JSONText {
  /// Pretty-printed (two-space indent) with sorted keys and unescaped slashes.
  public static func pretty(_ value: some Encodable) -> String {
    encode(value, formatting: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
  }

  /// One line with sorted keys: for `jsonl`.
  public static func line(_ value: some Encodable) -> String {
    encode(value, formatting: [.sortedKeys, .withoutEscapingSlashes])
  }

  private static func encode(
    _ value: some Encodable, formatting: JSONEncoder.OutputFormatting
  ) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = formatting
    do {
      return String(decoding: try encoder.encode(value), as: UTF8.self)
    } catch {
      return #"{"error": "could not encode the report"}"#
    }
  }
}
