/// Strict reading of numbers and addresses from text: the whole text or nothing.
///
/// Swift's `Int(_:)` accepts a sign (`+10`, `-0` for unsigned types) and C's `inet_pton` or
/// `strtol` stop at the first NUL or stray byte, so `192.0.2.1\0garbage` would read as an
/// address. Every parser that reads a number from a record, a zone file, a configuration file
/// or the command line goes through here instead.
public enum DecimalText {
  /// `text` as an unsigned decimal number: ASCII digits only (no sign, no space, no other
  /// script's digits), at least one, and no overflow; nil otherwise.
  public static func value<T: FixedWidthInteger>(_ text: some StringProtocol, as: T.Type = T.self)
    -> T?
  {
    var result: T = 0
    var sawDigit = false
    for byte in text.utf8 {
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
      let (times, overflow) = result.multipliedReportingOverflow(by: 10)
      let (sum, carry) = times.addingReportingOverflow(T(byte - UInt8(ascii: "0")))
      guard !overflow, !carry else { return nil }
      result = sum
      sawDigit = true
    }
    return sawDigit ? result : nil
  }

  /// `text` as a non-negative decimal fraction (`2`, `0.5`, `1.25`): digits, at most one `.`
  /// with digits on both sides; no sign, exponent, hexadecimal, `nan` or `inf`.
  public static func fraction(_ text: some StringProtocol) -> Double? {
    let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    guard parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy(isDigit) }) else { return nil }
    return Double(String(text))
  }
}
