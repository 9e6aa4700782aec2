/// The state of reading one zone file (or one file it includes): origin, default TTL,
/// previous owner. Records go into a `Content` shared with the files it includes.
struct ZoneFileParser {
  /// What a zone file and the files it includes produce.
  struct Content {
    var records: [ResourceRecord] = []
    /// Records of types senderauth does not read: their owner and type still count for the
    /// zone's structure (CNAME beside other data, data below a DNAME).
    var notRead: [ResourceRecord] = []
    /// The first `$ORIGIN` of the top file.
    var firstOrigin: DomainName?
    var warnings: [ZoneFileWarning] = []
  }

  /// Where `$INCLUDE` may read: below `root` (the top zone file's directory, symbolic links
  /// resolved), not a file already being read.
  struct IncludeContext {
    var root: String
    var stack: [String]
  }

  /// Include depth Knot users never need more of; deeper is a loop or an attack.
  static let maximumIncludeDepth = 8

  let file: String
  let directory: String?
  var origin: DomainName?
  var defaultTTL: UInt32?
  let include: IncludeContext?
  var lastOwner: DomainName?

  init(
    file: String, directory: String?, origin: DomainName?, defaultTTL: UInt32?,
    include: IncludeContext?
  ) {
    self.file = file
    self.directory = directory
    self.origin = origin
    self.defaultTTL = defaultTTL
    self.include = include
  }

  mutating func parse(_ bytes: [UInt8], into content: inout Content) throws(ZoneFileError) {
    for entry in try ZoneFileLexer(bytes: bytes, file: file).entries() {
      try read(entry, into: &content)
    }
  }

  private func fail(_ token: ZoneToken, _ message: String) -> ZoneFileError {
    ZoneFileError(
      file: file, line: token.line, column: token.column, token: token.raw, message: message)
  }

  private mutating func read(_ entry: ZoneEntry, into content: inout Content)
    throws(ZoneFileError)
  {
    var tokens = entry.tokens[...]
    guard let first = tokens.first else { return }
    if !entry.ownerOmitted, !first.quoted, first.bytes.first == UInt8(ascii: "$") {
      guard entry.terminated else {
        // Knot 3.2 skips a directive on a last line that has no line end, even $INCLUDE.
        content.warnings.append(
          ZoneFileWarning(
            kind: .ignoredDirective, file: file, line: entry.line,
            message: "\(first.raw) on the last line is ignored: the file does not end with a "
              + "line end (Knot skips it; add one)"))
        return
      }
      try directive(first, Array(tokens.dropFirst()), into: &content)
      return
    }
    let owner: DomainName
    if entry.ownerOmitted {
      guard let previous = lastOwner else {
        throw fail(
          first,
          "the line starts with a blank, so it continues the previous owner, but there is none")
      }
      owner = previous
    } else {
      owner = try ZoneFileField.name(first, origin: origin, file: file, what: "owner")
      tokens = tokens.dropFirst()
    }
    lastOwner = owner
    // RFC 1035 §5.1: [TTL] [class] or [class] [TTL], each at most once.
    var ttl: UInt32?
    var sawClass = false
    while let token = tokens.first, !token.quoted {
      if ttl == nil, let lead = token.bytes.first, DomainName.isDigit(lead) {
        guard let value = ZoneFileField.ttl(token.bytes) else {
          throw fail(
            token,
            "TTL \(ZoneFileError.quoted(token.raw)) is not a TTL (seconds up to 4294967295, "
              + "or units such as 1h30m)")
        }
        ttl = value
      } else if !sawClass, Self.isClass(token.raw) {
        guard token.raw.uppercased() == "IN" else {
          throw fail(
            token,
            "class \(ZoneFileError.quoted(token.raw)) is not supported; a zone holds IN "
              + "records only")
        }
        sawClass = true
      } else {
        break
      }
      tokens = tokens.dropFirst()
    }
    guard let typeToken = tokens.first else {
      throw fail(
        entry.tokens[entry.tokens.count - 1], "the record for '\(owner.absolute)' has no type")
    }
    tokens = tokens.dropFirst()
    guard !typeToken.quoted, let type = RRType(mnemonic: typeToken.raw) else {
      throw fail(typeToken, "\(ZoneFileError.quoted(typeToken.raw)) is not a record type")
    }
    let origin = RecordOrigin(file: file, line: entry.line)
    let recordTTL = ttl ?? defaultTTL ?? ZoneFile.defaultTTL
    guard
      let data = try RData.parse(
        Array(tokens), type: type, origin: self.origin, file: file, line: typeToken.line)
    else {
      content.notRead.append(
        ResourceRecord(
          name: owner, type: type, ttl: recordTTL, data: .unknown([]), origin: origin))
      return
    }
    content.records.append(
      ResourceRecord(name: owner, type: type, ttl: recordTTL, data: data, origin: origin))
  }

