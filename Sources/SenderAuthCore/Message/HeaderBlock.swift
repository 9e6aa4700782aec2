/// One header field as read: its name as written, its value unfolded, and the line it starts
/// on (1-based, counted in the input).
public struct HeaderField: Hashable, Sendable, Codable {
  public var name: String
  /// The value with folding undone (RFC 5322 §2.2.3) and the space after the colon removed.
  public var value: String
  public var line: Int

  public init(name: String, value: String, line: Int) {
    self.name = name
    self.value = value
    self.line = line
  }
}

/// The header section of a message (RFC 5322 §2.2), split into fields: from a whole `.eml`
/// (the body after the first empty line is ignored) or from the header lines alone, as a
/// support agent pastes them. Line ends may be CRLF, LF or CR. Octets that are not UTF-8 are
/// read as Latin-1, with a note.
public struct HeaderBlock: Hashable, Sendable {
  /// The largest header section read (a real one is a few kilobytes; a hostile one is refused
  /// with a clear line instead of being held in memory).
  public static let maximumBytes = 4 << 20

  public var fields: [HeaderField]
  /// What was odd but could be read: an mbox `From ` line, octets read as Latin-1, a line that
  /// ended the header section early.
  public var notes: [String]

  public init(fields: [HeaderField], notes: [String] = []) {
    self.fields = fields
    self.notes = notes
  }

  /// The fields named `name` (case-insensitive), in message order (topmost first).
  public func fields(named name: String) -> [HeaderField] {
    let key = name.lowercased()
    return fields.filter { $0.name.lowercased() == key }
  }

  /// Splits `bytes` into header fields.
  public static func parse(_ bytes: [UInt8]) throws(MessageError) -> HeaderBlock {
    var input = bytes[...]
    if input.starts(with: [0xef, 0xbb, 0xbf]) { input = input.dropFirst(3) }
    var notes: [String] = []
    var fields: [(name: String, value: [UInt8], line: Int)] = []
    var size = 0
    var latin1: [String] = []
    var lineNumber = 0
    var started = false
    let lines = Array(Lines(input))
    for (index, line) in lines.enumerated() {
      lineNumber += 1
      if !started {
        if line.allSatisfy(isSpace) { continue }
        if line.starts(with: Array("From ".utf8)) {
          notes.append("line \(lineNumber): skipped the mbox 'From ' line")
          continue
        }
      }
      // The empty line (or one of blanks only) ends the header section; the body follows.
      if line.allSatisfy(isSpace) { break }
      size += line.count + 2
      guard size <= maximumBytes else {
        throw MessageError(
          "the header section is larger than \(maximumBytes >> 20) MiB (at line \(lineNumber));"
            + " give the headers of one message")
      }
      if let first = line.first, isSpace(first) {
        guard !fields.isEmpty else {
          throw MessageError(
            "line \(lineNumber) is a continuation line, but no header field came before it")
        }
        fields[fields.count - 1].value += line
        continue
      }
      guard let colon = line.firstIndex(of: UInt8(ascii: ":")), let name = fieldName(line[..<colon])
      else {
        let text = MessageError.excerpt(decode(line, latin1: &latin1, name: ""))
        guard started else {
          throw MessageError(
            "line \(lineNumber) is not a header field ('\(text)'); give the message source "
              + "(headers such as 'From: …' and 'DKIM-Signature: …'), as 'Show original' or a "
              + "saved .eml file holds it")
        }
        // A folded line that lost its leading space when the header was copied (mail programs
        // and web pages do), not the body (`resumes`); a body pasted without the empty line
        // keeps ending the header here, also when it quotes a 'From:' line.
        let hasFrom = fields.contains { $0.name.lowercased() == "from" }
        if !fields.isEmpty, Self.resumes(lines[(index + 1)...], fromSeen: hasFrom) {
          notes.append(
            "line \(lineNumber) is not a header field ('\(text)'), but header fields follow it: "
              + "read as part of the field above (a folded line whose leading space was lost "
              + "in copying)")
          fields[fields.count - 1].value += [UInt8(ascii: " ")] + line
          continue
        }
        notes.append(
          "line \(lineNumber) is not a header field ('\(text)'); the header section is taken "
            + "to end before it")
        break
      }
      started = true
      var value = line[line.index(after: colon)...]
      while let first = value.first, isSpace(first) { value = value.dropFirst() }
      fields.append((name, Array(value), lineNumber))
    }
    guard !fields.isEmpty else {
      throw MessageError("the message is empty: give its source, or at least its header lines")
    }
    var decoded: [HeaderField] = []
    decoded.reserveCapacity(fields.count)
    for field in fields {
      let value = decode(field.value[...], latin1: &latin1, name: field.name)
      decoded.append(HeaderField(name: field.name, value: value, line: field.line))
    }
    if !latin1.isEmpty {
      let names = latin1.prefix(5).map { "'\($0)'" }.joined(separator: ", ")
      notes.append(
        "octets that are not UTF-8 in \(names)\(latin1.count > 5 ? " …" : "") were read as "
          + "Latin-1")
    }
    return HeaderBlock(fields: decoded, notes: notes)
  }

