#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An RFC 1035 §5 master file: its apex and its records, each with the line it came from.
///
/// Read: `$ORIGIN`, `$TTL`, `@`, relative and absolute names, omitted owner/TTL/class,
/// parentheses over several lines, comments, quoted strings with `\"`, `\\` and `\DDD`,
/// multi-string TXT; A, AAAA, NS, CNAME, PTR, MX, TXT, SPF, SOA, CAA, SRV, and any type in
/// RFC 3597 form (`TYPE65534 \# 2 abcd`). Other known types are skipped with a note.
public struct ZoneFile: Hashable, Sendable {
  /// The zone's apex: the SOA owner, else the first origin.
  public var origin: DomainName
  public var records: [ResourceRecord]
  /// The path or label the zone was read from.
  public var file: String
  /// Records not read, each as `file:line: why`.
  public var skipped: [String]

  public init(origin: DomainName, records: [ResourceRecord], file: String, skipped: [String] = []) {
    self.origin = origin
    self.records = records
    self.file = file
    self.skipped = skipped
  }

  /// Reads zone-file text. Without `origin`, the text must set `$ORIGIN` before its first
  /// relative name.
  public static func parse(
    _ text: String, origin: DomainName? = nil, file: String = "<zone>"
  ) throws(ZoneFileError) -> ZoneFile {
    var parser = ZoneFileParser(file: file, origin: origin)
    return try parser.parse(text)
  }

  /// Reads the zone file at `path`. Without `origin`, a file named `example.com.zone` has the
  /// origin `example.com`.
  public static func load(path: String, origin: DomainName? = nil) throws(ZoneFileError)
    -> ZoneFile
  {
    guard let handle = fopen(path, "rb") else {
      let reason = String(decoding: Array(strerrorText(errno).utf8), as: UTF8.self)
      throw ZoneFileError(file: path, line: 0, message: "cannot read the zone file: \(reason)")
    }
    defer { fclose(handle) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = fread(&chunk, 1, chunk.count, handle)
      if count > 0 { bytes.append(contentsOf: chunk[0..<count]) }
      if count < chunk.count { break }
      if bytes.count > 64 * 1024 * 1024 {
        throw ZoneFileError(file: path, line: 0, message: "the zone file is larger than 64 MiB")
      }
    }
    if ferror(handle) != 0 {
      throw ZoneFileError(file: path, line: 0, message: "cannot read the zone file")
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw ZoneFileError(file: path, line: 0, message: "the zone file is not UTF-8 text")
    }
    return try parse(text, origin: origin ?? originFromFileName(path), file: path)
  }

  /// `example.com` for `…/example.com.zone` (or `.db`), when the base name holds a dot.
  static func originFromFileName(_ path: String) -> DomainName? {
    let base = path.split(separator: "/").last.map(String.init) ?? path
    for suffix in [".zone", ".db"] where base.hasSuffix(suffix) {
      let stem = String(base.dropLast(suffix.count))
      guard stem.contains(".") else { return nil }
      return try? DomainName(stem)
    }
    return nil
  }

  private static func strerrorText(_ code: Int32) -> String {
    guard let pointer = strerror(code) else { return "error \(code)" }
    return String(cString: pointer)
  }
}

/// The state of reading one zone file: origin, default TTL, previous owner.
struct ZoneFileParser {
  let file: String
  var origin: DomainName?
  var apex: DomainName?
  var defaultTTL: UInt32?
  var lastTTL: UInt32?
  var lastOwner: DomainName?
  var records: [ResourceRecord] = []
  var skipped: [String] = []

  init(file: String, origin: DomainName?) {
    self.file = file
    self.origin = origin
  }

  mutating func parse(_ text: String) throws(ZoneFileError) -> ZoneFile {
    let entries = try ZoneFileLexer(text, file: file).entries()
    for entry in entries {
      try read(entry)
    }
    guard let zoneOrigin = apex ?? origin ?? records.first?.name else {
      throw ZoneFileError(file: file, line: 0, message: "the zone file has no records")
    }
    return ZoneFile(origin: zoneOrigin, records: records, file: file, skipped: skipped)
  }

