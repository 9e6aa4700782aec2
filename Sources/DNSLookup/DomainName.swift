/// A fully qualified DNS name, stored as its labels in canonical presentation form.
///
/// Only absolute names exist here: there is no search list and no relative form. The root
/// name has no labels. A label is octets (RFC 1035 §5.1: `foo\058bar` is the label `foo:bar`);
/// it is kept lower-cased in the form dig prints (see `DomainName+Presentation.swift`), so
/// names compare by their octets. Limits (RFC 1035 §2.3.4): a label is 1–63 octets, a name at
/// most 255 octets on the wire (253 characters without escapes).
public struct DomainName: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
  /// The labels, lower-cased, in canonical presentation form (`foo:bar`, `a\.b`, `\000`).
  public let labels: [String]

  /// The root name `.`.
  public static let root = DomainName(validatedLabels: [])

  /// Parses `text` (with or without a trailing dot) as an absolute name; `\DDD` and `\X`
  /// escapes are decoded into the label's octets.
  public init(_ text: String) throws(DomainNameError) {
    if text == "." {
      self.labels = []
      return
    }
    guard !text.isEmpty else { throw .empty }
    self = try DomainName(labelOctets: try Self.decodeLabels(text).labels)
  }

  /// Builds a name from labels that are already known to be valid.
  public init(validatedLabels: [String]) {
    self.labels = validatedLabels.map { $0.lowercased() }
  }

  /// The name without a trailing dot (`example.com`); the root is `.`.
  public var text: String { labels.isEmpty ? "." : labels.joined(separator: ".") }

  /// The name with a trailing dot (`example.com.`), as zone files and dig print it.
  public var absolute: String { labels.isEmpty ? "." : text + "." }

  public var description: String { text }

  public var isRoot: Bool { labels.isEmpty }

  /// The parent name (`example.com` for `mail.example.com`); the root has none.
  public var parent: DomainName? {
    labels.isEmpty ? nil : DomainName(validatedLabels: Array(labels.dropFirst()))
  }

  /// True when `self` equals `other` or lies below it.
  public func isSubdomain(of other: DomainName) -> Bool {
    labels.count >= other.labels.count && Array(labels.suffix(other.labels.count)) == other.labels
  }

  /// `label.self`, validated.
  public func prepending(_ label: String) throws(DomainNameError) -> DomainName {
    try DomainName(labels.isEmpty ? label : label + "." + text)
  }

  /// `self` below `suffix` (relative `self` made absolute under `suffix`), validated.
  public func appending(_ suffix: DomainName) throws(DomainNameError) -> DomainName {
    if suffix.isRoot { return self }
    if isRoot { return suffix }
    return try DomainName(text + "." + suffix.text)
  }

  public static func < (lhs: DomainName, rhs: DomainName) -> Bool {
    lhs.labels.reversed().lexicographicallyPrecedes(rhs.labels.reversed())
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

  /// Octets a presentation-form label takes on the wire (`\DDD` and `\X` count as one).
  static func wireLength(ofLabel label: String) -> Int {
    var count = 0
    var iterator = Array(label.utf8).makeIterator()
    while let byte = iterator.next() {
      if byte == UInt8(ascii: "\\") {
        if let next = iterator.next(), next >= UInt8(ascii: "0"), next <= UInt8(ascii: "9") {
          _ = iterator.next()
          _ = iterator.next()
        }
      }
      count += 1
    }
    return count
  }
}

/// Why a text is not a valid domain name.
public enum DomainNameError: Error, Hashable, Sendable, CustomStringConvertible {
  case empty
  case emptyLabel(String)
  case labelTooLong(String)
  case tooLong(Int)
  /// A `\` at the end, `\DDD` without three digits, or a value over 255.
  case badEscape(String)

  public var description: String {
    switch self {
    case .empty: "the name is empty"
    case .emptyLabel(let name): "'\(name)' has an empty label (two dots in a row or a leading dot)"
    case .labelTooLong(let label):
      "label '\(label.prefix(20))…' is \(DomainName.wireLength(ofLabel: label)) octets; the limit is 63"
    case .tooLong(let count): "the name is \(count) octets long; the limit is 253"
    case .badEscape(let name):
      "'\(name)' has a bad escape ('\\' must be followed by a character or three digits 000-255)"
    }
  }
}
