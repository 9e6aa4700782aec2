/// Converts internationalised names to A-labels (RFC 5891 §4) with Punycode (RFC 3492).
///
/// Labels are lower-cased before encoding; full UTS #46 mapping is not done, so names that
/// need it (compatibility characters, final sigma) may be refused rather than guessed.
public enum IDNA {
  /// `xn--…` labels for the non-ASCII labels of `name`; nil when a label cannot be converted.
  public static func toASCII(_ name: String) -> String? {
    var labels: [String] = []
    // U+3002, U+FF0E and U+FF61 separate labels like '.' (RFC 3490 §3.1).
    let separators: Set<Character> = [".", "\u{3002}", "\u{FF0E}", "\u{FF61}"]
    for label in name.lowercased().split(
      omittingEmptySubsequences: false, whereSeparator: { separators.contains($0) })
    {
      if label.unicodeScalars.allSatisfy(\.isASCII) {
        labels.append(String(label))
        continue
      }
      guard let encoded = Punycode.encode(String(label)) else { return nil }
      let aLabel = "xn--" + encoded
      guard aLabel.utf8.count <= 63 else { return nil }
      labels.append(aLabel)
    }
    return labels.joined(separator: ".")
  }

  /// The Unicode form of `name`: `xn--` labels decoded; nil when one is not valid Punycode.
  public static func toUnicode(_ name: String) -> String? {
    var labels: [String] = []
    for label in name.split(separator: ".", omittingEmptySubsequences: false) {
      if label.lowercased().hasPrefix("xn--") {
        guard let decoded = Punycode.decode(String(label.dropFirst(4))) else { return nil }
        labels.append(decoded)
      } else {
        labels.append(String(label))
      }
    }
    return labels.joined(separator: ".")
  }
}

/// RFC 3492 Punycode: the bootstring parameters of §5 and the algorithms of §6.
public enum Punycode {
  static let base = 36
  static let tMin = 1
  static let tMax = 26
  static let skew = 38
  static let damp = 700
  static let initialBias = 72
  static let initialN = 128

  /// Encodes a label (§6.3); nil on overflow.
  public static func encode(_ input: String) -> String? {
    let scalars = input.unicodeScalars.map { Int($0.value) }
    var output = scalars.filter { $0 < 0x80 }.map { Character(Unicode.Scalar(UInt8($0))) }
    let basicCount = output.count
    var handled = basicCount
    if basicCount > 0 { output.append("-") }
    var n = initialN
    var delta = 0
    var bias = initialBias
    while handled < scalars.count {
      guard let m = scalars.filter({ $0 >= n }).min() else { return nil }
      let (product, overflow) = (m - n).multipliedReportingOverflow(by: handled + 1)
      guard !overflow, delta <= Int(Int32.max) - product else { return nil }
      delta += product
      n = m
      for scalar in scalars {
        if scalar < n {
          delta += 1
          guard delta <= Int(Int32.max) else { return nil }
        }
        if scalar == n {
          var q = delta
          var k = base
          while true {
            let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
            if q < t { break }
            output.append(digit(t + (q - t) % (base - t)))
            q = (q - t) / (base - t)
            k += base
          }
          output.append(digit(q))
          bias = adapt(delta, handled + 1, handled == basicCount)
          delta = 0
          handled += 1
        }
      }
      delta += 1
      n += 1
    }
    return String(output)
  }

  /// Decodes a label (§6.2); nil when it is not valid Punycode.
  public static func decode(_ input: String) -> String? {
    var output: [Int] = []
    var rest = Substring(input)
    if let dash = input.lastIndex(of: "-") {
      for character in input[..<dash] {
        guard let ascii = character.asciiValue else { return nil }
        output.append(Int(ascii))
      }
      rest = input[input.index(after: dash)...]
    }
    var n = initialN
    var i = 0
    var bias = initialBias
    var iterator = rest.makeIterator()
    var next = iterator.next()
    while next != nil {
      let oldI = i
      var w = 1
      var k = base
      while true {
        guard let character = next, let value = digitValue(character) else { return nil }
        next = iterator.next()
        let (product, overflow) = value.multipliedReportingOverflow(by: w)
        guard !overflow, i <= Int(Int32.max) - product else { return nil }
        i += product
        let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
        if value < t { break }
        guard w <= Int(Int32.max) / (base - t) else { return nil }
        w *= base - t
        k += base
      }
      bias = adapt(i - oldI, output.count + 1, oldI == 0)
      guard i / (output.count + 1) <= 0x10FFFF - n else { return nil }
      n += i / (output.count + 1)
      i %= output.count + 1
      guard output.count < 64 else { return nil }
      output.insert(n, at: i)
      i += 1
    }
    var text = ""
    for value in output {
      guard let scalar = Unicode.Scalar(UInt32(value)) else { return nil }
      text.unicodeScalars.append(scalar)
    }
    return text
  }

  private static func adapt(_ delta: Int, _ count: Int, _ first: Bool) -> Int {
    var delta = first ? delta / damp : delta / 2
    delta += delta / count
    var k = 0
    while delta > ((base - tMin) * tMax) / 2 {
      delta /= base - tMin
      k += base
    }
    return k + (base - tMin + 1) * delta / (delta + skew)
  }

  private static func digit(_ value: Int) -> Character {
    Character(Unicode.Scalar(UInt8(value < 26 ? value + 97 : value + 22)))
  }

  private static func digitValue(_ character: Character) -> Int? {
    guard let ascii = character.asciiValue else { return nil }
    switch ascii {
    case 48...57: return Int(ascii) - 22
    case 65...90: return Int(ascii) - 65
    case 97...122: return Int(ascii) - 97
    default: return nil
    }
  }
}