  private func error(_ line: Int, _ message: String) -> ZoneFileError {
    ZoneFileError(file: file, line: line, message: message)
  }

  private mutating func read(_ entry: ZoneEntry) throws(ZoneFileError) {
    var tokens = entry.tokens[...]
    guard let first = tokens.first else { return }
    if !entry.ownerOmitted, !first.quoted, first.raw.hasPrefix("$") {
      try directive(first.raw.uppercased(), Array(tokens.dropFirst()), line: entry.line)
      return
    }
    let owner: DomainName
    if entry.ownerOmitted {
      guard let previous = lastOwner else {
        throw error(entry.line, "the record has no owner name and there is no previous one")
      }
      owner = previous
    } else {
      owner = try name(first, line: entry.line)
      tokens = tokens.dropFirst()
    }
    var ttl: UInt32?
    var sawClass = false
    while let token = tokens.first, !token.quoted {
      let upper = token.raw.uppercased()
      if ttl == nil, let value = ZoneFileParser.ttl(token.raw) {
        ttl = value
      } else if !sawClass, ["IN", "CH", "HS", "CS"].contains(upper) || upper.hasPrefix("CLASS") {
        guard upper == "IN" || upper == "CLASS1" else {
          throw error(entry.line, "class '\(token.raw)' is not supported; only IN is")
        }
        sawClass = true
      } else {
        break
      }
      tokens = tokens.dropFirst()
    }
    guard let typeToken = tokens.first else {
      throw error(entry.line, "the record for '\(owner.absolute)' has no type")
    }
    tokens = tokens.dropFirst()
    guard let type = RRType(mnemonic: typeToken.raw), !typeToken.quoted else {
      throw error(entry.line, "'\(typeToken.raw)' is not a record type")
    }
    lastOwner = owner
    let rdataTokens = Array(tokens)
    guard
      let data = try RData.parse(
        rdataTokens, type: type, origin: origin, file: file, line: entry.line)
    else {
      skipped.append(
        "\(file):\(entry.line): \(type.mnemonic) record not read (not used by senderauth)")
      return
    }
    if type == .soa, apex == nil {
      apex = owner
      if defaultTTL == nil, case .soa(_, _, _, _, _, _, let minimum) = data, ttl == nil,
        lastTTL == nil
      {
        lastTTL = minimum
      }
    }
    guard let recordTTL = ttl ?? defaultTTL ?? lastTTL else {
      throw error(entry.line, "the record has no TTL and no $TTL is set")
    }
    if ttl != nil { lastTTL = ttl }
    records.append(
      ResourceRecord(
        name: owner, type: type, ttl: recordTTL, data: data,
        origin: RecordOrigin(file: file, line: entry.line)))
  }

  private mutating func directive(_ keyword: String, _ arguments: [ZoneToken], line: Int)
    throws(ZoneFileError)
  {
    switch keyword {
    case "$ORIGIN":
      guard arguments.count == 1 else { throw error(line, "$ORIGIN takes one domain name") }
      origin = try name(arguments[0], line: line)
    case "$TTL":
      guard arguments.count == 1, let value = ZoneFileParser.ttl(arguments[0].raw) else {
        throw error(line, "$TTL takes one TTL (seconds, or units such as 1h30m)")
      }
      defaultTTL = value
    case "$INCLUDE":
      throw error(line, "$INCLUDE is not supported; give each file with its own --zone")
    default:
      throw error(line, "unknown directive '\(keyword)'")
    }
  }

  private func name(_ token: ZoneToken, line: Int) throws(ZoneFileError) -> DomainName {
    try ZoneFileParser.name(token, origin: origin, file: file, line: line)
  }

