/// Record data in zone-file (presentation) form, read as Knot reads it.
extension RData {
  /// Reads record data in presentation form (`10 mail.example.com.`, `"a" "b"`), relative
  /// names made absolute under `origin`.
  public static func parse(presentation: String, type: RRType, origin: DomainName = .root)
    throws(ZoneFileError) -> RData
  {
    let file = "<\(type.mnemonic) data>"
    let entries = try ZoneFileLexer(presentation, file: file).entries()
    let tokens = entries.flatMap(\.tokens)
    guard let data = try parse(tokens, type: type, origin: origin, file: file, line: 0) else {
      throw ZoneFileError(
        file: file, line: 0, message: "\(type.mnemonic) data is only read in RFC 3597 form")
    }
    return data
  }

  /// Types whose data may be empty in RFC 3597 form (`\# 0`): Knot refuses an empty `\#` for
  /// every type it knows except APL.
  static func mayBeEmpty(_ type: RRType) -> Bool {
    type.rawValue == 42 || RRType.mnemonics[type.rawValue] == nil
  }

  /// Reads record data from tokens; nil for known types senderauth does not read (their
  /// data is not checked beyond the tokens).
  static func parse(
    _ tokens: [ZoneToken], type: RRType, origin: DomainName?, file: String, line: Int
  ) throws(ZoneFileError) -> RData? {
    var reader = Reader(tokens: tokens, type: type, origin: origin, file: file, line: line)
    if let first = tokens.first, !first.quoted, first.bytes.starts(with: [0x5C, 0x23]) {
      guard first.bytes.count == 2 else {
        throw reader.fail(first, "'\\#' must stand alone, followed by the data length")
      }
      return try reader.generic()
    }
    guard !tokens.isEmpty else { throw reader.fail(nil, "the \(type.mnemonic) record has no data") }
    let data: RData
    switch type {
    case .a, .aaaa:
      data = try reader.address()
    case .ns, .cname, .ptr:
      let target = try reader.name("target")
      data = type == .ns ? .ns(target) : type == .cname ? .cname(target) : .ptr(target)
    case .mx:
      data = .mx(
        preference: try reader.number(UInt16.self, "MX preference"),
        exchange: try reader.name("mail exchange"))
    case .txt, .spf:
      var strings: [[UInt8]] = []
      while let token = reader.next() {
        let octets = try ZoneFileField.characterString(token, file: file)
        // Knot splits a string longer than 255 octets into strings of 255.
        var start = 0
        repeat {
          strings.append(Array(octets[start..<min(start + 255, octets.count)]))
          start += 255
        } while start < octets.count
      }
      data = .txt(strings)
    case .soa:
      let mname = try reader.name("SOA primary server")
      let rname = try reader.name("SOA mailbox")
      let serial = try reader.number(UInt32.self, "SOA serial")
      var times: [UInt32] = []
      for what in ["refresh", "retry", "expire", "minimum"] {
        times.append(try reader.ttl("SOA \(what)"))
      }
      data = .soa(
        mname: mname, rname: rname, serial: serial, refresh: times[0], retry: times[1],
        expire: times[2], minimum: times[3])
    case .caa:
      let flags = try reader.number(UInt8.self, "CAA flags")
      let tag = try reader.characterString("CAA tag", limit: 255)
      let value = try reader.characterString("CAA value", limit: 65535)
      data = .caa(flags: flags, tag: String(decoding: tag, as: UTF8.self), value: value)
    case .srv:
      var wire: [UInt8] = []
      for what in ["priority", "weight", "port"] {
        let value = try reader.number(UInt16.self, "SRV \(what)")
        wire += [UInt8(value >> 8), UInt8(value & 0xff)]
      }
      wire += try reader.name("SRV target").wireFormat
      data = .unknown(wire)
    default:
      guard RRType.mnemonics[type.rawValue] != nil else {
        throw reader.fail(
          tokens.first, "\(type.mnemonic) data must be in RFC 3597 form ('\\# length hex')")
      }
      return nil
    }
    try reader.finish()
    guard data.wireLength <= 65535 else {
      throw reader.fail(tokens.first, "the record data is longer than 65535 octets")
    }
    return data
  }

