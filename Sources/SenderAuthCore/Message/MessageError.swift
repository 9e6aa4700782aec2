/// A message (`check --message`) that cannot be judged: one line naming what is wrong and
/// where; exit status 2.
public struct MessageError: Error, Hashable, Sendable, CustomStringConvertible {
  public var message: String

  public init(_ message: String) { self.message = message }

  public var description: String { message }

  /// `text` cut to `limit` characters, with control characters written as `\xNN`, so a hostile
  /// header cannot rewrite the terminal an error line is printed on.
  static func excerpt(_ text: some StringProtocol, limit: Int = 60) -> String {
    var out = ""
    for scalar in text.unicodeScalars.prefix(limit) {
      if scalar.isControlCharacter {
        out += "\\x" + String(scalar.value, radix: 16, uppercase: false).leftPadded(to: 2)
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return text.unicodeScalars.count > limit ? out + "…" : out
  }
}

extension String {
  /// The string with zeros in front up to `width` characters.
  fileprivate func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