  static func name(_ token: ZoneToken, origin: DomainName?, file: String, line: Int)
    throws(ZoneFileError) -> DomainName
  {
    let text = token.raw
    if text == "@" {
      guard let origin else {
        throw ZoneFileError(file: file, line: line, message: "'@' used before any $ORIGIN")
      }
      return origin
    }
    do {
      if text.hasSuffix(".") && !text.hasSuffix("\\.") { return try DomainName(text) }
      guard let origin else {
        throw ZoneFileError(
          file: file, line: line,
          message: "relative name '\(text)' used before any $ORIGIN")
      }
      return try DomainName(text).appending(origin)
    } catch {
      throw ZoneFileError(file: file, line: line, message: "bad name '\(text)': \(error)")
    }
  }

  /// A TTL in seconds: `3600`, or BIND units `1h30m`, `2d`, `1w`. Nil when not a TTL.
  static func ttl(_ text: String) -> UInt32? {
    guard let first = text.utf8.first, ZoneFileLexer.isDigit(first) else { return nil }
    if let plain = DecimalText.value(text, as: UInt32.self) { return plain }
    var total: UInt64 = 0
    var number: UInt64 = 0
    var sawDigit = false
    for character in text.lowercased() {
      if let digit = character.wholeNumberValue, character.isASCII {
        number = number * 10 + UInt64(digit)
        sawDigit = true
        if number > UInt64(UInt32.max) { return nil }
        continue
      }
      let unit: UInt64
      switch character {
      case "s": unit = 1
      case "m": unit = 60
      case "h": unit = 3600
      case "d": unit = 86400
      case "w": unit = 604800
      default: return nil
      }
      guard sawDigit else { return nil }
      // number ≤ 2^32 and unit ≤ 604800, so neither the product nor the sum can overflow
      // before the check.
      total += number * unit
      guard total <= UInt64(UInt32.max) else { return nil }
      number = 0
      sawDigit = false
    }
    guard !sawDigit, total <= UInt64(UInt32.max) else { return nil }
    return UInt32(total)
  }
}

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

  /// Reads record data from tokens; nil for known types senderauth does not read.
  static func parse(
    _ tokens: [ZoneToken], type: RRType, origin: DomainName?, file: String, line: Int
  ) throws(ZoneFileError) -> RData? {
    func fail(_ message: String) -> ZoneFileError {
      ZoneFileError(file: file, line: line, message: message)
    }
    func expect(_ count: Int) throws(ZoneFileError) {
      guard tokens.count == count else {
        throw fail("\(type.mnemonic) record needs \(count) field(s), found \(tokens.count)")
      }
    }
    func name(_ token: ZoneToken) throws(ZoneFileError) -> DomainName {
      try ZoneFileParser.name(token, origin: origin, file: file, line: line)
    }
    func number<T: FixedWidthInteger & UnsignedInteger>(
      _ token: ZoneToken, _: T.Type, _ what: String
    )
      throws(ZoneFileError) -> T
    {
      guard let value = DecimalText.value(token.raw, as: T.self) else {
        throw fail("\(what) '\(token.raw)' is not a number from 0 to \(T.max)")
      }
      return value
    }
    if let first = tokens.first, first.raw == "\\#", !first.quoted {
      return try generic(Array(tokens.dropFirst()), type: type, fail: fail)
    }
    switch type {
    case .a, .aaaa:
      try expect(1)
      guard let address = IPAddress(tokens[0].raw), address.isIPv4 == (type == .a) else {
        throw fail("'\(tokens[0].raw)' is not an IPv\(type == .a ? 4 : 6) address")
      }
      return type == .a ? .a(address) : .aaaa(address)
    case .ns, .cname, .ptr:
      try expect(1)
      let target = try name(tokens[0])
      return type == .ns ? .ns(target) : type == .cname ? .cname(target) : .ptr(target)
    case .mx:
      try expect(2)
      return .mx(
        preference: try number(tokens[0], UInt16.self, "MX preference"),
        exchange: try name(tokens[1]))
    case .txt, .spf:
      guard !tokens.isEmpty else { throw fail("\(type.mnemonic) record needs at least one string") }
      for token in tokens where token.octets.count > 255 {
        throw fail(
          "character-string of \(token.octets.count) octets; the limit is 255 (split it into "
            + "several quoted strings)")
      }
      return .txt(tokens.map(\.octets))
    case .soa:
      try expect(7)
      var times: [UInt32] = []
      for (index, token) in tokens.dropFirst(2).enumerated() {
        guard
          let value = index == 0
            ? DecimalText.value(token.raw, as: UInt32.self) : ZoneFileParser.ttl(token.raw)
        else {
          throw fail("SOA field '\(token.raw)' is not a number")
        }
        times.append(value)
      }
      return .soa(
        mname: try name(tokens[0]), rname: try name(tokens[1]), serial: times[0],
        refresh: times[1], retry: times[2], expire: times[3], minimum: times[4])
    case .caa:
      try expect(3)
      let tag = tokens[1].raw
      guard !tag.isEmpty, tag.utf8.allSatisfy({ $0 < 128 && (isalnum(Int32($0)) != 0) }) else {
        throw fail("CAA tag '\(tag)' must be letters and digits")
      }
      return .caa(
        flags: try number(tokens[0], UInt8.self, "CAA flags"), tag: tag, value: tokens[2].octets)
    case .srv:
      try expect(4)
      var wire: [UInt8] = []
      for (token, what) in zip(tokens.prefix(3), ["priority", "weight", "port"]) {
        let value = try number(token, UInt16.self, "SRV \(what)")
        wire += [UInt8(value >> 8), UInt8(value & 0xff)]
      }
      wire += try name(tokens[3]).wireFormat
      return .unknown(wire)
    default:
      guard RRType.mnemonics[type.rawValue] != nil else {
        throw fail("\(type.mnemonic) data must be in RFC 3597 form ('\\# length hex')")
      }
      return nil
    }
  }

  /// RFC 3597 §5: `\# length hex…`.
  private static func generic(
    _ tokens: [ZoneToken], type: RRType, fail: (String) -> ZoneFileError
  ) throws(ZoneFileError) -> RData {
    guard let lengthToken = tokens.first,
      let length = DecimalText.value(lengthToken.raw, as: Int.self),
      (0...65535).contains(length)
    else {
      throw fail("'\\#' must be followed by the data length")
    }
    let hex = tokens.dropFirst().map(\.raw).joined()
    guard hex.utf8.count == length * 2 else {
      throw fail("'\\#' data has \(hex.utf8.count / 2) octets, the length says \(length)")
    }
    var bytes: [UInt8] = []
    var high: UInt8?
    for character in hex.utf8 {
      guard let nibble = hexValue(character) else {
        throw fail("'\\#' data '\(hex.prefix(16))' is not hexadecimal")
      }
      if let value = high {
        bytes.append(value << 4 | nibble)
        high = nil
      } else {
        high = nibble
      }
    }
    switch type {
    case .a where bytes.count == 4: return .a(.v4(bytes))
    case .aaaa where bytes.count == 16: return .aaaa(.v6(bytes))
    case .txt, .spf:
      var strings: [[UInt8]] = []
      var index = 0
      while index < bytes.count {
        let count = Int(bytes[index])
        guard index + 1 + count <= bytes.count else { throw fail("'\\#' TXT data is cut short") }
        strings.append(Array(bytes[index + 1..<index + 1 + count]))
        index += 1 + count
      }
      return .txt(strings)
    default: return .unknown(bytes)
    }
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case 48...57: byte - 48
    case 65...70: byte - 55
    case 97...102: byte - 87
    default: nil
    }
  }
}

extension DomainName {
  /// The uncompressed wire form (RFC 1035 §3.1): length-prefixed labels, then a zero octet.
  public var wireFormat: [UInt8] {
    var out: [UInt8] = []
    for label in labels {
      let octets =
        (try? ZoneFileLexer(label, file: "").entries().first?.tokens.first?.octets)
        .flatMap { $0 } ?? Array(label.utf8)
      out.append(UInt8(truncatingIfNeeded: octets.count))
      out += octets
    }
    return out + [0]
  }
}
