/// The data of one resource record, typed for the types senderauth reads.
public enum RData: Hashable, Sendable {
  case a(IPAddress)
  case aaaa(IPAddress)
  case ns(DomainName)
  case cname(DomainName)
  case ptr(DomainName)
  /// RFC 1035 §3.3.9. A null MX (RFC 7505) has preference 0 and exchange `.`.
  case mx(preference: UInt16, exchange: DomainName)
  /// The character-strings exactly as sent (RFC 1035 §3.3.14); joining is the caller's business.
  case txt([[UInt8]])
  case soa(
    mname: DomainName, rname: DomainName, serial: UInt32, refresh: UInt32, retry: UInt32,
    expire: UInt32, minimum: UInt32)
  /// RFC 8659 §4.1.1.
  case caa(flags: UInt8, tag: String, value: [UInt8])
  /// Any other type, as raw RDATA (RFC 3597).
  case unknown([UInt8])

  /// The presentation form, as dig and zone files write it: `10 mail.example.com.` for MX,
  /// `"a" "b"` for TXT, `\# 3 010203` for unknown types.
  public var presentation: String {
    switch self {
    case .a(let address), .aaaa(let address): return address.description
    case .ns(let name), .cname(let name), .ptr(let name): return name.absolute
    case .mx(let preference, let exchange): return "\(preference) \(exchange.absolute)"
    case .txt(let strings):
      var out: [UInt8] = []
      out.reserveCapacity(strings.reduce(0) { $0 + $1.count + 3 })
      for (index, string) in strings.enumerated() {
        if index > 0 { out.append(UInt8(ascii: " ")) }
        RData.appendQuoted(string, to: &out)
      }
      return String(decoding: out, as: UTF8.self)
    case .soa(let mname, let rname, let serial, let refresh, let retry, let expire, let minimum):
      return
        "\(mname.absolute) \(rname.absolute) \(serial) \(refresh) \(retry) \(expire) \(minimum)"
    case .caa(let flags, let tag, let value):
      return "\(flags) \(tag) \(RData.quoted(value))"
    case .unknown(let bytes):
      let hex = bytes.map { byte in
        let digits = String(byte, radix: 16)
        return digits.count == 1 ? "0" + digits : digits
      }.joined()
      return bytes.isEmpty ? "\\# 0" : "\\# \(bytes.count) \(hex)"
    }
  }

  /// For TXT: the character-strings concatenated with no separator (RFC 7208 §3.3, RFC 6376
  /// §3.6.2.2), decoded as UTF-8 with invalid bytes replaced.
  public var joinedText: String? {
    guard case .txt(let strings) = self else { return nil }
    if strings.count == 1 { return String(decoding: strings[0], as: UTF8.self) }
    // One buffer for the joined octets (ill-formed UTF-8 repaired, as `String(decoding:)` does).
    let total = strings.reduce(0) { $0 + $1.count }
    return String(unsafeUninitializedCapacity: total) { buffer in
      var end = 0
      for string in strings {
        _ = UnsafeMutableBufferPointer(rebasing: buffer[end...]).initialize(from: string)
        end += string.count
      }
      return end
    }
  }

  /// TXT data for `text`, split into character-strings of at most 255 octets (never inside
  /// a UTF-8 sequence; after a space where one lies within the last 40 octets of a string).
  public static func txt(splitting text: String) -> RData {
    let octets = Array(text.utf8)
    guard octets.count > 255 else { return .txt([octets]) }
    var parts: [[UInt8]] = []
    var start = 0
    while start < octets.count {
      var end = min(start + 255, octets.count)
      if end < octets.count {
        if let space = octets[max(start, end - 40)..<end].lastIndex(of: UInt8(ascii: " ")) {
          end = space + 1
        }
        while end > start + 1, octets[end] & 0xC0 == 0x80 { end -= 1 }
      }
      parts.append(Array(octets[start..<end]))
      start = end
    }
    return .txt(parts)
  }

  /// One character-string in quotes, `"` and `\` escaped, other non-printable octets as `\DDD`.
  public static func quoted(_ bytes: [UInt8]) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + 2)
    appendQuoted(bytes, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// `quoted(bytes)`'s octets, appended to `out`.
  static func appendQuoted(_ bytes: [UInt8], to out: inout [UInt8]) {
    let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
    out.append(quote)
    // Runs of octets that stand for themselves are copied whole (a DKIM key's 400 octets are
    // one run).
    bytes.withUnsafeBufferPointer { octets in
      var start = 0
      for index in octets.indices {
        let byte = octets[index]
        if byte >= 0x20, byte < 0x7f, byte != quote, byte != backslash { continue }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: octets[start..<index]))
        out.append(backslash)
        if byte == quote || byte == backslash {
          out.append(byte)
        } else {
          out.append(0x30 + byte / 100)
          out.append(0x30 + byte / 10 % 10)
          out.append(0x30 + byte % 10)
        }
        start = index + 1
      }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: octets[start...]))
    }
    out.append(quote)
  }

  /// The record type this data belongs to, where it is implied.
  public var impliedType: RRType? {
    switch self {
    case .a: .a
    case .aaaa: .aaaa
    case .ns: .ns
    case .cname: .cname
    case .ptr: .ptr
    case .mx: .mx
    case .txt: .txt
    case .soa: .soa
    case .caa: .caa
    case .unknown: nil
    }
  }
}

/// Where a record came from when it was read from a zone file.
public struct RecordOrigin: Hashable, Sendable, Codable {
  public var file: String
  public var line: Int
  public init(file: String, line: Int) {
    self.file = file
    self.line = line
  }
}

/// One resource record of an answer: owner, type, TTL and typed data.
public struct ResourceRecord: Hashable, Sendable {
  // One reference: records are copied with every answer and filter (`CopyOnWrite`).
  private struct Fields: Hashable, Sendable {
    var name: DomainName
    var type: RRType
    var ttl: UInt32
    var data: RData
    var origin: RecordOrigin?
  }

  private var fields: CopyOnWrite<Fields>

  public var name: DomainName {
    get { fields.value.name }
    _modify { yield &fields.value.name }
  }
  public var type: RRType {
    get { fields.value.type }
    _modify { yield &fields.value.type }
  }
  public var ttl: UInt32 {
    get { fields.value.ttl }
    _modify { yield &fields.value.ttl }
  }
  public var data: RData {
    get { fields.value.data }
    _modify { yield &fields.value.data }
  }
  /// The zone file and line this record was read from, when it came from one.
  public var origin: RecordOrigin? {
    get { fields.value.origin }
    _modify { yield &fields.value.origin }
  }

  public init(
    name: DomainName, type: RRType, ttl: UInt32, data: RData, origin: RecordOrigin? = nil
  ) {
    fields = CopyOnWrite(Fields(name: name, type: type, ttl: ttl, data: data, origin: origin))
  }

  /// `name TTL IN TYPE data`, one zone-file line.
  public var presentation: String {
    "\(name.absolute) \(ttl) IN \(type.mnemonic) \(data.presentation)"
  }
}
