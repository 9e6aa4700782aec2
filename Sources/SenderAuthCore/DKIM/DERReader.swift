/// A small, bounded reader for the DER (ITU-T X.690 §10) that DKIM public keys are made of.
///
/// It reads one TLV at a time from a byte range and never reads past it: every length is
/// checked against what is left, long-form lengths are limited to four octets, indefinite
/// lengths and multi-octet tags are rejected. Nothing here traps on hostile input.
public struct DERReader: Sendable {
  /// The universal tags a public key uses.
  public enum Tag: UInt8, Sendable {
    case integer = 0x02
    case bitString = 0x03
    case null = 0x05
    case objectIdentifier = 0x06
    case sequence = 0x30
  }

  /// One TLV: its tag octet, the range of its content, and where it started.
  public struct Element: Sendable {
    public var tag: UInt8
    public var content: ArraySlice<UInt8>
    public var offset: Int
  }

  /// Why the bytes are not the DER that was expected, with the offset of the problem.
  public enum DERError: Error, Hashable, Sendable, Codable {
    /// The data ends before the element does.
    case truncated(offset: Int)
    /// A different tag than the structure requires.
    case unexpectedTag(offset: Int, expected: UInt8, found: UInt8)
    /// Indefinite, over-long or non-minimal length, or a multi-octet tag.
    case badLength(offset: Int)
    case unsupportedTag(offset: Int)
    /// An INTEGER, BIT STRING, NULL or OID whose content breaks its encoding rules.
    case badContent(offset: Int, reason: String)
    /// Octets after the end of the structure.
    case trailingData(offset: Int)

    public var offset: Int {
      switch self {
      case .truncated(let offset), .unexpectedTag(let offset, _, _), .badLength(let offset),
        .unsupportedTag(let offset), .badContent(let offset, _), .trailingData(let offset):
        offset
      }
    }
  }

  private let bytes: ArraySlice<UInt8>
  private var position: Int

  /// A reader over `bytes` (an array or a slice of one; offsets are the slice's indices).
  public init(_ bytes: ArraySlice<UInt8>) {
    self.bytes = bytes
    self.position = bytes.startIndex
  }

  public init(_ bytes: [UInt8]) {
    self.init(bytes[...])
  }

  /// True when every byte has been read.
  public var isAtEnd: Bool { position >= bytes.endIndex }

  /// The offset of the next element.
  public var offset: Int { position }

  /// Fails with `trailingData` unless every byte has been read.
  public func expectEnd() throws(DERError) {
    if !isAtEnd { throw .trailingData(offset: position) }
  }

  /// Reads the next TLV, whatever its tag.
  public mutating func readElement() throws(DERError) -> Element {
    let start = position
    guard position < bytes.endIndex else { throw .truncated(offset: position) }
    let tag = bytes[position]
    // Tag number 31 in the low bits announces a multi-octet tag, which keys never use.
    guard tag & 0x1f != 0x1f else { throw .unsupportedTag(offset: position) }
    position += 1
    guard position < bytes.endIndex else { throw .truncated(offset: position) }
    let first = bytes[position]
    position += 1
    var length = 0
    if first < 0x80 {
      length = Int(first)
    } else {
      let octets = Int(first & 0x7f)
      // 0x80 is the indefinite form (BER only); more than four octets is never a real key.
      guard octets >= 1, octets <= 4 else { throw .badLength(offset: position - 1) }
      guard bytes.endIndex - position >= octets else { throw .truncated(offset: position) }
      guard bytes[position] != 0 else { throw .badLength(offset: position - 1) }
      for _ in 0..<octets {
        length = length << 8 | Int(bytes[position])
        position += 1
      }
      guard length >= 0x80 else { throw .badLength(offset: start + 1) }
    }
    guard bytes.endIndex - position >= length else { throw .truncated(offset: bytes.endIndex) }
    let content = bytes[position..<(position + length)]
    position += length
    return Element(tag: tag, content: content, offset: start)
  }

  /// Reads the next TLV and requires `tag`.
  public mutating func read(_ tag: Tag) throws(DERError) -> Element {
    let element = try readElement()
    guard element.tag == tag.rawValue else {
      throw .unexpectedTag(offset: element.offset, expected: tag.rawValue, found: element.tag)
    }
    return element
  }

  /// Reads a SEQUENCE and returns a reader over its content.
  public mutating func readSequence() throws(DERError) -> DERReader {
    DERReader(try read(.sequence).content)
  }

  /// Reads an INTEGER and returns its two's-complement content octets (at least one).
  public mutating func readInteger() throws(DERError) -> ArraySlice<UInt8> {
    let element = try read(.integer)
    let content = element.content
    guard let first = content.first else {
      throw .badContent(offset: element.offset, reason: "empty INTEGER")
    }
    if content.count > 1 {
      let second = content[content.startIndex + 1]
      if (first == 0x00 && second & 0x80 == 0) || (first == 0xff && second & 0x80 != 0) {
        throw .badContent(offset: element.offset, reason: "INTEGER not minimally encoded")
      }
    }
    return content
  }

  /// Reads a BIT STRING and returns its bits as octets; the unused-bit count must be 0.
  public mutating func readBitString() throws(DERError) -> ArraySlice<UInt8> {
    let element = try read(.bitString)
    guard let unused = element.content.first else {
      throw .badContent(offset: element.offset, reason: "empty BIT STRING")
    }
    guard unused == 0 else {
      throw .badContent(offset: element.offset, reason: "BIT STRING with \(unused) unused bits")
    }
    return element.content.dropFirst()
  }

  /// Reads a NULL (no content).
  public mutating func readNull() throws(DERError) {
    let element = try read(.null)
    guard element.content.isEmpty else {
      throw .badContent(offset: element.offset, reason: "NULL with content")
    }
  }

  /// Reads an OBJECT IDENTIFIER and returns it in dotted form (`1.2.840.113549.1.1.1`).
  public mutating func readObjectIdentifier() throws(DERError) -> String {
    let element = try read(.objectIdentifier)
    let content = element.content
    guard !content.isEmpty, content.count <= 64 else {
      throw .badContent(offset: element.offset, reason: "OBJECT IDENTIFIER length")
    }
    var arcs: [UInt64] = []
    var value: UInt64 = 0
    var inArc = false
    for byte in content {
      // A leading 0x80 octet is not minimal; an arc over 56 bits is not a real OID.
      if !inArc, byte == 0x80 {
        throw .badContent(offset: element.offset, reason: "OBJECT IDENTIFIER arc not minimal")
      }
      guard value < (1 << 56) else {
        throw .badContent(offset: element.offset, reason: "OBJECT IDENTIFIER arc too large")
      }
      value = value << 7 | UInt64(byte & 0x7f)
      inArc = true
      if byte & 0x80 == 0 {
        arcs.append(value)
        value = 0
        inArc = false
      }
    }
    guard !inArc, let first = arcs.first else {
      throw .badContent(offset: element.offset, reason: "OBJECT IDENTIFIER ends mid-arc")
    }
    let head: [UInt64] = first < 80 ? [first / 40, first % 40] : [2, first - 80]
    return (head + arcs.dropFirst()).map(String.init).joined(separator: ".")
  }
}
