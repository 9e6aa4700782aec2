#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A fully qualified DNS name: a sequence of labels, each 1–63 arbitrary octets (RFC 1035
/// §3.1, RFC 2181 §11), kept in one canonical presentation form.
///
/// Two names are equal exactly when their labels hold the same octets, ASCII letters compared
/// without case (RFC 4343) and every other octet as is: `user\@x.example`, `user\064x.example`
/// and `USER@x.example` (from a macro expansion) are one name, `bücher.example` and
/// `BÜCHER.example` are two. Equality, hashing and ordering rest on the canonical labels, so
/// every place that matches a query name against an answer's owner name (the wire-format
/// reader, CNAME chains, zone lookups) compares octets.
///
/// Only absolute names exist here: there is no search list and no relative form. The root
/// name has no labels. Limits (RFC 1035 §2.3.4): a label is 1–63 octets, a name at most 253
/// octets in text form (255 on the wire).
public struct DomainName: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
  /// The name without a trailing dot (`example.com`); the root is `.`. The labels in
  /// canonical presentation form joined with `.`: ASCII letters lower-cased; `"`, `$`, `(`,
  /// `)`, `.`, `;`, `@` and `\` escaped with a backslash; octets outside 0x21–0x7E as `\DDD`
  /// (the form `dig` and libresolv's `ns_name_ntop` print). A `.` inside a label is escaped, so
  /// the text stands for exactly one name: equality, hashing and most reads use it.
  ///
  /// The text is all a name stores (one reference, often none: a name of 15 octets or fewer is
  /// a small string). Names are copied wherever a query, an answer or a record goes; the
  /// labels are read far less often, and split from the text when they are.
  public let text: String

  /// The labels in canonical presentation form (see `text`).
  public var labels: [String] {
    guard !isRoot else { return [] }
    var labels: [String] = []
    labels.reserveCapacity(labelCount)
    var start = text.utf8.startIndex
    forEachSeparator { index in
      labels.append(String(text[start..<index]))
      start = text.utf8.index(after: index)
    }
    labels.append(String(text[start...]))
    return labels
  }

  /// How many labels the name has (the root none).
  public var labelCount: Int {
    guard !isRoot else { return 0 }
    var count = 1
    forEachSeparator { _ in count += 1 }
    return count
  }

  /// Calls `body` with the index of each `.` of `text` that separates two labels, in order (an
  /// escaped `\.` is inside a label).
  private func forEachSeparator(_ body: (String.Index) -> Void) {
    var escaped = false
    let utf8 = text.utf8
    var index = utf8.startIndex
    while index < utf8.endIndex {
      let byte = utf8[index]
      if escaped {
        escaped = false
      } else if byte == Self.backslash {
        escaped = true
      } else if byte == Self.dot {
        body(index)
      }
      utf8.formIndex(after: &index)
    }
  }

  /// The root name `.`.
  public static let root = DomainName(canonicalLabels: [])

  /// Parses `text` in presentation form (`\X` and `\DDD` escapes, with or without a trailing
  /// dot) as an absolute name.
  public init(_ text: String) throws(DomainNameError) {
    if let name = Self.plain(text) { self = name } else { self = try Self.parsed(text) }
  }

  /// `text` read octet by octet with every escape (what `init(_:)` does when `plain` cannot).
  static func parsed(_ text: String) throws(DomainNameError) -> DomainName {
    let bytes = Array(text.utf8)
    if bytes == [Self.dot] { return .root }
    guard !bytes.isEmpty else { throw .empty }
    var labels: [[UInt8]] = []
    var current: [UInt8] = []
    var index = 0
    var closed = false
    while index < bytes.count {
      let byte = bytes[index]
      closed = false
      if byte == Self.backslash {
        guard let (octet, used) = Self.escape(bytes, at: index) else {
          throw .invalidEscape(text)
        }
        current.append(octet)
        index += used
        continue
      }
      index += 1
      if byte == Self.dot {
        guard !current.isEmpty else { throw .emptyLabel(text) }
        labels.append(current)
        current = []
        closed = true
        continue
      }
      current.append(byte)
    }
    if !closed {
      guard !current.isEmpty else { throw .emptyLabel(text) }
      labels.append(current)
    }
    return try DomainName(labelOctets: labels)
  }

  /// A name from its labels' octets, validated (no empty label, RFC 1035 length limits).
  public init(labelOctets: [[UInt8]]) throws(DomainNameError) {
    var octets = 0
    for label in labelOctets {
      guard !label.isEmpty else {
        throw .emptyLabel(labelOctets.map(Self.canonical).joined(separator: "."))
      }
      guard label.count <= 63 else { throw .labelTooLong(Self.canonical(label)) }
      octets += label.count + 1
    }
    guard octets - 1 <= 253 else { throw .tooLong(octets - 1) }
    self.init(canonicalLabels: labelOctets.map(Self.canonical))
  }

  /// Reads `text` as raw octets: every octet belongs to a label, `.` separates labels, nothing
  /// is an escape (a trailing dot is dropped). This is the form SPF macro expansion produces
  /// (RFC 7208 §7.3): `%{s}` of `user@example.com` is the label `user@example`.
  public init(rawText text: String) throws(DomainNameError) {
    var bytes = Array(text.utf8)
    if bytes.last == Self.dot, bytes.count > 1 { bytes.removeLast() }
    guard !bytes.isEmpty else { throw .empty }
    if bytes == [Self.dot] {
      self = .root
      return
    }
    try self.init(rawOctets: bytes[...])
  }

  /// The name whose labels are the runs of `octets` between dots, nothing escaped (a trailing
  /// dot is an empty label), validated: what `init(rawText:)` reads after its trailing dot.
  public init(rawOctets octets: ArraySlice<UInt8>) throws(DomainNameError) {
    // Octets that need no escape read as a presentation text, without splitting them.
    if octets.last != Self.dot,
      octets.allSatisfy({ $0 == Self.dot || Self.isPlain($0) || Self.isUpper($0) }),
      let name = Self.plain(String(decoding: octets, as: UTF8.self))
    {
      self = name
      return
    }
    try self.init(
      labelOctets: octets.split(separator: Self.dot, omittingEmptySubsequences: false).map(
        Array.init))
  }

  /// Builds a name from labels in presentation form that are already known to be valid; each
  /// is brought to the canonical form (an escape that does not parse is taken literally).
  public init(validatedLabels: [String]) {
    self.init(canonicalLabels: validatedLabels.map { Self.canonical(Self.octets(ofLabel: $0)) })
  }

  private init(canonicalLabels: [String]) {
    self.text = canonicalLabels.isEmpty ? "." : canonicalLabels.joined(separator: ".")
  }

  /// A name from its text, already canonical (`text` of another name, or a suffix of one that
  /// starts at a label).
  private init(canonicalText: String) {
    self.text = canonicalText
  }

  /// The name `text` stands for when it is in canonical form but for upper-case ASCII letters
  /// and a trailing dot (no escape, no octet that needs one) and within the limits; nil
  /// otherwise (the full parser decides, and names the error). The common case: names from
  /// zone files, records and users, read without building octet arrays.
  private static func plain(_ text: String) -> DomainName? {
    var copy = text
    guard let (upper, count) = copy.withUTF8({ plainForm($0) }) else { return nil }
    if !upper, count == text.utf8.count { return DomainName(canonicalText: text) }
    let lowered = text.utf8.prefix(count).map { isUpper($0) ? $0 | 0x20 : $0 }
    return DomainName(canonicalText: String(decoding: lowered, as: UTF8.self))
  }

  /// `plain(_:)` of the text in `octets` (as a resolver writes a name it expanded), its
  /// canonical text made in one copy: nil where `plain` gives nil.
  static func plain(octets: UnsafeBufferPointer<UInt8>) -> DomainName? {
    guard let (_, count) = plainForm(octets) else { return nil }
    return DomainName(
      canonicalText: String(unsafeUninitializedCapacity: count) { buffer in
        for index in 0..<count {
          let octet = octets[index]
          buffer[index] = isUpper(octet) ? octet | 0x20 : octet
        }
        return count
      })
  }

  /// Whether `bytes` hold a name `plain` takes: its length without a trailing dot, and whether
  /// it has upper-case letters; nil when it does not take it.
  private static func plainForm(_ bytes: UnsafeBufferPointer<UInt8>) -> (upper: Bool, count: Int)? {
    var count = bytes.count
    if count > 1, bytes[count - 1] == dot { count -= 1 }
    guard count > 0, count <= 253 else { return nil }
    var start = 0
    var upper = false
    for index in 0...count {
      let byte = index < count ? bytes[index] : dot
      if byte == dot {
        guard index > start, index - start <= 63 else { return nil }
        start = index + 1
      } else if isUpper(byte) {
        upper = true
      } else if !isPlain(byte) {
        return nil
      }
    }
    return (upper, count)
  }

  /// True for an octet a canonical label holds as it is: printable ASCII other than upper-case
  /// letters, `.` and the characters that are escaped.
  static func isPlain(_ byte: UInt8) -> Bool {
    (0x21...0x7e).contains(byte) && !isUpper(byte) && !isEscaped(byte)
  }

  /// The printable characters presentation format escapes with a backslash in a label.
  static func isEscaped(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: "$"), UInt8(ascii: "("), UInt8(ascii: ")"),
      UInt8(ascii: "."), UInt8(ascii: ";"), UInt8(ascii: "@"), UInt8(ascii: "\\"):
      true
    default: false
    }
  }

  static func isUpper(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
  }

  /// The labels as octets (ASCII letters lower-cased), as they go on the wire.
  public var labelOctets: [[UInt8]] { labels.map(Self.octets(ofLabel:)) }

  /// The octets of the labels joined with `.`, decoded as UTF-8, nothing escaped: the value
  /// SPF macros expand to (`%{d}`, `%{p}`). Lossy for a label that holds a `.` octet.
  public var rawText: String {
    isRoot ? "." : String(decoding: Self.joined(labelOctets), as: UTF8.self)
  }

  /// The name with a trailing dot (`example.com.`), as zone files and dig print it.
  public var absolute: String { isRoot ? "." : text + "." }

  public var description: String { text }

  public var isRoot: Bool { text.utf8.count == 1 && text.utf8.first == Self.dot }

  /// The parent name (`example.com` for `mail.example.com`); the root has none.
  public var parent: DomainName? {
    guard !isRoot else { return nil }
    var first: String.Index?
    forEachSeparator { index in first = first ?? index }
    // The text after the first label and its dot.
    guard let first else { return .root }
    return DomainName(canonicalText: String(text[text.utf8.index(after: first)...]))
  }

  /// The name of the last `count` labels (`example.com` of `a.b.example.com` for 2): the
  /// name itself when it has no more, the root for 0.
  public func suffix(labels count: Int) -> DomainName {
    let drop = labelCount - max(count, 0)
    guard drop > 0 else { return self }
    guard count > 0 else { return .root }
    var seen = 0
    var cut = text.utf8.startIndex
    forEachSeparator { index in
      seen += 1
      if seen == drop { cut = index }
    }
    return DomainName(canonicalText: String(text[text.utf8.index(after: cut)...]))
  }

  /// True when `self` equals `other` or lies below it: `other`'s text ends `self`'s, after a
  /// `.` that separates labels (not after an escaped `\.` inside one).
  public func isSubdomain(of other: DomainName) -> Bool {
    if other.isRoot || self == other { return true }
    var text = text
    var suffix = other.text
    return text.withUTF8 { text in
      suffix.withUTF8 { suffix in
        guard text.count > suffix.count + 1 else { return false }
        let dotIndex = text.count - suffix.count - 1
        return text[dotIndex] == Self.dot
          && UnsafeBufferPointer(rebasing: text[(dotIndex + 1)...]).elementsEqual(suffix)
          && Self.isSeparator(text, at: dotIndex)
      }
    }
  }

  public static func == (lhs: DomainName, rhs: DomainName) -> Bool { lhs.text == rhs.text }

  public func hash(into hasher: inout Hasher) { hasher.combine(text) }

  /// `label.self`, validated (`label` in presentation form). Labels that `RelativeName` takes
  /// are checked alone and joined to the name; the whole text is parsed otherwise (an escape or
  /// another character that needs one, in the label or the name) and to name the error.
  public func prepending(_ label: String) throws(DomainNameError) -> DomainName {
    if let prefix = RelativeName(label), let name = prepending(prefix) { return name }
    return try DomainName(isRoot ? label : label + "." + text)
  }

  /// `prefix.self`, validated: what `prepending(_:)` gives for the prefix's text, nil where it
  /// throws. Only the length is checked when this name has no escape (the prefix's labels
  /// were checked once, when it was made, and a name without an escape holds only octets that
  /// need none, so text and octets agree); a name with one is parsed whole.
  public func prepending(_ prefix: RelativeName) -> DomainName? {
    if isRoot { return DomainName(canonicalText: prefix.text) }
    var prefixText = prefix.text
    var nameText = text
    // Both texts are native, contiguous UTF-8: searched and copied as octets.
    return prefixText.withUTF8 { head in
      nameText.withUTF8 { tail -> DomainName? in
        guard !tail.contains(Self.backslash) else {
          return try? DomainName(prefix.text + "." + text)
        }
        let total = head.count + 1 + tail.count
        guard total <= 253 else { return nil }
        return DomainName(
          canonicalText: String(unsafeUninitializedCapacity: total) { buffer in
            _ = buffer.initialize(from: head)
            buffer[head.count] = Self.dot
            _ = UnsafeMutableBufferPointer(rebasing: buffer[(head.count + 1)...]).initialize(
              from: tail)
            return total
          })
      }
    }
  }

  /// Labels to put in front of names (`s1._domainkey`), checked once: each a valid label
  /// without an escape (printable ASCII other than the escaped characters), in canonical form.
  public struct RelativeName: Sendable {
    /// The labels joined with `.`, lower-cased.
    public let text: String

    /// Nil when `text` is not one or more such labels (no trailing dot), or is longer than a
    /// name may be.
    public init?(_ text: String) {
      guard text.utf8.last != DomainName.dot, let name = DomainName.plain(text) else { return nil }
      self.text = name.text
    }
  }

  /// `self` below `suffix` (relative `self` made absolute under `suffix`), validated.
  public func appending(_ suffix: DomainName) throws(DomainNameError) -> DomainName {
    if suffix.isRoot { return self }
    if isRoot { return suffix }
    return try DomainName(labelOctets: labelOctets + suffix.labelOctets)
  }

  /// Names ordered by their labels from the right, each label by its canonical text (ASCII, so
  /// octet order is `String` order). Not RFC 4034 §6.1's order where escapes differ from the
  /// octets they stand for (`\"` sorts after `[`); it is the order reports list names in.
  public static func < (lhs: DomainName, rhs: DomainName) -> Bool {
    var left = lhs.text
    var right = rhs.text
    return left.withUTF8 { left in
      right.withUTF8 { right in
        var leftEnd: Int? = lhs.isRoot ? nil : left.count
        var rightEnd: Int? = rhs.isRoot ? nil : right.count
        while true {
          guard let rightEndNow = rightEnd else { return false }
          guard let leftEndNow = leftEnd else { return true }
          let leftStart = labelStart(left, before: leftEndNow)
          let rightStart = labelStart(right, before: rightEndNow)
          // Octet order, as `lexicographicallyPrecedes` would give, by memcmp: the generic
          // comparison went octet by octet (about 870 instructions a comparison).
          let leftCount = leftEndNow - leftStart
          let rightCount = rightEndNow - rightStart
          let common = min(leftCount, rightCount)
          let order =
            common == 0
            ? 0 : memcmp(left.baseAddress! + leftStart, right.baseAddress! + rightStart, common)
          if order != 0 { return order < 0 }
          if leftCount != rightCount { return leftCount < rightCount }
          leftEnd = leftStart == 0 ? nil : leftStart - 1
          rightEnd = rightStart == 0 ? nil : rightStart - 1
        }
      }
    }
  }

  /// Where the label that ends at `end` in a canonical text starts: after the closest `.`
  /// before it that separates labels, or at 0.
  private static func labelStart(_ text: UnsafeBufferPointer<UInt8>, before end: Int) -> Int {
    var index = end - 1
    while index >= 0 {
      if text[index] == dot, isSeparator(text, at: index) { return index + 1 }
      index -= 1
    }
    return 0
  }

  /// Whether the `.` at `index` of a canonical text separates labels: an even number of
  /// backslashes come before it (in the canonical form a backslash is always an escape's first
  /// octet or an escaped backslash).
  private static func isSeparator(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
    var backslashes = 0
    var position = index - 1
    while position >= 0, text[position] == backslash {
      backslashes += 1
      position -= 1
    }
    return backslashes % 2 == 0
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    do {
      self = try DomainName(text)
    } catch {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "invalid domain name '\(text)': \(error)")
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(text)
  }

  // MARK: - Presentation form

  static let dot = UInt8(ascii: ".")
  static let backslash = UInt8(ascii: "\\")

  /// Octets a presentation-form label takes on the wire (`\DDD` and `\X` count as one).
  static func wireLength(ofLabel label: String) -> Int { octets(ofLabel: label).count }

  /// The escape at `bytes[index]` (a backslash): its octet and how many bytes it used; nil for
  /// a backslash at the end, or `\DDD` that is not three digits up to 255.
  static func escape(_ bytes: [UInt8], at index: Int) -> (UInt8, Int)? {
    guard index + 1 < bytes.count else { return nil }
    let next = bytes[index + 1]
    guard isDigit(next) else { return (next, 2) }
    guard index + 3 < bytes.count, isDigit(bytes[index + 2]), isDigit(bytes[index + 3]) else {
      return nil
    }
    let value = Int(next - 48) * 100 + Int(bytes[index + 2] - 48) * 10 + Int(bytes[index + 3] - 48)
    return value <= 255 ? (UInt8(value), 4) : nil
  }

  /// The octets of one presentation-form label; an escape that does not parse is kept as
  /// written.
  static func octets(ofLabel label: String) -> [UInt8] {
    let bytes = Array(label.utf8)
    var out: [UInt8] = []
    var index = 0
    while index < bytes.count {
      if bytes[index] == backslash, let (octet, used) = escape(bytes, at: index) {
        out.append(octet)
        index += used
      } else {
        out.append(bytes[index])
        index += 1
      }
    }
    return out
  }

  /// The canonical presentation form of a label's octets (see `text`).
  static func canonical(_ octets: [UInt8]) -> String {
    if octets.allSatisfy(isPlain) { return String(decoding: octets, as: UTF8.self) }
    var out = ""
    out.unicodeScalars.reserveCapacity(octets.count)
    for byte in octets {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"):
        out.unicodeScalars.append(Unicode.Scalar(byte | 0x20))
      case _ where isEscaped(byte):
        out.unicodeScalars.append("\\")
        out.unicodeScalars.append(Unicode.Scalar(byte))
      case 0x21...0x7e:
        out.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        let digits = String(byte)
        out += "\\" + String(repeating: "0", count: 3 - digits.count) + digits
      }
    }
    return out
  }

  static func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  static func joined(_ labels: [[UInt8]]) -> [UInt8] {
    Array(labels.joined(separator: [dot]))
  }
}

/// Why a text is not a valid domain name.
public enum DomainNameError: Error, Hashable, Sendable, CustomStringConvertible {
  case empty
  case emptyLabel(String)
  case labelTooLong(String)
  case tooLong(Int)
  /// A backslash at the end, or `\DDD` that is not three digits up to 255.
  case invalidEscape(String)

  public var description: String {
    switch self {
    case .empty: "the name is empty"
    case .emptyLabel(let name): "'\(name)' has an empty label (two dots in a row or a leading dot)"
    case .labelTooLong(let label):
      "label '\(label.prefix(20))…' is \(DomainName.wireLength(ofLabel: label)) octets; the limit is 63"
    case .tooLong(let count): "the name is \(count) octets long; the limit is 253"
    case .invalidEscape(let name):
      "'\(name)' has a backslash escape that is not '\\X' or '\\DDD' (000 to 255)"
    }
  }
}