  /// IN, CH, CS, HS, NONE, ANY and `CLASSnnn`.
  static func isClass(_ text: String) -> Bool {
    guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return false }
    let upper = text.uppercased()
    if ["IN", "CH", "CS", "HS", "NONE", "ANY"].contains(upper) { return true }
    return upper.hasPrefix("CLASS") && upper.count > 5
      && upper.utf8.dropFirst(5).allSatisfy(DomainName.isDigit)
  }

  private mutating func directive(
    _ keyword: ZoneToken, _ arguments: [ZoneToken], into content: inout Content
  ) throws(ZoneFileError) {
    switch keyword.raw.uppercased() {
    case "$ORIGIN":
      guard arguments.count == 1 else {
        throw fail(arguments.dropFirst().first ?? keyword, "$ORIGIN takes one absolute name")
      }
      origin = try absoluteName(arguments[0], "$ORIGIN")
      let isTopFile = (include?.stack.count ?? 1) <= 1
      if content.firstOrigin == nil, isTopFile { content.firstOrigin = origin }
    case "$TTL":
      guard arguments.count == 1 else {
        throw fail(arguments.dropFirst().first ?? keyword, "$TTL takes one TTL")
      }
      guard !arguments[0].quoted, let value = ZoneFileField.ttl(arguments[0].bytes) else {
        throw fail(
          arguments[0],
          "$TTL \(ZoneFileError.quoted(arguments[0].raw)) is not a TTL (seconds up to "
            + "4294967295, or units such as 1h30m)")
      }
      defaultTTL = value
    case "$INCLUDE":
      guard (1...2).contains(arguments.count) else {
        throw fail(
          arguments.dropFirst(2).first ?? keyword, "$INCLUDE takes a file name and an origin")
      }
      let includeOrigin = try arguments.count == 2 ? absoluteName(arguments[1], "$INCLUDE") : origin
      try includeFile(arguments[0], origin: includeOrigin, into: &content)
    default:
      throw fail(
        keyword,
        "unknown directive \(ZoneFileError.quoted(keyword.raw)) (zone files have $ORIGIN, "
          + "$TTL and $INCLUDE)")
    }
  }

  private func absoluteName(_ token: ZoneToken, _ directive: String) throws(ZoneFileError)
    -> DomainName
  {
    let bytes = token.bytes
    let endsWithDot =
      bytes.last == UInt8(ascii: ".")
      && bytes.reversed().dropFirst().prefix { $0 == UInt8(ascii: "\\") }.count % 2 == 0
    guard !token.quoted, endsWithDot else {
      throw fail(
        token,
        "\(directive) needs an absolute name ending in '.', not "
          + ZoneFileError.quoted(token.raw))
    }
    return try ZoneFileField.name(token, origin: nil, file: file, what: "\(directive) name")
  }

  /// `$INCLUDE file [origin]`: the file is read with its own origin (`origin`), the current
  /// `$TTL` and no previous owner; what it sets does not flow back, as in Knot.
  private mutating func includeFile(
    _ token: ZoneToken, origin includeOrigin: DomainName?, into content: inout Content
  ) throws(ZoneFileError) {
    guard let include, let directory else {
      throw fail(token, "$INCLUDE needs a zone file read from disk")
    }
    let name = String(
      decoding: try ZoneFileField.characterString(token, file: file), as: UTF8.self)
    let path = name.hasPrefix("/") ? name : directory + "/" + name
    guard let real = ZoneFile.realPath(path) else {
      throw fail(token, "cannot read the included file \(ZoneFileError.quoted(name))")
    }
    guard real.hasPrefix(include.root + "/") else {
      throw fail(
        token,
        "the included file \(ZoneFileError.quoted(name)) lies outside the zone file's "
          + "directory; senderauth includes files from there only")
    }
    guard !include.stack.contains(real) else {
      throw fail(token, "\(ZoneFileError.quoted(name)) includes itself")
    }
    guard include.stack.count < Self.maximumIncludeDepth else {
      throw fail(token, "more than \(Self.maximumIncludeDepth) nested $INCLUDEs")
    }
    let bytes: [UInt8]
    do {
      bytes = try ZoneFile.readFile(path, requireRegularFile: true)
    } catch {
      throw fail(token, "the included file \(ZoneFileError.quoted(name)): \(error.message)")
    }
    var nested = include
    nested.stack.append(real)
    var parser = ZoneFileParser(
      file: path, directory: ZoneFile.directory(of: path), origin: includeOrigin,
      defaultTTL: defaultTTL, include: nested)
    try parser.parse(bytes, into: &content)
  }
}