  static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

  /// Whether the header goes on after a line that is not a field (`lines` follow it), read
  /// from a few lines only, so that a long body costs no more than a short one: the next line
  /// is a field and a From field (while none came, `fromSeen`) is among the next 64 header
  /// lines, or it is a continuation line and the run
  /// of continuation lines ends in a header field or the header's end (an indented line of a
  /// body pasted without the empty line is followed by more body).
  static func resumes(_ lines: ArraySlice<ArraySlice<UInt8>>, fromSeen: Bool) -> Bool {
    func isField(_ line: ArraySlice<UInt8>) -> String? {
      guard let first = line.first, !isSpace(first),
        let colon = line.firstIndex(of: UInt8(ascii: ":"))
      else { return nil }
      return fieldName(line[..<colon])
    }
    guard let next = lines.first, !next.allSatisfy(isSpace) else { return false }
    if isField(next) != nil {
      // While no From came, one among the next header lines shows the header goes on.
      guard !fromSeen else { return false }
      for line in lines.prefix(64) {
        if line.allSatisfy(isSpace) { return false }
        if isField(line)?.lowercased() == "from" { return true }
      }
      return false
    }
    guard let first = next.first, isSpace(first) else { return false }
    for line in lines.dropFirst().prefix(16) {
      if line.allSatisfy(isSpace) { return true }
      if let first = line.first, isSpace(first) { continue }
      return isField(line) != nil
    }
    return lines.count <= 17
  }

  /// RFC 5322 §3.6.8: `field-name = 1*ftext` (printable US-ASCII but ':'); obsolete syntax
  /// allows spaces before the colon.
  static func fieldName(_ bytes: ArraySlice<UInt8>) -> String? {
    var name = bytes
    while let last = name.last, isSpace(last) { name = name.dropLast() }
    guard !name.isEmpty, name.count <= 200, name.allSatisfy({ (33...126).contains($0) }) else {
      return nil
    }
    return String(decoding: name, as: UTF8.self)
  }

  /// The octets as UTF-8, or as Latin-1 when they are not UTF-8 (noting `name`).
  static func decode(_ bytes: ArraySlice<UInt8>, latin1: inout [String], name: String) -> String {
    if let text = String(validating: bytes, as: UTF8.self) { return text }
    if !name.isEmpty, !latin1.contains(name) { latin1.append(name) }
    var scalars = String.UnicodeScalarView()
    for byte in bytes { scalars.append(Unicode.Scalar(byte)) }
    return String(scalars)
  }

  /// The lines of the input without their ends; a line ends at CRLF, LF or CR.
  struct Lines: Sequence, IteratorProtocol {
    var rest: ArraySlice<UInt8>
    var done = false

    init(_ input: ArraySlice<UInt8>) { rest = input }

    mutating func next() -> ArraySlice<UInt8>? {
      guard !done else { return nil }
      guard let end = rest.firstIndex(where: { $0 == 0x0a || $0 == 0x0d }) else {
        done = true
        return rest.isEmpty ? nil : rest
      }
      let line = rest[..<end]
      var after = rest.index(after: end)
      if rest[end] == 0x0d, after < rest.endIndex, rest[after] == 0x0a {
        after = rest.index(after: after)
      }
      rest = rest[after...]
      return line
    }
  }
}