  /// The length of the data on the wire.
  var wireLength: Int {
    switch self {
    case .a(let address), .aaaa(let address): address.bytes.count
    case .ns(let name), .cname(let name), .ptr(let name): name.wireFormat.count
    case .mx(_, let exchange): 2 + exchange.wireFormat.count
    case .txt(let strings): strings.reduce(0) { $0 + 1 + $1.count }
    case .soa(let mname, let rname, _, _, _, _, _):
      mname.wireFormat.count + rname.wireFormat.count + 20
    case .caa(_, let tag, let value): 2 + tag.utf8.count + value.count
    case .unknown(let bytes): bytes.count
    }
  }

  /// Typed data for RFC 3597 octets of a type `RData` models, so that `A \# 4 c0000201` and
  /// `A 192.0.2.1` are the same record; octets that do not fit the type stay `.unknown`, as
  /// Knot keeps them.
  static func typed(fromWire bytes: [UInt8], type: RRType) -> RData {
    var offset = 0
    func name() -> DomainName? {
      var labels: [[UInt8]] = []
      while offset < bytes.count {
        let count = Int(bytes[offset])
        offset += 1
        if count == 0 { return try? DomainName(labelOctets: labels) }
        guard count <= 63, offset + count <= bytes.count else { return nil }
        labels.append(Array(bytes[offset..<offset + count]))
        offset += count
      }
      return nil
    }
    func uint32() -> UInt32? {
      guard offset + 4 <= bytes.count else { return nil }
      defer { offset += 4 }
      return bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }
    var data: RData?
    switch type {
    case .a where bytes.count == 4:
      data = .a(.v4(bytes))
      offset = 4
    case .aaaa where bytes.count == 16:
      data = .aaaa(.v6(bytes))
      offset = 16
    case .ns: data = name().map(RData.ns)
    case .cname: data = name().map(RData.cname)
    case .ptr: data = name().map(RData.ptr)
    case .mx where bytes.count >= 3:
      offset = 2
      data = name().map { .mx(preference: UInt16(bytes[0]) << 8 | UInt16(bytes[1]), exchange: $0) }
    case .txt, .spf:
      var strings: [[UInt8]] = []
      while offset < bytes.count {
        let count = Int(bytes[offset])
        guard offset + 1 + count <= bytes.count else { return .unknown(bytes) }
        strings.append(Array(bytes[offset + 1..<offset + 1 + count]))
        offset += 1 + count
      }
      data = .txt(strings)
    case .soa:
      if let mname = name(), let rname = name(), let serial = uint32(), let refresh = uint32(),
        let retry = uint32(), let expire = uint32(), let minimum = uint32()
      {
        data = .soa(
          mname: mname, rname: rname, serial: serial, refresh: refresh, retry: retry,
          expire: expire, minimum: minimum)
      }
    case .caa where bytes.count >= 2 && 2 + Int(bytes[1]) <= bytes.count:
      let tagEnd = 2 + Int(bytes[1])
      data = .caa(
        flags: bytes[0], tag: String(decoding: bytes[2..<tagEnd], as: UTF8.self),
        value: Array(bytes[tagEnd...]))
      offset = bytes.count
    default: break
    }
    guard let data, offset == bytes.count else { return .unknown(bytes) }
    return data
  }
}

/// Reads the fields of one record's data in order; every error names the token.
private struct Reader {
  let tokens: [ZoneToken]
  let type: RRType
  let origin: DomainName?
  let file: String
  let line: Int
  var index = 0

  init(tokens: [ZoneToken], type: RRType, origin: DomainName?, file: String, line: Int) {
    self.tokens = tokens
    self.type = type
    self.origin = origin
    self.file = file
    self.line = line
  }

  func fail(_ token: ZoneToken?, _ message: String) -> ZoneFileError {
    ZoneFileError(
      file: file, line: token?.line ?? line, column: token?.column ?? 0, token: token?.raw,
      message: message)
  }

  mutating func next() -> ZoneToken? {
    guard index < tokens.count else { return nil }
    defer { index += 1 }
    return tokens[index]
  }

