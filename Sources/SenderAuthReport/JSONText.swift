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
      return escapingTerminalControls(String(decoding: try encoder.encode(value), as: UTF8.self))
    } catch {
      return #"{"error": "could not encode the report"}"#
    }
  }

  /// `json` with DEL and the C1 controls written as `\u007f`…`\u009f`. JSON allows them raw
  /// inside strings, but a terminal acts on them (U+009B is CSI), and they can only occur
  /// inside strings, where the escape means the same character.
  static func escapingTerminalControls(_ json: String) -> String {
    guard json.unicodeScalars.contains(where: { (0x7f...0x9f).contains($0.value) }) else {
      return json
    }
    var out = String.UnicodeScalarView()
    for scalar in json.unicodeScalars {
      if (0x7f...0x9f).contains(scalar.value) {
        out.append(contentsOf: "\\u00\(String(scalar.value, radix: 16))".unicodeScalars)
      } else {
        out.append(scalar)
      }
    }
    return String(out)
  }
}
