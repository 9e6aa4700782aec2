/// Edits a zone file's text in place: removes records, adds lines, raises the SOA serial, and
/// keeps everything else as written (comments, order, blank lines, `$` directives).
///
/// Records are found by what they are (owner, type, data) among the file's parsed records,
/// and removed with every line they span (a record in parentheses spans several). When the
/// removed line carried the owner that the next lines inherit (a blank owner field), the owner
/// moves to the next line, so no record changes its owner.
public struct ZoneFileEditor: Sendable {
  /// The file's lines, without their line ends.
  public private(set) var lines: [String?]
  /// Lines to add after each original line (index), in order.
  private var insertions: [Int: [String]] = [:]
  private var appended: [String] = []
  private let zone: ZoneFile
  private var removed: Set<Int> = []

  /// An editor of `text`, the contents of the file `zone` was read from.
  public init(text: String, zone: ZoneFile) {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      String($0.hasSuffix("\r") ? $0.dropLast() : $0)
    }
    if lines.last == "" { lines.removeLast() }
    self.lines = lines
    self.zone = zone
  }

  /// The edited text, ending with a line end.
  public var text: String {
    var out: [String] = []
    for (index, line) in lines.enumerated() {
      if let line { out.append(line) }
      out += insertions[index] ?? []
    }
    out += appended
    return out.joined(separator: "\n") + "\n"
  }

  /// The record of the file that is `record` (owner, type, data; TXT by its text, however it
  /// is split into strings), if there is one.
  public func find(_ record: ResourceRecord) -> ResourceRecord? {
    zone.records.first {
      $0.name == record.name && $0.type == record.type && $0.origin?.line != nil
        && ($0.data == record.data
          || ($0.data.joinedText != nil && $0.data.joinedText == record.data.joinedText))
    }
  }

  /// Removes `record` and the lines it spans; false when the file does not hold it.
  @discardableResult
  public mutating func remove(_ record: ResourceRecord) -> Bool {
    guard let found = find(record), let line = found.origin?.line else { return false }
    let span = Self.span(lines.map { $0 ?? "" }, from: line - 1)
    guard !span.contains(where: removed.contains) else { return false }
    // The owner written on the first line moves to the next record line that inherits it.
    if let first = lines[span.lowerBound], let owner = Self.ownerToken(first) {
      var next = span.upperBound
      while next < lines.count, let text = lines[next], Self.isBlankOrComment(text) {
        next += 1
      }
      if next < lines.count, let text = lines[next], text.first == " " || text.first == "\t",
        !removed.contains(next)
      {
        lines[next] = owner + text
      }
    }
    for index in span {
      lines[index] = nil
      removed.insert(index)
    }
    return true
  }

  /// Adds `line` after the last record of `owner` in the file, or at its end.
  public mutating func add(_ line: String, owner: DomainName) {
    let last = zone.records.filter { $0.name == owner }.compactMap(\.origin?.line).max()
    guard let last else {
      appended.append(line)
      return
    }
    var end = Self.span(lines.map { $0 ?? "" }, from: last - 1).upperBound - 1
    // After lines already removed or inserted there, the line still goes after the record.
    end = min(max(end, 0), lines.count - 1)
    insertions[end, default: []].append(line)
  }

  /// Raises the SOA serial: to today's date as `YYYYMMDDnn` when the serial is written in that
  /// form, else by one (RFC 1982 arithmetic). Returns the old and new serial, or nil when the
  /// file has no SOA record whose serial can be found.
  public mutating func raiseSerial(today: (year: Int, month: Int, day: Int)) -> (
    old: UInt32, new: UInt32
  )? {
    guard let soa = zone.records.first(where: { $0.type == .soa }),
      case .soa(_, _, let serial, _, _, _, _) = soa.data, let line = soa.origin?.line
    else { return nil }
    let span = Self.span(lines.map { $0 ?? "" }, from: line - 1)
    guard let (index, range) = Self.serialToken(lines, span: span, serial: serial) else {
      return nil
    }
    let new = Self.nextSerial(serial, today: today)
    guard var text = lines[index] else { return nil }
    text.replaceSubrange(range, with: String(new))
    lines[index] = text
    return (serial, new)
  }

  /// The serial after `serial`: `YYYYMMDD00` of today when that is larger and the serial
  /// looks like a date, else `serial + 1` (wrapping past 2^32 − 1 to 1).
  public static func nextSerial(_ serial: UInt32, today: (year: Int, month: Int, day: Int))
    -> UInt32
  {
    let plus = serial == UInt32.max ? 1 : serial + 1
    let date =
      UInt64(today.year) * 1_000_000 + UInt64(today.month) * 10_000
      + UInt64(today.day) * 100
    let year = serial / 1_000_000
    if (1990...2200).contains(year), date <= UInt64(UInt32.max), UInt32(date) > serial {
      return UInt32(date)
    }
    return plus
  }

  // MARK: - Lines

  /// The lines a record starting at `start` spans: to the line where its parentheses close.
  static func span(_ lines: [String], from start: Int) -> Range<Int> {
    var depth = 0
    var index = start
    while index < lines.count {
      depth += parenthesisBalance(lines[index])
      index += 1
      if depth <= 0 { break }
    }
    return start..<max(index, start + 1)
  }

  /// Opening minus closing parentheses outside quotes and comments.
  static func parenthesisBalance(_ line: String) -> Int {
    var balance = 0
    var quoted = false
    var escaped = false
    for character in line {
      if escaped {
        escaped = false
        continue
      }
      switch character {
      case "\\": escaped = true
      case "\"": quoted.toggle()
      case ";" where !quoted: return balance
      case "(" where !quoted: balance += 1
      case ")" where !quoted: balance -= 1
      default: break
      }
    }
    return balance
  }

  /// The owner field of a record line (its first token when the line does not start with a
  /// blank), with the blank after it; nil for lines with a blank owner or directives.
  static func ownerToken(_ line: String) -> String? {
    guard let first = line.first, first != " ", first != "\t", first != "$", first != ";"
    else { return nil }
    let token = line.prefix { $0 != " " && $0 != "\t" }
    return String(token) + " "
  }

  static func isBlankOrComment(_ line: String) -> Bool {
    let trimmed = line.drop { $0 == " " || $0 == "\t" }
    return trimmed.isEmpty || trimmed.first == ";"
  }

  /// The line and character range of the SOA serial within `span`: the first number token
  /// after the SOA keyword and the two names, equal to `serial`.
  static func serialToken(_ lines: [String?], span: Range<Int>, serial: UInt32)
    -> (Int, Range<String.Index>)?
  {
    var sawSOA = false
    var names = 0
    for index in span {
      guard let line = lines[index] else { continue }
      var position = line.startIndex
      while position < line.endIndex {
        let character = line[position]
        if character == ";" { break }
        if character == " " || character == "\t" || character == "(" || character == ")" {
          position = line.index(after: position)
          continue
        }
        var end = position
        while end < line.endIndex, !" \t();".contains(line[end]) {
          end = line.index(after: end)
        }
        let token = line[position..<end]
        if !sawSOA {
          if token.uppercased() == "SOA" { sawSOA = true }
        } else if names < 2 {
          names += 1
        } else {
          guard UInt32(token) == serial else { return nil }
          return (index, position..<end)
        }
        position = end
      }
    }
    return nil
  }
}