  mutating func field(_ what: String) throws(ZoneFileError) -> ZoneToken {
    guard let token = next() else {
      throw fail(tokens.last, "the \(type.mnemonic) record ends before its \(what)")
    }
    return token
  }

  /// No tokens may follow the last field.
  func finish() throws(ZoneFileError) {
    guard index < tokens.count else { return }
    throw fail(
      tokens[index],
      "unexpected \(ZoneFileError.quoted(tokens[index].raw)) after the \(type.mnemonic) data")
  }

  mutating func name(_ what: String) throws(ZoneFileError) -> DomainName {
    try ZoneFileField.name(try field(what), origin: origin, file: file, what: what)
  }

  mutating func number<T: FixedWidthInteger & UnsignedInteger>(_: T.Type, _ what: String)
    throws(ZoneFileError) -> T
  {
    try ZoneFileField.number(try field(what), T.self, what, file: file)
  }

  mutating func ttl(_ what: String) throws(ZoneFileError) -> UInt32 {
    let token = try field(what)
    guard !token.quoted, let value = ZoneFileField.ttl(token.bytes) else {
      throw fail(
        token, "\(what) \(ZoneFileError.quoted(token.raw)) is not a time (seconds, or 1h30m)")
    }
    return value
  }

  mutating func characterString(_ what: String, limit: Int) throws(ZoneFileError) -> [UInt8] {
    let token = try field(what)
    let octets = try ZoneFileField.characterString(token, file: file)
    guard octets.count <= limit else {
      throw fail(token, "\(what) of \(octets.count) octets; the limit is \(limit)")
    }
    return octets
  }

  /// A or AAAA: the characters Knot collects for an address, then `inet_pton`.
  mutating func address() throws(ZoneFileError) -> RData {
    let v4 = type == .a
    let token = try field(v4 ? "IPv4 address" : "IPv6 address")
    let allowed = token.bytes.allSatisfy { byte in
      DomainName.isDigit(byte) || byte == UInt8(ascii: ".")
        || (!v4 && (byte == UInt8(ascii: ":") || (0x61...0x66).contains(byte | 0x20)))
    }
    guard !token.quoted, allowed, let address = IPAddress(token.raw), address.isIPv4 == v4
    else {
      throw fail(token, "\(ZoneFileError.quoted(token.raw)) is not an IPv\(v4 ? 4 : 6) address")
    }
    try finish()
    return v4 ? .a(address) : .aaaa(address)
  }

  /// RFC 3597 §5: `\# length hex…`, the hex in whole octets, blanks between them.
  mutating func generic() throws(ZoneFileError) -> RData {
    let marker = next()
    guard let lengthToken = next() else {
      throw fail(marker, "'\\#' must be followed by the data length")
    }
    let length = try ZoneFileField.number(lengthToken, UInt16.self, "'\\#' length", file: file)
    if length == 0, !RData.mayBeEmpty(type) {
      throw fail(lengthToken, "\(type.mnemonic) data cannot be empty")
    }
    var bytes: [UInt8] = []
    while let token = next() {
      guard !token.quoted, token.bytes.count % 2 == 0,
        let octets = Self.hexOctets(token.bytes)
      else {
        throw fail(
          token, "'\\#' data \(ZoneFileError.quoted(token.raw)) is not hexadecimal octets")
      }
      bytes += octets
    }
    guard bytes.count == Int(length) else {
      throw fail(
        lengthToken, "'\\#' data has \(bytes.count) octets, the length says \(length)")
    }
    return RData.typed(fromWire: bytes, type: type)
  }

  static func hexOctets(_ digits: [UInt8]) -> [UInt8]? {
    var out: [UInt8] = []
    var high: UInt8?
    for character in digits {
      let nibble: UInt8
      switch character {
      case 48...57: nibble = character - 48
      case 65...70: nibble = character - 55
      case 97...102: nibble = character - 87
      default: return nil
      }
      if let value = high {
        out.append(value << 4 | nibble)
        high = nil
      } else {
        high = nibble
      }
    }
    return out
  }
}
